"""The whole public registry as one JSON document: export, and an import that checks
everything first and changes nothing unless every record is valid.

Records refer to each other by natural keys (codes, slugs, manual versions), never by
database ids, so export → import into an empty database → export gives the same document.
A method's rating is not in the document: the import recomputes each evaluation's level from
its answers with the rating rule and refuses the document if it differs from the stated one.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from evaluations.models import (
    Answer,
    CriterionAnswer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Manual,
    Outcome,
    Quality,
    Study,
)
from lib.languages import LANGUAGES, field_values, texts_by_language, translated_fields
from lib.page_cache import bump_public_version
from methods.models import (
    MAX_AGE,
    VOCABULARY_RELATIONS,
    Contact,
    Method,
    Organisation,
    Region,
    ScaleLevel,
    Term,
)
from methods.search import index_methods

FORMAT = "kasvuntuki-registry"
FORMAT_VERSION = 1
METHOD_TEXTS = translated_fields(Method)


def study_key(study: Study) -> str:
    content = f"{study.citation}|{study.year}|{study.doi}"
    return "study-" + hashlib.sha1(content.encode()).hexdigest()[:12]


# --- Export -------------------------------------------------------------------------------


def export_registry() -> dict:
    methods = (
        Method.objects.published()
        .select_related("owner")
        .prefetch_related(*VOCABULARY_RELATIONS, "contacts")
        .order_by("slug")
    )
    evaluations = (
        Evaluation.objects.published()
        .filter(method__is_published=True)
        .select_related("method", "manual", "level", "review_type")
        .prefetch_related("answers__criterion", "answers__studies", "evaluationstudy_set__study")
        .order_by("method__slug", "version")
    )
    studies = {
        link.study.pk: link.study for e in evaluations for link in e.evaluationstudy_set.all()
    }
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "vocabularies": [
            {
                "vocabulary": t.vocabulary,
                "code": t.code,
                "position": t.position,
                "label": texts_by_language(t, "label"),
            }
            for t in Term.objects.order_by("vocabulary", "position", "code")
        ],
        "organisations": [
            {"slug": o.slug, "name": texts_by_language(o, "name"), "website": o.website}
            for o in Organisation.objects.order_by("slug")
        ],
        "regions": [
            {
                "code": r.code,
                "kind": r.kind,
                "name": texts_by_language(r, "name"),
                "cooperation_area": r.cooperation_area,
            }
            for r in Region.objects.order_by("code")
        ],
        "methods": [method_record(m) for m in methods],
        "studies": sorted(
            (study_record(s) for s in studies.values()), key=lambda record: record["key"]
        ),
        "evaluations": [evaluation_record(e) for e in evaluations],
    }


def method_record(method: Method) -> dict:
    return {
        "slug": method.slug,
        **{name: texts_by_language(method, name) for name in METHOD_TEXTS},
        "original_name": method.original_name,
        "acronym": method.acronym,
        "age_min": method.age_min,
        "age_max": method.age_max,
        **{
            relation: sorted(t.code for t in getattr(method, relation).all())
            for relation in VOCABULARY_RELATIONS
        },
        "training_available_in_finland": method.training_available_in_finland,
        "owner": method.owner.slug if method.owner else None,
        "website": method.website,
        "contacts": [
            {
                "name": c.name,
                "role": texts_by_language(c, "role"),
                "email": c.email,
                "phone": c.phone,
            }
            for c in sorted(method.contacts.all(), key=lambda c: (c.name, c.email))
        ],
    }


def study_record(study: Study) -> dict:
    return {"key": study_key(study), **study.public_record()}


def evaluation_record(evaluation: Evaluation) -> dict:
    return {
        "method": evaluation.method.slug,
        "version": evaluation.version,
        "manual": evaluation.manual.version,
        "level": evaluation.level.key,
        "review_type": evaluation.review_type.code if evaluation.review_type else None,
        "summary": texts_by_language(evaluation, "summary"),
        "change_note": texts_by_language(evaluation, "change_note"),
        "outcome": evaluation.outcome,
        "outcome_reason": evaluation.outcome_reason,
        "started_on": evaluation.started_on.isoformat() if evaluation.started_on else None,
        "published_on": evaluation.published_on.isoformat() if evaluation.published_on else None,
        "studies": sorted(
            (
                {"study": study_key(link.study), "included": link.included, "reason": link.reason}
                for link in evaluation.evaluationstudy_set.all()
            ),
            key=lambda record: record["study"],
        ),
        "answers": [
            {
                "criterion": answer.criterion.code,
                "answer": answer.answer,
                "justification": answer.justification,
                "studies": sorted(study_key(s) for s in answer.studies.all()),
            }
            for answer in sorted(evaluation.answers.all(), key=lambda a: a.criterion.position)
        ],
    }


# --- Validation ---------------------------------------------------------------------------


@dataclass
class Problems:
    items: list[str] = field(default_factory=list)

    def add(self, where: str, field_name: str, message: str) -> None:
        self.items.append(f"{where}: {field_name}: {message}")


def check_texts(problems: Problems, where: str, record: dict, name: str, required: bool) -> None:
    value = record.get(name)
    if not isinstance(value, dict) or not all(isinstance(text, str) for text in value.values()):
        problems.add(where, name, "must be an object of texts by language (fi, sv, en)")
    elif set(value) - set(LANGUAGES):
        problems.add(where, name, f"unknown language {sorted(set(value) - set(LANGUAGES))[0]}")
    elif required and not value.get("fi"):
        problems.add(where, name, "the Finnish text is required")


def check_int(problems: Problems, where: str, record: dict, name: str, low: int, high: int):
    value = record.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.add(where, name, f"must be a whole number from {low} to {high}")


def check_str(problems: Problems, where: str, record: dict, name: str, required: bool = False):
    value = record.get(name)
    if not isinstance(value, str) or (required and not value.strip()):
        problems.add(where, name, "is required" if required else "must be a text")


def check_date(problems: Problems, where: str, record: dict, name: str) -> None:
    value = record.get(name)
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.add(where, name, "must be an ISO date (YYYY-MM-DD) or null")


def validate(document: object) -> list[str]:
    """Every problem of the document, each naming its record and field; empty when valid."""
    problems = Problems()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return [f"document: format: must be {FORMAT!r}"]
    if document.get("version") != FORMAT_VERSION:
        return [f"document: version: must be {FORMAT_VERSION}"]
    for section in ("vocabularies", "organisations", "regions", "methods", "studies"):
        if not isinstance(document.get(section), list):
            problems.add("document", section, "must be a list")
    if not isinstance(document.get("evaluations"), list):
        problems.add("document", "evaluations", "must be a list")
    if problems.items:
        return problems.items
    if not all(
        isinstance(r, dict)
        for s in ("vocabularies", "organisations", "regions", "methods", "studies", "evaluations")
        for r in document[s]
    ):
        return ["document: every record must be an object"]

    terms = {(t.get("vocabulary"), t.get("code")) for t in document["vocabularies"]}
    for index, term in enumerate(document["vocabularies"]):
        where = f"vocabularies[{index}] ({term.get('code')!r})"
        check_str(problems, where, term, "code", required=True)
        check_str(problems, where, term, "vocabulary", required=True)
        check_texts(problems, where, term, "label", required=True)
    organisations = {o.get("slug") for o in document["organisations"]}
    for index, organisation in enumerate(document["organisations"]):
        where = f"organisations[{index}] ({organisation.get('slug')!r})"
        check_str(problems, where, organisation, "slug", required=True)
        check_texts(problems, where, organisation, "name", required=True)
    for index, region in enumerate(document["regions"]):
        where = f"regions[{index}] ({region.get('code')!r})"
        check_str(problems, where, region, "code", required=True)
        check_texts(problems, where, region, "name", required=True)

    existing = set(Method.objects.values_list("slug", flat=True))
    slugs = set()
    for index, method in enumerate(document["methods"]):
        where = f"methods[{index}] ({method.get('slug')!r})"
        check_str(problems, where, method, "slug", required=True)
        if method.get("slug") in existing:
            problems.add(where, "slug", "a method with this slug is already in the registry")
        if method.get("slug") in slugs:
            problems.add(where, "slug", "appears twice in the document")
        slugs.add(method.get("slug"))
        for name in METHOD_TEXTS:
            check_texts(problems, where, method, name, required=name == "name")
        check_int(problems, where, method, "age_min", 0, MAX_AGE)
        check_int(problems, where, method, "age_max", 0, MAX_AGE)
        ages = (method.get("age_min"), method.get("age_max"))
        if all(isinstance(age, int) for age in ages) and ages[0] > ages[1]:
            problems.add(where, "age_max", "must not be below age_min")
        for relation, vocabulary in VOCABULARY_RELATIONS.items():
            codes = method.get(relation)
            if not isinstance(codes, list):
                problems.add(where, relation, "must be a list of codes")
                continue
            for code in codes:
                if (vocabulary, code) not in terms:
                    problems.add(where, relation, f"unknown {vocabulary} code {code!r}")
        if method.get("owner") is not None and method.get("owner") not in organisations:
            problems.add(where, "owner", f"unknown organisation {method.get('owner')!r}")

    study_keys = {s.get("key") for s in document["studies"]}
    for index, study in enumerate(document["studies"]):
        where = f"studies[{index}] ({study.get('key')!r})"
        check_str(problems, where, study, "citation", required=True)
        check_int(problems, where, study, "year", 1900, 2100)
        if ("study_design", study.get("design")) not in terms:
            problems.add(where, "design", f"unknown study design {study.get('design')!r}")
        if study.get("quality") not in Quality.values:
            problems.add(where, "quality", f"must be one of {', '.join(Quality.values)}")

    manuals = {m.version: m for m in Manual.objects.prefetch_related("criteria")}
    level_keys = set(ScaleLevel.objects.values_list("key", flat=True))
    for index, evaluation in enumerate(document["evaluations"]):
        where = f"evaluations[{index}] ({evaluation.get('method')!r}, {evaluation.get('version')})"
        if evaluation.get("method") not in slugs:
            problems.add(where, "method", "unknown method slug")
        check_int(problems, where, evaluation, "version", 1, 999)
        manual = manuals.get(evaluation.get("manual"))
        if manual is None:
            problems.add(where, "manual", f"unknown manual version {evaluation.get('manual')!r}")
        if evaluation.get("level") not in level_keys:
            problems.add(where, "level", f"unknown level {evaluation.get('level')!r}")
        if evaluation.get("outcome", "") not in Outcome.values:
            problems.add(where, "outcome", "unknown outcome")
        for name in ("started_on", "published_on"):
            check_date(problems, where, evaluation, name)
        criteria = {c.code for c in manual.criteria.all()} if manual else set()
        for answer_index, answer in enumerate(evaluation.get("answers") or []):
            at = f"{where} answers[{answer_index}]"
            if answer.get("criterion") not in criteria:
                problems.add(
                    at, "criterion", f"not a criterion of manual {evaluation.get('manual')}"
                )
            if answer.get("answer", "") not in ["", *Answer.values]:
                problems.add(at, "answer", f"must be one of {', '.join(Answer.values)}")
            for key in answer.get("studies") or []:
                if key not in study_keys:
                    problems.add(at, "studies", f"unknown study {key!r}")
        for link_index, link in enumerate(evaluation.get("studies") or []):
            if link.get("study") not in study_keys:
                problems.add(f"{where} studies[{link_index}]", "study", "unknown study")
    return problems.items


# --- Import -------------------------------------------------------------------------------


class InvalidDocument(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@transaction.atomic
def import_registry(document: object) -> dict[str, int]:
    """Import a valid document; raise InvalidDocument (changing nothing) otherwise."""
    problems = validate(document)
    if problems:
        raise InvalidDocument(problems)
    terms = {}
    for record in document["vocabularies"]:
        term, _ = Term.objects.update_or_create(
            vocabulary=record["vocabulary"],
            code=record["code"],
            defaults={
                "position": record.get("position", 0),
                **field_values("label", record["label"]),
            },
        )
        terms[(term.vocabulary, term.code)] = term
    organisations = {}
    for record in document["organisations"]:
        organisations[record["slug"]], _ = Organisation.objects.update_or_create(
            slug=record["slug"],
            defaults={"website": record.get("website", ""), **field_values("name", record["name"])},
        )
    for record in document["regions"]:
        Region.objects.update_or_create(
            code=record["code"],
            defaults={
                "kind": record.get("kind", "wellbeing_county"),
                "cooperation_area": record.get("cooperation_area", ""),
                **field_values("name", record["name"]),
            },
        )
    methods = {
        record["slug"]: create_method(record, terms, organisations)
        for record in document["methods"]
    }
    studies = {record["key"]: create_study(record, terms) for record in document["studies"]}
    for record in document["evaluations"]:
        create_evaluation(record, methods[record["method"]], studies, terms)
    index_methods(methods.values())
    bump_public_version()
    return {section: len(document[section]) for section in ("methods", "studies", "evaluations")}


def create_method(record: dict, terms: dict, organisations: dict) -> Method:
    fields = {}
    for name in METHOD_TEXTS:
        fields.update(field_values(name, record.get(name, {})))
    method = Method.objects.create(
        slug=record["slug"],
        is_published=True,
        original_name=record.get("original_name", ""),
        acronym=record.get("acronym", ""),
        age_min=record["age_min"],
        age_max=record["age_max"],
        training_available_in_finland=bool(record.get("training_available_in_finland")),
        owner=organisations.get(record.get("owner")),
        website=record.get("website", ""),
        **fields,
    )
    for relation, vocabulary in VOCABULARY_RELATIONS.items():
        getattr(method, relation).set([terms[(vocabulary, c)] for c in record[relation]])
    for contact in record.get("contacts", []):
        Contact.objects.create(
            method=method,
            name=contact.get("name", ""),
            email=contact.get("email", ""),
            phone=contact.get("phone", ""),
            **field_values("role", contact.get("role", {})),
        )
    return method


def create_study(record: dict, terms: dict) -> Study:
    study = Study.objects.create(
        citation=record["citation"],
        year=record["year"],
        doi=record.get("doi", ""),
        url=record.get("url", ""),
        country=record.get("country", ""),
        design=terms[("study_design", record["design"])],
        setting=record.get("setting", ""),
        participants=record.get("participants"),
        follow_up_months=record.get("follow_up_months"),
        quality=record["quality"],
    )
    study.focus.set([terms[("study_focus", code)] for code in record.get("focus", [])])
    return study


def create_evaluation(record: dict, method: Method, studies: dict, terms: dict) -> None:
    manual = Manual.objects.get(version=record["manual"])
    review_type = terms.get(("review_type", record.get("review_type")))
    evaluation = Evaluation.objects.create(
        method=method,
        manual=manual,
        version=record["version"],
        review_type=review_type,
        outcome=record.get("outcome", ""),
        outcome_reason=record.get("outcome_reason", ""),
        started_on=record.get("started_on"),
        **field_values("summary", record.get("summary", {})),
        **field_values("change_note", record.get("change_note", {})),
    )
    for link in record.get("studies", []):
        EvaluationStudy.objects.create(
            evaluation=evaluation,
            study=studies[link["study"]],
            included=link.get("included", True),
            reason=link.get("reason", ""),
        )
    criteria = {c.code: c for c in manual.criteria.all()}
    for answer_record in record.get("answers", []):
        answer = CriterionAnswer.objects.create(
            evaluation=evaluation,
            criterion=criteria[answer_record["criterion"]],
            answer=answer_record.get("answer", ""),
            justification=answer_record.get("justification", ""),
        )
        answer.studies.set([studies[key] for key in answer_record.get("studies", [])])
    level = evaluation.scale_level(evaluation.rating_result())
    where = f"evaluations ({method.slug!r}, {record['version']})"
    if level is None or level.key != record["level"]:
        computed = level.key if level else "no level"
        raise InvalidDocument(
            [f"{where}: level: the answers give {computed}, not {record['level']}"]
        )
    # Imported as published, as it was: the same record the workflow's publish() leaves.
    evaluation.level = level
    evaluation.published_on = record.get("published_on")
    evaluation.state = EvaluationState.PUBLISHED
    evaluation.save()
    evaluation.refresh_from_db()
    if method.rating_version is None or method.rating_version < evaluation.version:
        method.apply_rating(evaluation)
