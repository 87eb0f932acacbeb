"""The one public shape of each record of the registry, shared by the API, the CSV and the
registry export: all three languages of every text, stable codes and slugs, ISO dates."""

from datetime import date, datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import override

from evaluations.models import Evaluation, EvaluationStudy
from lib.http import absolute_url
from lib.languages import LANGUAGES, texts_by_language
from methods.models import VOCABULARY_RELATIONS, Method, Organisation, Region, Term


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def term_record(term: Term) -> dict:
    return {
        "code": term.code,
        "vocabulary": term.vocabulary,
        "label": texts_by_language(term, "label"),
    }


def organisation_record(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "slug": organisation.slug,
        "name": texts_by_language(organisation, "name"),
        "website": organisation.website,
    }


def region_record(region: Region) -> dict:
    return {
        "code": region.code,
        "kind": region.kind,
        "name": texts_by_language(region, "name"),
        "cooperation_area": region.cooperation_area,
    }


def rating_record(method: Method) -> dict | None:
    level = method.rating
    if level is None:
        return None
    return {
        "scale": level.scale.code,
        "level": level.value,
        "key": level.key,
        "label": texts_by_language(level, "label"),
        "evidence_group": level.evidence_group or None,
        "evaluation_version": method.rating_version,
        "evaluated_on": iso(method.rated_on),
    }


def page_urls(method: Method, request: HttpRequest) -> dict[str, str]:
    """The method's public page in each language."""
    urls = {}
    for language in LANGUAGES:
        with override(language):
            urls[language] = absolute_url(request, method.get_absolute_url())
    return urls


def method_record(method: Method, request: HttpRequest, detail: bool = False) -> dict:
    record = {
        "id": method.pk,
        "slug": method.slug,
        "url": page_urls(method, request),
        "api_url": absolute_url(request, reverse("api:method", args=[method.slug])),
        "name": texts_by_language(method, "name"),
        "original_name": method.original_name,
        "acronym": method.acronym,
        "summary": texts_by_language(method, "summary"),
        "age_min": method.age_min,
        "age_max": method.age_max,
        **{
            relation: [term.code for term in getattr(method, relation).all()]
            for relation in VOCABULARY_RELATIONS
        },
        "owner": organisation_record(method.owner) if method.owner else None,
        "website": method.website,
        "rating": rating_record(method),
        "updated_at": iso(method.updated_at),
    }
    if detail:
        for field in ("aims", "description", "duration", "deliverers", "training"):
            record[field] = texts_by_language(method, field)
        for field in ("training_duration", "certification", "materials", "costs"):
            record[field] = texts_by_language(method, field)
        record["training_available_in_finland"] = method.training_available_in_finland
        record["contacts"] = [
            {
                "name": c.name,
                "role": texts_by_language(c, "role"),
                "email": c.email,
                "phone": c.phone,
            }
            for c in method.contacts.all()
        ]
    return record


def study_record(link: EvaluationStudy) -> dict:
    return {
        "id": link.study.pk,
        **link.study.public_record(),
        "included": link.included,
        "reason": link.reason,
    }


def evaluation_record(evaluation: Evaluation, request: HttpRequest, detail: bool = False) -> dict:
    level = evaluation.level
    record = {
        "id": evaluation.pk,
        "method": evaluation.method.slug,
        "version": evaluation.version,
        "manual": evaluation.manual.version,
        "scale": evaluation.manual.scale.code,
        "level": level.value,
        "level_key": level.key,
        "level_label": texts_by_language(level, "label"),
        "outcome": evaluation.outcome or None,
        "review_type": evaluation.review_type.code if evaluation.review_type else None,
        "summary": texts_by_language(evaluation, "summary"),
        "change_note": texts_by_language(evaluation, "change_note"),
        "started_on": iso(evaluation.started_on),
        "published_on": iso(evaluation.published_on),
        "api_url": absolute_url(request, reverse("api:evaluation", args=[evaluation.pk])),
    }
    if detail:
        record["evaluators"] = evaluation.public_names()
        record["answers"] = [
            {
                "criterion": answer.criterion.code,
                "area": answer.criterion.area,
                "criterion_level": answer.criterion.level,
                "answer": answer.answer or None,
                "justification": answer.justification,
                "studies": [study.pk for study in answer.studies.all()],
            }
            for answer in evaluation.answers.all()
        ]
        record["studies"] = [study_record(link) for link in evaluation.evaluationstudy_set.all()]
    return record
