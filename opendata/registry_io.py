"""The whole public registry as one JSON document: export, and an import that checks
everything first and changes nothing unless every record is valid.

The document holds exactly what is public, in the records the API serves (opendata.records)
less the API's own ids and links. Records refer to each other by natural keys (codes, slugs,
manual versions, study keys), never by database ids, so export → import into an empty
database → export gives the same document.

What the records derive from others is checked, never trusted: the import recomputes each
evaluation's level from its answers with the rating rule, and refuses the document if it
differs from the stated one; a method's rating must be the level of its latest evaluation.
Evaluators and peer reviewers are people with accounts; a name that no account here has
becomes an account that cannot sign in, so that the evaluation shows it as before.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from accounts.models import User
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
from lib.languages import LANGUAGES, field_values, translated_fields
from lib.links import is_web_link
from lib.page_cache import bump_public_version
from methods.models import (
    MAX_AGE,
    VOCABULARY_RELATIONS,
    Contact,
    Method,
    Organisation,
    Region,
    RegionKind,
    ScaleLevel,
    Term,
    Vocabulary,
)
from methods.search import index_methods

from .records import (
    evaluation_record,
    evaluations_for_records,
    method_record,
    methods_for_records,
    organisation_record,
    region_record,
    study_key,
    term_record,
)

FORMAT = "kasvuntuki-registry"
# 2: the API's records (evaluators' names, ratings, studies within their evaluations).
FORMAT_VERSION = 2
METHOD_TEXTS = translated_fields(Method)
SECTIONS = ("vocabularies", "organisations", "regions", "methods", "evaluations")
# What a study is, as opposed to how one evaluation screened it.
STUDY_FIELDS = (
    "citation",
    "year",
    "doi",
    "url",
    "country",
    "design",
    "setting",
    "participants",
    "follow_up_months",
    "focus",
    "quality",
)
NAME_LENGTH = User._meta.get_field("first_name").max_length


# --- Export -------------------------------------------------------------------------------


def export_registry() -> dict:
    methods = methods_for_records(Method.objects.published()).order_by("slug")
    evaluations = evaluations_for_records(Evaluation.objects.public()).order_by(
        "method__slug", "version"
    )
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "vocabularies": [
            term_record(t) for t in Term.objects.order_by("vocabulary", "position", "code")
        ],
        "organisations": [organisation_record(o) for o in Organisation.objects.order_by("slug")],
        "regions": [region_record(r) for r in Region.objects.order_by("code")],
        "methods": [method_record(m) for m in methods],
        "evaluations": [evaluation_record(e) for e in evaluations],
    }


# --- Validation ---------------------------------------------------------------------------


@dataclass
class Problems:
    items: list[str] = field(default_factory=list)

    def add(self, where: str, field_name: str, message: str) -> None:
        self.items.append(f"{where}: {field_name}: {message}")


NOT_A_KEY = object()  # what a list or an object stands for where a code or a slug belongs


def key_of(value: object) -> object:
    """A value usable as a code, slug or version to look up; a list or an object is none
    (the field's own check names the problem)."""
    return value if isinstance(value, str | int | float | None) else NOT_A_KEY


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


def check_str(
    problems: Problems,
    where: str,
    record: dict,
    name: str,
    required: bool = False,
    max_length: int | None = None,
):
    value = record.get(name)
    if not isinstance(value, str) or (required and not value.strip()):
        problems.add(where, name, "is required" if required else "must be a text")
    elif max_length is not None and len(value) > max_length:
        problems.add(where, name, f"must be at most {max_length} characters")


def check_optional_str(
    problems: Problems, where: str, record: dict, name: str, max_length: int | None = None
) -> None:
    """A text the record may leave out (the import then stores an empty one)."""
    if name in record:
        check_str(problems, where, record, name, max_length=max_length)


def check_optional_int(problems: Problems, where: str, record: dict, name: str, high: int):
    if record.get(name) is not None:
        check_int(problems, where, record, name, 0, high)


def check_link(problems: Problems, where: str, record: dict, name: str) -> None:
    """A link that pages render: empty, or an http(s) address (never javascript: and such)."""
    if not is_web_link(record.get(name, "")):
        problems.add(where, name, "must be an http:// or https:// address")


def check_date(problems: Problems, where: str, record: dict, name: str) -> None:
    value = record.get(name)
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.add(where, name, "must be an ISO date (YYYY-MM-DD) or null")


def check_names(problems: Problems, where: str, record: dict, name: str) -> None:
    names = record.get(name)
    if not isinstance(names, list) or not all(
        isinstance(person, str) and person.strip() and len(person) <= NAME_LENGTH
        for person in names
    ):
        problems.add(where, name, f"must be a list of names of at most {NAME_LENGTH} characters")


def check_objects(problems: Problems, where: str, record: dict, name: str) -> list[dict]:
    """The list of objects under `name`; a problem (and an empty list) if it is not one."""
    items = record.get(name)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        problems.add(where, name, "must be a list of objects")
        return []
    return items


def expected_rating(evaluations: list[dict]) -> dict | None:
    """What a method's rating says about its latest evaluation, or None without one."""
    if not evaluations:
        return None
    latest = max(evaluations, key=lambda evaluation: evaluation["version"])
    return {
        "key": key_of(latest.get("level_key")),
        "evaluation_version": latest["version"],
        "evaluated_on": latest.get("published_on"),
    }


def validate(document: object) -> list[str]:
    """Every problem of the document, each naming its record and field; empty when valid."""
    problems = Problems()
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return [f"document: format: must be {FORMAT!r}"]
    if document.get("version") != FORMAT_VERSION:
        return [f"document: version: must be {FORMAT_VERSION}"]
    for section in SECTIONS:
        if not isinstance(document.get(section), list):
            problems.add("document", section, "must be a list")
    if problems.items:
        return problems.items
    if not all(isinstance(r, dict) for s in SECTIONS for r in document[s]):
        return ["document: every record must be an object"]

    terms = {(key_of(t.get("vocabulary")), key_of(t.get("code"))) for t in document["vocabularies"]}
    for index, term in enumerate(document["vocabularies"]):
        where = f"vocabularies[{index}] ({term.get('code')!r})"
        check_str(problems, where, term, "code", required=True, max_length=64)
        check_str(problems, where, term, "vocabulary", required=True)
        if term.get("vocabulary") not in Vocabulary.values:
            problems.add(where, "vocabulary", f"unknown vocabulary {term.get('vocabulary')!r}")
        check_int(problems, where, term, "position", 0, 32767)
        check_texts(problems, where, term, "label", required=True)
    organisations = {key_of(o.get("slug")) for o in document["organisations"]}
    for index, organisation in enumerate(document["organisations"]):
        where = f"organisations[{index}] ({organisation.get('slug')!r})"
        check_str(problems, where, organisation, "slug", required=True, max_length=120)
        check_texts(problems, where, organisation, "name", required=True)
        check_optional_str(problems, where, organisation, "website", max_length=200)
        check_link(problems, where, organisation, "website")
    for index, region in enumerate(document["regions"]):
        where = f"regions[{index}] ({region.get('code')!r})"
        check_str(problems, where, region, "code", required=True, max_length=20)
        check_texts(problems, where, region, "name", required=True)
        if region.get("kind") not in RegionKind.values:
            problems.add(where, "kind", f"must be one of {', '.join(RegionKind.values)}")
        check_optional_str(problems, where, region, "cooperation_area", max_length=10)

    existing = set(Method.objects.values_list("slug", flat=True))
    slugs = set()
    for index, method in enumerate(document["methods"]):
        where = f"methods[{index}] ({method.get('slug')!r})"
        check_str(problems, where, method, "slug", required=True, max_length=120)
        check_optional_str(problems, where, method, "original_name", max_length=200)
        check_optional_str(problems, where, method, "acronym", max_length=40)
        check_optional_str(problems, where, method, "website", max_length=200)
        slug = key_of(method.get("slug"))
        if slug in existing:
            problems.add(where, "slug", "a method with this slug is already in the registry")
        if slug in slugs:
            problems.add(where, "slug", "appears twice in the document")
        slugs.add(slug)
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
                if (vocabulary, key_of(code)) not in terms:
                    problems.add(where, relation, f"unknown {vocabulary} code {code!r}")
        check_link(problems, where, method, "website")
        owner = key_of(method.get("owner"))
        if owner is not None and owner not in organisations:
            problems.add(where, "owner", f"unknown organisation {method.get('owner')!r}")
        for contact_index, contact in enumerate(check_objects(problems, where, method, "contacts")):
            at = f"{where} contacts[{contact_index}]"
            check_str(problems, at, contact, "name", required=True, max_length=200)
            check_optional_str(problems, at, contact, "email", max_length=254)
            check_optional_str(problems, at, contact, "phone", max_length=40)
            check_texts(problems, at, contact, "role", required=False)
        if method.get("rating") is not None and not isinstance(method.get("rating"), dict):
            problems.add(where, "rating", "must be an object or null")

    manuals = {
        manual.version: manual
        for manual in Manual.objects.select_related("scale").prefetch_related("criteria")
    }
    levels = {level.key: level for level in ScaleLevel.objects.select_related("scale")}
    studies: dict[str, dict] = {}
    by_method: dict[str, list[dict]] = {}
    versions = set()
    for index, evaluation in enumerate(document["evaluations"]):
        where = f"evaluations[{index}] ({evaluation.get('method')!r}, {evaluation.get('version')})"
        slug = key_of(evaluation.get("method"))
        if slug not in slugs:
            problems.add(where, "method", "unknown method slug")
        check_int(problems, where, evaluation, "version", 1, 999)
        version = (slug, key_of(evaluation.get("version")))
        if version in versions:
            problems.add(where, "version", "appears twice for this method")
        versions.add(version)
        if isinstance(evaluation.get("version"), int):
            by_method.setdefault(slug, []).append(evaluation)
        manual = manuals.get(key_of(evaluation.get("manual")))
        if manual is None:
            problems.add(where, "manual", f"unknown manual version {evaluation.get('manual')!r}")
        elif evaluation.get("scale") != manual.scale.code:
            problems.add(where, "scale", f"manual {manual.version} rates on {manual.scale.code}")
        level = levels.get(key_of(evaluation.get("level_key")))
        if level is None or (manual and level.scale_id != manual.scale_id):
            problems.add(where, "level_key", f"unknown level {evaluation.get('level_key')!r}")
        elif evaluation.get("level") != level.value:
            problems.add(where, "level", f"level {level.key} has the value {level.value}")
        if evaluation.get("outcome") not in [None, *Outcome.values[1:]]:
            problems.add(where, "outcome", "unknown outcome")
        elif evaluation.get("outcome"):
            reason = evaluation.get("outcome_reason")
            if not isinstance(reason, str) or not reason.strip():
                problems.add(where, "outcome_reason", "required with an outcome")
        check_optional_str(problems, where, evaluation, "outcome_reason")
        review_type = evaluation.get("review_type")
        if review_type is not None and ("review_type", key_of(review_type)) not in terms:
            problems.add(where, "review_type", f"unknown review type {review_type!r}")
        for name in ("summary", "change_note"):
            if name in evaluation:
                check_texts(problems, where, evaluation, name, required=False)
        for name in ("started_on", "published_on"):
            check_date(problems, where, evaluation, name)
        for name in ("evaluators", "peer_reviewers"):
            check_names(problems, where, evaluation, name)
        screened = set()
        for link_index, link in enumerate(check_objects(problems, where, evaluation, "studies")):
            at = f"{where} studies[{link_index}]"
            check_study(problems, at, link, terms)
            check_optional_str(problems, at, link, "reason")
            key = key_of(link.get("key"))
            screened.add(key)
            content = {name: link.get(name) for name in STUDY_FIELDS}
            if studies.setdefault(key, content) != content:
                problems.add(at, "key", f"study {key!r} appears elsewhere with other details")
        criteria = {c.code: c for c in manual.criteria.all()} if manual else {}
        answers = check_objects(problems, where, evaluation, "answers")
        for answer_index, answer in enumerate(answers):
            at = f"{where} answers[{answer_index}]"
            check_optional_str(problems, at, answer, "justification")
            criterion = criteria.get(key_of(answer.get("criterion")))
            if criterion is None:
                problems.add(
                    at, "criterion", f"not a criterion of manual {evaluation.get('manual')}"
                )
            elif (answer.get("area"), answer.get("criterion_level")) != (
                criterion.area,
                criterion.level,
            ):
                problems.add(at, "area", f"criterion {criterion.code} is not so in the manual")
            if answer.get("answer") not in [None, *Answer.values]:
                problems.add(at, "answer", f"must be one of {', '.join(Answer.values)} or null")
            discounted = answer.get("discounted_because")
            if discounted is not None and (
                not isinstance(discounted, str) or answer.get("answer") != Answer.NOT_MET
            ):
                problems.add(
                    at, "discounted_because", "must be null, or a text with the answer not_met"
                )
            keys = answer.get("studies") or []
            if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
                problems.add(at, "studies", "must be a list of study keys")
                continue
            for key in keys:
                if key not in screened:
                    problems.add(at, "studies", f"{key!r} is not a study of this evaluation")

    for index, method in enumerate(document["methods"]):
        rating = method.get("rating")
        expected = expected_rating(by_method.get(key_of(method.get("slug")), []))
        if expected and expected["key"] not in levels:
            continue  # The latest evaluation's level is wrong, and said so above.
        stated = rating
        if isinstance(rating, dict) and expected:
            stated = {name: rating.get(name) for name in expected}
        if stated != expected:
            where = f"methods[{index}] ({method.get('slug')!r})"
            problems.add(where, "rating", f"must be that of its latest evaluation: {expected}")
    return problems.items


def check_study(problems: Problems, where: str, study: dict, terms: set) -> None:
    before = len(problems.items)
    check_str(problems, where, study, "citation", required=True)
    check_int(problems, where, study, "year", 1900, 2100)
    check_str(problems, where, study, "doi", max_length=200)
    check_optional_str(problems, where, study, "country", max_length=2)
    check_optional_str(problems, where, study, "setting", max_length=300)
    check_optional_int(problems, where, study, "participants", 2**31 - 1)
    check_optional_int(problems, where, study, "follow_up_months", 32767)
    check_link(problems, where, study, "url")
    if ("study_design", key_of(study.get("design"))) not in terms:
        problems.add(where, "design", f"unknown study design {study.get('design')!r}")
    focus = study.get("focus") or []
    if not isinstance(focus, list) or not all(isinstance(code, str) for code in focus):
        problems.add(where, "focus", "must be a list of study focus codes")
        focus = []
    for code in focus:
        if ("study_focus", code) not in terms:
            problems.add(where, "focus", f"unknown study focus {code!r}")
    if study.get("quality") not in Quality.values:
        problems.add(where, "quality", f"must be one of {', '.join(Quality.values)}")
    if not isinstance(study.get("included"), bool):
        problems.add(where, "included", "must be true or false")
    if len(problems.items) == before:
        unsaved = Study(citation=study["citation"], year=study["year"], doi=study["doi"])
        if study.get("key") != study_key(unsaved):
            problems.add(where, "key", f"must be {study_key(unsaved)!r}, from citation, year, DOI")


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
            defaults={"position": record["position"], **field_values("label", record["label"])},
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
                "kind": record["kind"],
                "cooperation_area": record.get("cooperation_area", ""),
                **field_values("name", record["name"]),
            },
        )
    methods = {
        record["slug"]: create_method(record, terms, organisations)
        for record in document["methods"]
    }
    studies: dict[str, Study] = {}
    people = People()
    for record in document["evaluations"]:
        for link in record["studies"]:
            if link["key"] not in studies:
                studies[link["key"]] = create_study(link, terms)
        create_evaluation(record, methods[record["method"]], studies, terms, people)
    index_methods(methods.values())
    bump_public_version()
    return {
        "methods": len(methods),
        "studies": len(studies),
        "evaluations": len(document["evaluations"]),
    }


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
    for contact in record["contacts"]:
        Contact.objects.create(
            method=method,
            name=contact["name"],
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


class People:
    """Evaluators and peer reviewers by the name the public sees (str(user)).

    A name that no account here has becomes an account that cannot sign in, with the name as
    its full name, found again by the same name.
    """

    def __init__(self) -> None:
        self.by_name: dict[str, User] = {}
        for user in User.objects.order_by("-pk"):
            self.by_name[str(user)] = user  # The oldest account of a name wins.

    def get(self, name: str) -> User:
        if name not in self.by_name:
            username = "imported-" + hashlib.sha1(name.encode()).hexdigest()[:12]
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, first_name=name, is_active=False)
                user.set_unusable_password()
                user.save()
            self.by_name[name] = user
        return self.by_name[name]


def given_answer(record: dict) -> str:
    """The evaluators' answer: a record shows a "met" the rule discounts as "not_met" with
    the reason, so such a one was "met" (the import recomputes the discount)."""
    if record.get("discounted_because") is not None:
        return Answer.MET
    return record.get("answer") or ""


def create_evaluation(
    record: dict, method: Method, studies: dict, terms: dict, people: People
) -> None:
    manual = Manual.objects.get(version=record["manual"])
    review_type = terms.get(("review_type", record.get("review_type")))
    evaluation = Evaluation.objects.create(
        method=method,
        manual=manual,
        version=record["version"],
        review_type=review_type,
        outcome=record.get("outcome") or "",
        outcome_reason=record.get("outcome_reason", ""),
        started_on=record.get("started_on"),
        **field_values("summary", record.get("summary", {})),
        **field_values("change_note", record.get("change_note", {})),
    )
    evaluation.evaluators.set([people.get(name) for name in record["evaluators"]])
    evaluation.peer_reviewers.set([people.get(name) for name in record["peer_reviewers"]])
    for link in record["studies"]:
        EvaluationStudy.objects.create(
            evaluation=evaluation,
            study=studies[link["key"]],
            included=link["included"],
            reason=link.get("reason", ""),
        )
    criteria = {c.code: c for c in manual.criteria.all()}
    for answer_record in record["answers"]:
        answer = CriterionAnswer.objects.create(
            evaluation=evaluation,
            criterion=criteria[answer_record["criterion"]],
            answer=given_answer(answer_record),
            justification=answer_record.get("justification", ""),
        )
        answer.studies.set([studies[key] for key in answer_record.get("studies", [])])
    level = evaluation.scale_level(evaluation.rating_result())
    where = f"evaluations ({method.slug!r}, {record['version']})"
    if level is None or level.key != record["level_key"]:
        computed = level.key if level else "no level"
        raise InvalidDocument(
            [f"{where}: level_key: the answers give {computed}, not {record['level_key']}"]
        )
    # Imported as published, as it was: the same record the workflow's publish() leaves.
    evaluation.level = level
    evaluation.published_on = record.get("published_on")
    evaluation.state = EvaluationState.PUBLISHED
    evaluation.save()
    evaluation.refresh_from_db()
    if method.rating_version is None or method.rating_version < evaluation.version:
        method.apply_rating(evaluation)
