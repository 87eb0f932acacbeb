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

The implementation records (format 3) refer to methods by slug and to regions by code: the
adoptions, their training figures (whose coverage is recomputed and checked), the published
service models and the national selection decisions. A document of format 2 has none of them
and is read as one with none.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Model

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
from implementation.models import (
    EARLIEST_YEAR,
    Adoption,
    AdoptionStatus,
    AgeGroup,
    ModelLevel,
    ModelStage,
    NationalSelection,
    SelectionDecision,
    ServiceModel,
    ServiceModelMethod,
    ServiceModelPart,
    TrainingRecord,
)
from lib.languages import LANGUAGES, field_values, translated_fields
from lib.links import is_web_link
from lib.page_cache import bump_public_version
from methods.facets import facet_index
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
    SERVICE_MODEL_TEXTS,
    adoption_record,
    adoptions_for_records,
    evaluation_record,
    evaluations_for_records,
    method_record,
    methods_for_records,
    organisation_record,
    region_record,
    selection_record,
    selections_for_records,
    service_model_record,
    service_models_for_records,
    study_key,
    term_record,
    training_record,
    training_records_for_records,
)

FORMAT = "kasvuntuki-registry"
# 2: the API's records (evaluators' names, ratings, studies within their evaluations).
# 3: the implementation records.
FORMAT_VERSION = 3
READABLE_VERSIONS = (2, 3)
METHOD_TEXTS = translated_fields(Method)
SECTIONS = ("vocabularies", "organisations", "regions", "methods", "evaluations")
IMPLEMENTATION_SECTIONS = ("adoptions", "training_records", "service_models", "national_selections")
URL_LENGTH = 200
SLUG = r"[-a-zA-Z0-9_]+"
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
    index = facet_index()  # the methods' terms, read once for them all
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
        "methods": [method_record(m, index) for m in methods],
        "evaluations": [evaluation_record(e) for e in evaluations],
        "adoptions": [adoption_record(a) for a in adoptions_for_records(Adoption.objects.all())],
        "training_records": [
            training_record(t) for t in training_records_for_records(TrainingRecord.objects.all())
        ],
        "service_models": [
            service_model_record(m) for m in service_models_for_records(ServiceModel.objects.all())
        ],
        "national_selections": [
            selection_record(n) for n in selections_for_records(NationalSelection.objects.all())
        ],
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


def check_texts(
    problems: Problems,
    where: str,
    record: dict,
    name: str,
    required: bool,
    stored_in: type[Model] | None = None,
) -> None:
    """Texts by language; with `stored_in`, each at most as long as that model's field allows
    (the database would refuse a longer one mid-import)."""
    value = record.get(name)
    if not isinstance(value, dict) or not all(isinstance(text, str) for text in value.values()):
        problems.add(where, name, "must be an object of texts by language (fi, sv, en)")
    elif set(value) - set(LANGUAGES):
        problems.add(where, name, f"unknown language {sorted(set(value) - set(LANGUAGES))[0]}")
    elif required and not value.get("fi"):
        problems.add(where, name, "the Finnish text is required")
    elif stored_in is not None and (limit := stored_in._meta.get_field(name).max_length):
        for language, text in value.items():
            if len(text) > limit:
                problems.add(where, f"{name}.{language}", f"must be at most {limit} characters")


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
    if document.get("version") not in READABLE_VERSIONS:
        return [f"document: version: must be one of {', '.join(map(str, READABLE_VERSIONS))}"]
    for section in SECTIONS + implementation_sections(document):
        if not isinstance(document.get(section), list):
            problems.add("document", section, "must be a list")
    if problems.items:
        return problems.items
    sections = SECTIONS + implementation_sections(document)
    if not all(isinstance(r, dict) for s in sections for r in document[s]):
        return ["document: every record must be an object"]

    terms = {(key_of(t.get("vocabulary")), key_of(t.get("code"))) for t in document["vocabularies"]}
    for index, term in enumerate(document["vocabularies"]):
        where = f"vocabularies[{index}] ({term.get('code')!r})"
        check_str(problems, where, term, "code", required=True, max_length=64)
        check_str(problems, where, term, "vocabulary", required=True)
        if term.get("vocabulary") not in Vocabulary.values:
            problems.add(where, "vocabulary", f"unknown vocabulary {term.get('vocabulary')!r}")
        check_int(problems, where, term, "position", 0, 32767)
        check_texts(problems, where, term, "label", required=True, stored_in=Term)
    organisations = {key_of(o.get("slug")) for o in document["organisations"]}
    for index, organisation in enumerate(document["organisations"]):
        where = f"organisations[{index}] ({organisation.get('slug')!r})"
        check_str(problems, where, organisation, "slug", required=True, max_length=120)
        check_texts(problems, where, organisation, "name", required=True, stored_in=Organisation)
        check_optional_str(problems, where, organisation, "website", max_length=200)
        check_link(problems, where, organisation, "website")
    for index, region in enumerate(document["regions"]):
        where = f"regions[{index}] ({region.get('code')!r})"
        check_str(problems, where, region, "code", required=True, max_length=20)
        check_texts(problems, where, region, "name", required=True, stored_in=Region)
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
            check_texts(problems, where, method, name, required=name == "name", stored_in=Method)
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
            check_texts(problems, at, contact, "role", required=False, stored_in=Contact)
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
        unlisted = evaluation.get("rests_on_unlisted_studies", False)
        if not isinstance(unlisted, bool):
            problems.add(where, "rests_on_unlisted_studies", "must be true or false")
        for name in ("summary", "change_note"):
            if name in evaluation:
                check_texts(problems, where, evaluation, name, required=False, stored_in=Evaluation)
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
            if "justification" in answer:
                check_texts(problems, at, answer, "justification", required=False)
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
    if implementation_sections(document):
        regions = {r.get("code") for r in document["regions"]} | set(
            Region.objects.values_list("code", flat=True)
        )
        check_implementation(problems, document, terms, slugs, regions)
    return problems.items


def implementation_sections(document: dict) -> tuple[str, ...]:
    """The implementation sections a document of its version must have (none before 3)."""
    return IMPLEMENTATION_SECTIONS if document.get("version", FORMAT_VERSION) >= 3 else ()


def scalar(value: object) -> object:
    """The value to look up among codes and keys: a list or an object in its place (a broken
    document) becomes its text, which names nothing, instead of failing the lookup."""
    return value if isinstance(value, str | int | None) else repr(value)


def check_optional_number(
    problems: Problems, where: str, record: dict, name: str, low: int, high: int
) -> None:
    if record.get(name) is not None:
        check_int(problems, where, record, name, low, high)


def check_bool(problems: Problems, where: str, record: dict, name: str) -> None:
    if not isinstance(record.get(name), bool):
        problems.add(where, name, "must be true or false")


def check_url(problems: Problems, where: str, record: dict, name: str) -> None:
    value = record.get(name)
    if not isinstance(value, str) or len(value) > URL_LENGTH:
        problems.add(where, name, f"must be an address of at most {URL_LENGTH} characters")


def check_code(
    problems: Problems, where: str, record: dict, name: str, known: set, what: str
) -> None:
    """A code that must be one of the known ones, or null."""
    code = scalar(record.get(name))
    if code is not None and code not in known:
        problems.add(where, name, f"unknown {what} {code!r}")


def check_choice(problems: Problems, where: str, record: dict, name: str, values: list) -> None:
    if record.get(name) not in values:
        problems.add(where, name, f"must be one of {', '.join(values)}")


def vocabulary_codes(terms: set, vocabulary: str) -> set:
    return {code for kind, code in terms if kind == vocabulary}


def check_implementation(
    problems: Problems, document: dict, terms: set, slugs: set, regions: set
) -> None:
    """The adoptions, training figures, service models and national selections: every field,
    every reference, and the rules of the implementation models."""
    this_year = date.today().year
    care_levels = vocabulary_codes(terms, "care_level")
    adopted = set()
    for index, adoption in enumerate(document["adoptions"]):
        key = (scalar(adoption.get("region")), scalar(adoption.get("method")))
        where = f"adoptions[{index}] ({key[0]!r}, {key[1]!r})"
        if key[0] not in regions:
            problems.add(where, "region", "unknown region code")
        if key[1] not in slugs:
            problems.add(where, "method", "unknown method slug")
        if key in adopted:
            problems.add(where, "method", "adopted twice in the same region")
        adopted.add(key)
        check_choice(problems, where, adoption, "status", AdoptionStatus.values)
        check_code(problems, where, adoption, "care_level", care_levels, "care level")
        settings = adoption.get("service_settings")
        if not isinstance(settings, list):
            problems.add(where, "service_settings", "must be a list of codes")
        else:
            for code in map(scalar, settings):
                if ("setting", code) not in terms:
                    problems.add(where, "service_settings", f"unknown setting code {code!r}")
        check_range(problems, where, adoption, ("age_min", "age_max"), 0, MAX_AGE)
        check_range(problems, where, adoption, ("start_year", "end_year"), EARLIEST_YEAR, this_year)
        check_texts(problems, where, adoption, "notes", required=False)
        check_url(problems, where, adoption, "source_url")
        check_bool(problems, where, adoption, "is_illustrative")

    years = set()
    for index, figures in enumerate(document["training_records"]):
        key = tuple(scalar(figures.get(name)) for name in ("region", "method", "year"))
        where = f"training_records[{index}] ({key[0]!r}, {key[1]!r}, {key[2]!r})"
        if key[:2] not in adopted:
            problems.add(where, "method", "no adoption of this method in this region")
        if key in years:
            problems.add(where, "year", "figures for this year appear twice")
        years.add(key)
        before = len(problems.items)
        check_int(problems, where, figures, "year", EARLIEST_YEAR, this_year)
        check_int(problems, where, figures, "trained", 0, 2**31 - 1)
        for name in ("eligible", "supervisors", "episodes"):
            check_optional_number(problems, where, figures, name, 0, 2**31 - 1)
        check_optional_number(problems, where, figures, "target_percent", 0, 100)
        check_url(problems, where, figures, "source_url")
        check_bool(problems, where, figures, "is_illustrative")
        if len(problems.items) > before:
            continue
        if figures["eligible"] is not None and figures["trained"] > figures["eligible"]:
            problems.add(where, "trained", "must not be more than eligible")
            continue
        computed = TrainingRecord(
            trained=figures["trained"],
            eligible=figures["eligible"],
            target_percent=figures["target_percent"],
        )
        for name in ("coverage_percent", "target_reached"):
            if figures.get(name) != getattr(computed, name):
                problems.add(where, name, f"the figures give {getattr(computed, name)!r}")

    existing = set(ServiceModel.objects.values_list("slug", flat=True))
    models = set()
    topics = vocabulary_codes(terms, "topic")
    for index, model in enumerate(document["service_models"]):
        slug = scalar(model.get("slug"))
        where = f"service_models[{index}] ({slug!r})"
        if not isinstance(slug, str) or not re.fullmatch(SLUG, slug) or len(slug) > 120:
            problems.add(where, "slug", "must be a slug of at most 120 characters")
        elif slug in existing:
            problems.add(where, "slug", "a service model with this slug is already here")
        elif slug in models:
            problems.add(where, "slug", "appears twice in the document")
        models.add(slug)
        for name in SERVICE_MODEL_TEXTS:
            if name == "name":
                check_texts(problems, where, model, name, required=True, stored_in=ServiceModel)
            else:
                check_texts(problems, where, model, name, required=name == "summary")
        check_choice(problems, where, model, "level", ModelLevel.values)
        check_choice(problems, where, model, "stage", ModelStage.values)
        for name, known, what in (("regions", regions, "region"), ("topics", topics, "topic")):
            codes = model.get(name)
            if not isinstance(codes, list):
                problems.add(where, name, "must be a list of codes")
                continue
            for code in map(scalar, codes):
                if code not in known:
                    problems.add(where, name, f"unknown {what} code {code!r}")
        for name in ("record_created", "record_updated"):
            check_date(problems, where, model, name)
        check_url(problems, where, model, "source_url")
        for part_index, part in enumerate(check_objects(problems, where, model, "parts")):
            at = f"{where} parts[{part_index}]"
            check_int(problems, at, part, "position", 0, 32767)
            check_texts(problems, at, part, "name", required=True, stored_in=ServiceModelPart)
            check_texts(problems, at, part, "description", required=False)
        entries = set()
        for entry_index, entry in enumerate(check_objects(problems, where, model, "methods")):
            at = f"{where} methods[{entry_index}]"
            pair = (scalar(entry.get("method")), scalar(entry.get("age_group")))
            if pair[0] not in slugs:
                problems.add(at, "method", "unknown method slug")
            check_choice(problems, at, entry, "age_group", AgeGroup.values)
            if pair in entries:
                problems.add(at, "method", "appears twice in the same age group")
            entries.add(pair)
            check_code(problems, at, entry, "care_level", care_levels, "care level")
            check_texts(problems, at, entry, "note", required=False, stored_in=ServiceModelMethod)

    for index, selection in enumerate(document["national_selections"]):
        where = f"national_selections[{index}] ({selection.get('method')!r})"
        if scalar(selection.get("method")) not in slugs:
            problems.add(where, "method", "unknown method slug")
        decided_on = selection.get("decided_on")
        if decided_on is None:
            problems.add(where, "decided_on", "is required")
        else:
            before = len(problems.items)
            check_date(problems, where, selection, "decided_on")
            if len(problems.items) == before and date.fromisoformat(decided_on) > date.today():
                problems.add(where, "decided_on", "cannot be in the future")
        check_texts(
            problems, where, selection, "deciding_body", required=True, stored_in=NationalSelection
        )
        check_choice(problems, where, selection, "decision", SelectionDecision.values)
        for flag, reason in (
            ("evidence_based", "evidence_reason"),
            ("answers_need", "need_reason"),
            ("suits_target_group", "target_group_reason"),
        ):
            check_bool(problems, where, selection, flag)
            check_texts(problems, where, selection, reason, required=True)
        check_url(problems, where, selection, "source_url")


def check_range(
    problems: Problems, where: str, record: dict, names: tuple[str, str], low: int, high: int
) -> None:
    """Two optional whole numbers within bounds, the second not below the first."""
    before = len(problems.items)
    for name in names:
        check_optional_number(problems, where, record, name, low, high)
    first, second = (record.get(name) for name in names)
    if len(problems.items) == before and None not in (first, second) and first > second:
        problems.add(where, names[1], f"must not be below {names[0]}")


def check_study(problems: Problems, where: str, study: dict, terms: set) -> None:
    before = len(problems.items)
    check_str(problems, where, study, "citation", required=True)
    if study.get("year") is not None:  # null when no source states it
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
    if implementation_sections(document):
        regions = {region.code: region for region in Region.objects.all()}
        create_implementation(document, terms, methods, regions)
    index_methods(methods.values())
    bump_public_version()
    return {
        "methods": len(methods),
        "studies": len(studies),
        "evaluations": len(document["evaluations"]),
        **{section: len(document.get(section, [])) for section in IMPLEMENTATION_SECTIONS},
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
    # One history row for the whole classification rather than one per relation (each row
    # copies all six relations): as the demo loader does.
    method.skip_history_when_saving = True
    for relation, vocabulary in VOCABULARY_RELATIONS.items():
        getattr(method, relation).set([terms[(vocabulary, c)] for c in record[relation]])
    del method.skip_history_when_saving
    method.save()
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
        rests_on_unlisted_studies=record.get("rests_on_unlisted_studies", False),
        **field_values("summary", record.get("summary", {})),
        **field_values("change_note", record.get("change_note", {})),
    )
    # The save at the end writes the history row of the evaluation with its people.
    evaluation.skip_history_when_saving = True
    evaluation.evaluators.set([people.get(name) for name in record["evaluators"]])
    evaluation.peer_reviewers.set([people.get(name) for name in record["peer_reviewers"]])
    del evaluation.skip_history_when_saving
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
            **field_values("justification", answer_record.get("justification", {})),
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


def create_implementation(document: dict, terms: dict, methods: dict, regions: dict) -> None:
    adoptions = {}
    for record in document["adoptions"]:
        adoption = Adoption.objects.create(
            region=regions[record["region"]],
            method=methods[record["method"]],
            status=record["status"],
            care_level=terms.get(("care_level", record.get("care_level"))),
            age_min=record.get("age_min"),
            age_max=record.get("age_max"),
            start_year=record.get("start_year"),
            end_year=record.get("end_year"),
            source_url=record["source_url"],
            is_illustrative=record["is_illustrative"],
            **field_values("notes", record["notes"]),
        )
        adoption.service_settings.set(
            [terms[("setting", code)] for code in record["service_settings"]]
        )
        adoptions[(record["region"], record["method"])] = adoption
    TrainingRecord.objects.bulk_create(
        TrainingRecord(
            adoption=adoptions[(record["region"], record["method"])],
            year=record["year"],
            trained=record["trained"],
            eligible=record["eligible"],
            target_percent=record["target_percent"],
            supervisors=record["supervisors"],
            episodes=record["episodes"],
            source_url=record["source_url"],
            is_illustrative=record["is_illustrative"],
        )
        for record in document["training_records"]
    )
    for record in document["service_models"]:
        create_service_model(record, terms, methods, regions)
    for record in document["national_selections"]:
        NationalSelection.objects.create(
            method=methods[record["method"]],
            decided_on=record["decided_on"],
            decision=record["decision"],
            evidence_based=record["evidence_based"],
            answers_need=record["answers_need"],
            suits_target_group=record["suits_target_group"],
            source_url=record["source_url"],
            **{
                field_name: value
                for name in (
                    "deciding_body",
                    "evidence_reason",
                    "need_reason",
                    "target_group_reason",
                )
                for field_name, value in field_values(name, record[name]).items()
            },
        )


def create_service_model(record: dict, terms: dict, methods: dict, regions: dict) -> None:
    texts = {}
    for name in SERVICE_MODEL_TEXTS:
        texts.update(field_values(name, record.get(name, {})))
    model = ServiceModel.objects.create(
        slug=record["slug"],
        is_published=True,
        level=record["level"],
        stage=record["stage"],
        record_created=record.get("record_created"),
        record_updated=record.get("record_updated"),
        source_url=record["source_url"],
        **texts,
    )
    model.regions.set([regions[code] for code in record["regions"]])
    model.topics.set([terms[("topic", code)] for code in record["topics"]])
    for part in record["parts"]:
        ServiceModelPart.objects.create(
            service_model=model,
            position=part["position"],
            **field_values("name", part["name"]),
            **field_values("description", part.get("description", {})),
        )
    for entry in record["methods"]:
        ServiceModelMethod.objects.create(
            service_model=model,
            method=methods[entry["method"]],
            age_group=entry["age_group"],
            care_level=terms.get(("care_level", entry.get("care_level"))),
            **field_values("note", entry.get("note", {})),
        )
