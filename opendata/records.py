"""The one public shape of each record of the registry, shared by the API, the CSV and the
registry export: all three languages of every text, ISO dates, and references to other records
by their natural keys (codes, slugs, manual versions, study keys), never by database ids.

`method_record`, `evaluation_record` and the others below are the shared content: the export
writes exactly them and the import reads them back. The API serves the same records with only
its own identifiers and links on top (`api_method_record`, …): the database id, the addresses
of the record's pages and of itself in the API, and the time of its last change.
"""

import hashlib
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse

from evaluations.models import CountedAnswer, CriterionAnswer, Evaluation, EvaluationStudy, Study
from implementation.models import (
    Adoption,
    NationalSelection,
    ServiceModel,
    ServiceModelMethod,
    TrainingRecord,
)
from lib.http import absolute_url
from lib.languages import LANGUAGES, texts_by_language, translated_fields
from lib.page_paths import page_path
from methods.facets import FacetIndex, facet_index
from methods.models import (
    VOCABULARY_RELATIONS,
    Contact,
    Method,
    Organisation,
    Region,
    ScaleLevel,
    Term,
)


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def study_key(study: Study) -> str:
    """A study's stable name across databases: from what identifies the publication."""
    content = f"{study.citation}|{study.year}|{study.doi}"
    return "study-" + hashlib.sha1(content.encode()).hexdigest()[:12]


# --- What the records are read with -------------------------------------------------------


def methods_for_records(methods: QuerySet[Method]) -> QuerySet[Method]:
    """The published methods with everything their records show but their terms (which
    come from the facet index: term_codes_of), in two queries."""
    return methods.select_related("owner", "rating__scale").prefetch_related("contacts")


def evaluations_for_records(evaluations: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    """The evaluations with everything their records show, in a fixed number of queries."""
    answers = (
        CriterionAnswer.objects.select_related("criterion")
        .prefetch_related("studies")
        .order_by("criterion__position", "criterion__code")
    )
    links = EvaluationStudy.objects.select_related("study__design").prefetch_related("study__focus")
    return evaluations.select_related(
        "method", "manual__scale", "level__scale", "review_type"
    ).prefetch_related(
        Prefetch("answers", queryset=answers),
        Prefetch("evaluationstudy_set", queryset=links),
        "evaluators",
        "peer_reviewers",
    )


def adoptions_for_records(adoptions: QuerySet[Adoption]) -> QuerySet[Adoption]:
    """Public adoptions with everything their records show, in a fixed number of queries."""
    return (
        adoptions.filter(method__is_published=True)
        .select_related("region", "method", "care_level")
        .prefetch_related("service_settings")
        .order_by("region__code", "method__slug")
    )


def training_records_for_records(records: QuerySet[TrainingRecord]) -> QuerySet[TrainingRecord]:
    """The training figures of public adoptions only."""
    return (
        records.filter(adoption__method__is_published=True)
        .select_related("adoption__region", "adoption__method")
        .order_by("adoption__region__code", "adoption__method__slug", "year")
    )


def service_models_for_records(models: QuerySet[ServiceModel]) -> QuerySet[ServiceModel]:
    """Published service models with their parts and their published methods."""
    entries = (
        ServiceModelMethod.objects.filter(method__is_published=True)
        .select_related("method", "care_level")
        .order_by("age_group", "method__slug")
    )
    return (
        models.filter(is_published=True)
        .prefetch_related(
            "regions",
            "topics",
            "parts",
            Prefetch("method_entries", queryset=entries, to_attr="public_entries"),
        )
        .order_by("slug")
    )


def selections_for_records(
    selections: QuerySet[NationalSelection],
) -> QuerySet[NationalSelection]:
    """National decisions on published methods, oldest first per method: they are history."""
    return (
        selections.filter(method__is_published=True)
        .select_related("method")
        .order_by("method__slug", "decided_on", "pk")
    )


# --- The shared records -------------------------------------------------------------------


def term_record(term: Term) -> dict:
    return {
        "vocabulary": term.vocabulary,
        "code": term.code,
        "position": term.position,
        "label": texts_by_language(term, "label"),
    }


def organisation_record(organisation: Organisation) -> dict:
    return {
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


def level_record(level: ScaleLevel) -> dict:
    """A level of a rating scale, as a method's rating and an evaluation's level show it."""
    return {
        "scale": level.scale.code,
        "level": level.value,
        "key": level.key,
        "label": texts_by_language(level, "label"),
        "evidence_group": level.evidence_group or None,
    }


def rating_record(method: Method) -> dict | None:
    """The level of the method's latest published evaluation, or None when it has none."""
    if method.rating is None:
        return None
    return {
        **level_record(method.rating),
        "evaluation_version": method.rating_version,
        "evaluated_on": iso(method.rated_on),
    }


def contact_record(contact: Contact) -> dict:
    return {
        "name": contact.name,
        "role": texts_by_language(contact, "role"),
        "email": contact.email,
        "phone": contact.phone,
    }


def method_record(method: Method, index: FacetIndex | None = None) -> dict:
    """`index`: the facet index to read the terms from, when a caller outside a request
    records many methods (inside one, facet_index() is the same all through)."""
    return {
        "slug": method.slug,
        **{name: texts_by_language(method, name) for name in translated_fields(Method)},
        "original_name": method.original_name,
        "acronym": method.acronym,
        "age_min": method.age_min,
        "age_max": method.age_max,
        **term_codes_of(method, index or facet_index()),
        "training_available_in_finland": method.training_available_in_finland,
        "owner": method.owner.slug if method.owner else None,
        "website": method.website,
        "contacts": [
            contact_record(contact)
            for contact in sorted(method.contacts.all(), key=lambda c: (c.name, c.email, c.pk))
        ],
        "rating": rating_record(method),
    }


def term_codes_of(method: Method, index: FacetIndex) -> dict[str, list[str]]:
    """Each vocabulary relation of a published method → the codes of its terms, sorted.

    From the facet index, which holds every published method: prefetching the terms of a
    page of 50 took half the API list's time, most of it making a queryset a method and
    relation. A method published since the index was read is read from the database.
    """
    codes = index.codes_of(method.pk)
    if codes is None:
        return {
            relation: sorted(getattr(method, relation).values_list("code", flat=True))
            for relation in VOCABULARY_RELATIONS
        }
    return {relation: codes[vocabulary] for relation, vocabulary in VOCABULARY_RELATIONS.items()}


def study_record(link: EvaluationStudy) -> dict:
    """A study as screened for one evaluation: the study, and whether it was included."""
    return {
        "key": study_key(link.study),
        **link.study.public_record(),
        "included": link.included,
        "reason": link.reason,
    }


def answer_record(row: CountedAnswer) -> dict:
    """An answer as the rule counts it: a "met" whose studies fall short of the criterion's
    requirement is "not_met" here, and `discounted_because` says why (null otherwise)."""
    answer = row.answer
    return {
        "criterion": answer.criterion.code,
        "area": answer.criterion.area,
        "criterion_level": answer.criterion.level,
        "answer": row.counted,
        "discounted_because": row.note,
        "justification": texts_by_language(answer, "justification"),
        "studies": sorted(study_key(study) for study in answer.studies.all()),
    }


def evaluation_record(evaluation: Evaluation) -> dict:
    level = level_record(evaluation.level)
    names = evaluation.public_names()
    return {
        "method": evaluation.method.slug,
        "version": evaluation.version,
        "manual": evaluation.manual.version,
        "scale": evaluation.manual.scale.code,
        "level": level["level"],
        "level_key": level["key"],
        "level_label": level["label"],
        "outcome": evaluation.outcome or None,
        "outcome_reason": evaluation.outcome_reason,
        "review_type": evaluation.review_type.code if evaluation.review_type else None,
        "rests_on_unlisted_studies": evaluation.rests_on_unlisted_studies,
        "summary": texts_by_language(evaluation, "summary"),
        "change_note": texts_by_language(evaluation, "change_note"),
        "started_on": iso(evaluation.started_on),
        "published_on": iso(evaluation.published_on),
        # Empty when the evaluators chose to stay anonymous, as on the method page.
        "evaluators": sorted(names.get("evaluators", [])),
        "peer_reviewers": sorted(names.get("peer_reviewers", [])),
        "studies": sorted(
            (study_record(link) for link in evaluation.evaluationstudy_set.all()),
            key=lambda record: record["key"],
        ),
        "answers": [answer_record(row) for row in evaluation.counted_answers()],
    }


def adoption_record(adoption: Adoption) -> dict:
    """One method in one region. The ages are the region's own; null means the method's."""
    return {
        "region": adoption.region.code,
        "method": adoption.method.slug,
        "status": adoption.status,
        "care_level": adoption.care_level.code if adoption.care_level else None,
        "service_settings": sorted(term.code for term in adoption.service_settings.all()),
        "age_min": adoption.age_min,
        "age_max": adoption.age_max,
        "start_year": adoption.start_year,
        "end_year": adoption.end_year,
        "notes": texts_by_language(adoption, "notes"),
        "source_url": adoption.source_url,
        "is_illustrative": adoption.is_illustrative,
    }


def training_record(record: TrainingRecord) -> dict:
    """A region's aggregate training figures for one adopted method in one year."""
    return {
        "region": record.adoption.region.code,
        "method": record.adoption.method.slug,
        "year": record.year,
        "trained": record.trained,
        "eligible": record.eligible,
        "coverage_percent": record.coverage_percent,
        "target_percent": record.target_percent,
        "target_reached": record.target_reached,
        "supervisors": record.supervisors,
        "episodes": record.episodes,
        "source_url": record.source_url,
        "is_illustrative": record.is_illustrative,
    }


SERVICE_MODEL_TEXTS = (
    "name",
    "summary",
    "funders",
    "basic_idea",
    "environment",
    "target_group",
    "conditions",
    "results",
    "tips",
)


def service_model_record(model: ServiceModel) -> dict:
    parts = sorted(model.parts.all(), key=lambda part: (part.position, part.pk))
    return {
        "slug": model.slug,
        **{name: texts_by_language(model, name) for name in SERVICE_MODEL_TEXTS},
        "level": model.level,
        "stage": model.stage,
        "regions": sorted(region.code for region in model.regions.all()),
        "topics": sorted(term.code for term in model.topics.all()),
        "parts": [
            {
                "position": part.position,
                "name": texts_by_language(part, "name"),
                "description": texts_by_language(part, "description"),
            }
            for part in parts
        ],
        # Methods that are not published are left out, as on the service model's page.
        "methods": [
            {
                "method": entry.method.slug,
                "age_group": entry.age_group,
                "care_level": entry.care_level.code if entry.care_level else None,
                "note": texts_by_language(entry, "note"),
            }
            for entry in model.public_entries
        ],
        "record_created": iso(model.record_created),
        "record_updated": iso(model.record_updated),
        "source_url": model.source_url,
    }


def selection_record(selection: NationalSelection) -> dict:
    return {
        "method": selection.method.slug,
        "decided_on": iso(selection.decided_on),
        "deciding_body": texts_by_language(selection, "deciding_body"),
        "decision": selection.decision,
        "evidence_based": selection.evidence_based,
        "evidence_reason": texts_by_language(selection, "evidence_reason"),
        "answers_need": selection.answers_need,
        "need_reason": texts_by_language(selection, "need_reason"),
        "suits_target_group": selection.suits_target_group,
        "target_group_reason": texts_by_language(selection, "target_group_reason"),
        "source_url": selection.source_url,
    }


# --- The API's records: the shared ones with its identifiers and links on top -------------


def page_urls(record: Method | ServiceModel, request: HttpRequest | None) -> dict[str, str]:
    """The record's public page in each language."""
    return {
        language: absolute_url(request, page_path(record.page_view, record.slug, language))
        for language in LANGUAGES
    }


def api_organisation_record(organisation: Organisation) -> dict:
    return {"id": organisation.pk, **organisation_record(organisation)}


def api_method_record(method: Method, request: HttpRequest | None) -> dict:
    return {
        "id": method.pk,
        **method_record(method),
        "url": page_urls(method, request),
        "api_url": absolute_url(request, page_path("api:method", method.slug)),
        "updated_at": iso(method.updated_at),
    }


def api_evaluation_record(evaluation: Evaluation, request: HttpRequest | None) -> dict:
    return {
        "id": evaluation.pk,
        **evaluation_record(evaluation),
        "api_url": absolute_url(request, reverse("api:evaluation", args=[evaluation.pk])),
        "updated_at": iso(evaluation.updated_at),
    }


def api_adoption_record(adoption: Adoption, request: HttpRequest | None) -> dict:
    return {
        "id": adoption.pk,
        **adoption_record(adoption),
        "api_url": absolute_url(request, reverse("api:adoption", args=[adoption.pk])),
        "updated_at": iso(adoption.updated_at),
    }


def api_training_record(record: TrainingRecord) -> dict:
    return {"id": record.pk, **training_record(record), "updated_at": iso(record.updated_at)}


def api_service_model_record(model: ServiceModel, request: HttpRequest | None) -> dict:
    return {
        "id": model.pk,
        **service_model_record(model),
        "url": page_urls(model, request),
        "api_url": absolute_url(request, page_path("api:service_model", model.slug)),
        "updated_at": iso(model.updated_at),
    }


def api_selection_record(selection: NationalSelection) -> dict:
    return {
        "id": selection.pk,
        **selection_record(selection),
        "recorded_at": iso(selection.created_at),
    }
