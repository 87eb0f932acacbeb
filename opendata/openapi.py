"""The OpenAPI 3 description of /api/v1/, built from the code and the database so that it
stays true: the method list's query parameters come from the list page's own filter set, and
every code a parameter or a record may hold is listed from the vocabularies, rating scales and
organisations as they are when the document is asked for.

The contract test (tests/test_api_contract.py) checks real answers against it, and runs
schemathesis over it.
"""

from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse

from evaluations.models import Answer, Area, Manual, Outcome, Quality
from implementation.models import (
    EARLIEST_YEAR,
    AdoptionStatus,
    AgeGroup,
    ModelLevel,
    ModelStage,
    SelectionDecision,
)
from lib.languages import LANGUAGES, translated_fields
from methods.filters import MethodFilter
from methods.models import (
    MAX_AGE,
    VOCABULARY_RELATIONS,
    EvidenceGroup,
    Method,
    RatingScale,
    Region,
    RegionKind,
    ScaleLevel,
    Term,
    Vocabulary,
)

from .api import (
    DEFAULT_PAGE_SIZE,
    MAX_ID,
    MAX_PAGE_SIZE,
    PUBLIC_VOCABULARIES,
    SLUG_PATTERN,
    api_view,
)
from .records import SERVICE_MODEL_TEXTS

# Any text a query string can carry, but the NUL character, which no form field accepts.
NO_NUL = "^[^\\u0000]*$"


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def codes(values: list[str], nullable: bool = False) -> dict:
    """A string that is one of the codes. With no codes at all, only the empty string, which a
    list filter takes as "any"."""
    schema: dict = {"type": "string", "enum": list(dict.fromkeys(values)) or [""]}
    if nullable:
        schema["nullable"] = True
        schema["enum"].append(None)
    return schema


def term_codes(vocabulary: Vocabulary) -> list[str]:
    return list(Term.objects.filter(vocabulary=vocabulary).values_list("code", flat=True))


def text(nullable: bool = False) -> dict:
    return {"type": "string", "nullable": True} if nullable else {"type": "string"}


def integer(minimum: int | None = None, maximum: int | None = None, **extra) -> dict:
    schema: dict = {"type": "integer", **extra}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def obj(properties: dict, nullable: bool = False, description: str = "") -> dict:
    """An object with exactly these properties, all of them always present."""
    schema: dict = {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }
    if nullable:
        schema["nullable"] = True
    if description:
        schema["description"] = description
    return schema


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
URL = {"type": "string", "format": "uri"}
TRANSLATED = {
    **obj({language: text() for language in LANGUAGES}),
    "description": "The same text in Finnish (the master language), Swedish and English; "
    "empty where there is none.",
}
ERROR = obj(
    {
        "error": {
            "type": "object",
            "required": ["status", "message"],
            "properties": {
                "status": integer(400, 599),
                "message": text(),
                "parameter": {**text(), "description": "The parameter at fault (400 only)."},
            },
            "additionalProperties": False,
        }
    }
)


def error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }


RESPONSES = {
    "BadRequest": error_response("A parameter that is not understood; the error names it."),
    "NotFound": error_response("No published record, or no endpoint, at this address."),
    "MethodNotAllowed": {
        **error_response("The API is read-only: only GET, HEAD and OPTIONS are answered."),
        "headers": {"Allow": {"schema": {"type": "string", "enum": ["GET, HEAD, OPTIONS"]}}},
    },
}


def answers(*statuses: int) -> dict:
    names = {400: "BadRequest", 404: "NotFound", 405: "MethodNotAllowed"}
    return {str(status): {"$ref": f"#/components/responses/{names[status]}"} for status in statuses}


def query(name: str, schema: dict, description: str) -> dict:
    """An optional query parameter. An empty value is taken as leaving it out, as the list
    page's form sends for "any"."""
    return {
        "name": name,
        "in": "query",
        "schema": schema,
        "allowEmptyValue": True,
        "description": f"{description} An empty value is the same as none.",
    }


PAGING = [
    query(
        "page",
        integer(1, default=1),
        "Page number; `next` and `previous` give the neighbours. A page past the last one is "
        "empty, with `previous` linking to the last page.",
    ),
    query("page_size", integer(1, MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE), "Page size."),
]


def page_of(schema_name: str) -> dict:
    return obj(
        {
            "count": integer(0),
            "next": {**URL, "nullable": True},
            "previous": {**URL, "nullable": True},
            "results": array(ref(schema_name)),
        }
    )


def choice_values(field: forms.Field) -> list[str]:
    """The values a choice field of the filter form accepts, read from the database."""
    return [str(value) for value, _label in field.choices if str(value) != ""]


def filter_parameters() -> list[dict]:
    """The method list's filters, as the filter set's form fields take them."""
    descriptions = {
        "q": "Search in the names, summaries, aims, topics and target groups; Finnish "
        "inflections and small typos are understood.",
        "age_to": "Methods for ages up to this one. A range whose lower end is above its upper "
        "end holds no age, and so no method.",
        "level": "A level key of a rating scale, or `unrated` for methods not yet evaluated.",
    }
    parameters = []
    for name, field in MethodFilter().form.fields.items():
        explode = False
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            schema = array(codes(choice_values(field)))
            explode = True
        elif isinstance(field, forms.ChoiceField):
            schema = codes(choice_values(field))
        elif isinstance(field, forms.DecimalField | forms.IntegerField):
            schema = integer(field.min_value, field.max_value)
        else:
            schema = {"type": "string", "maxLength": field.max_length, "pattern": NO_NUL}
        parameter = query(name, schema, descriptions.get(name, str(field.label)))
        if explode:
            parameter |= {"style": "form", "explode": True}
        parameters.append(parameter)
    return parameters


def level_schema(nullable: bool = False, extra: dict | None = None) -> dict:
    levels = list(ScaleLevel.objects.order_by("scale", "-sort_order").values_list("key", flat=True))
    return obj(
        {
            "scale": codes(list(RatingScale.objects.values_list("code", flat=True))),
            "level": {**integer(0), "nullable": True, "description": "Empty off the ladder."},
            "key": codes(levels),
            "label": ref("Translated"),
            "evidence_group": codes(EvidenceGroup.values, nullable=True),
            **(extra or {}),
        },
        nullable=nullable,
    )


def method_schema() -> dict:
    return obj(
        {
            "id": integer(1),
            "slug": {"type": "string", "pattern": SLUG_PATTERN},
            **{name: ref("Translated") for name in translated_fields(Method)},
            "original_name": text(),
            "acronym": text(),
            "age_min": integer(0, MAX_AGE),
            "age_max": integer(0, MAX_AGE),
            **{
                relation: array(codes(term_codes(vocabulary)))
                for relation, vocabulary in VOCABULARY_RELATIONS.items()
            },
            "training_available_in_finland": {"type": "boolean"},
            "owner": {
                **text(nullable=True),
                "description": "The owner organisation's slug (see /organisations/).",
            },
            "website": text(),
            "contacts": array(
                obj(
                    {
                        "name": text(),
                        "role": ref("Translated"),
                        "email": text(),
                        "phone": text(),
                    }
                )
            ),
            "rating": {
                **level_schema(
                    nullable=True,
                    extra={
                        "evaluation_version": integer(1),
                        "evaluated_on": NULLABLE_DATE,
                    },
                ),
                "description": "The level of its latest published evaluation; null before one.",
            },
            "url": {
                **obj({language: URL for language in LANGUAGES}),
                "description": "The method's public page in each language.",
            },
            "api_url": URL,
            "updated_at": {"type": "string", "format": "date-time"},
        }
    )


def evaluation_schema() -> dict:
    levels = list(ScaleLevel.objects.values_list("key", flat=True))
    study = obj(
        {
            "key": {
                "type": "string",
                "description": "A stable name of the study, from its citation, year and DOI.",
            },
            "citation": text(),
            "year": {**integer(1900, 2100), "nullable": True},
            "doi": text(),
            "url": text(),
            "country": text(),
            "design": codes(term_codes(Vocabulary.STUDY_DESIGN)),
            "setting": text(),
            "participants": {**integer(0), "nullable": True},
            "follow_up_months": {**integer(0), "nullable": True},
            "focus": array(codes(term_codes(Vocabulary.STUDY_FOCUS))),
            "quality": codes(Quality.values),
            "included": {"type": "boolean"},
            "reason": text(),
        }
    )
    answer = obj(
        {
            "criterion": text(),
            "area": codes(Area.values),
            "criterion_level": integer(0),
            "answer": codes(Answer.values, nullable=True),
            "discounted_because": text(nullable=True),
            "justification": ref("Translated"),
            "studies": array({"type": "string", "description": "Keys of the studies."}),
        }
    )
    return obj(
        {
            "id": integer(1),
            "method": {"type": "string", "pattern": SLUG_PATTERN},
            "version": integer(1),
            "manual": codes(list(Manual.objects.values_list("version", flat=True))),
            "scale": codes(list(RatingScale.objects.values_list("code", flat=True))),
            "level": {**integer(0), "nullable": True},
            "level_key": codes(levels),
            "level_label": ref("Translated"),
            "outcome": codes([value for value in Outcome.values if value], nullable=True),
            "outcome_reason": text(),
            "review_type": codes(term_codes(Vocabulary.REVIEW_TYPE), nullable=True),
            "rests_on_unlisted_studies": {
                "type": "boolean",
                "description": "The rating also rests on studies not entered in the registry.",
            },
            "summary": ref("Translated"),
            "change_note": ref("Translated"),
            "started_on": NULLABLE_DATE,
            "published_on": NULLABLE_DATE,
            "evaluators": {
                **array(text()),
                "description": "Empty when the evaluators chose to stay anonymous.",
            },
            "peer_reviewers": array(text()),
            "studies": array(study),
            "answers": array(answer),
            "api_url": URL,
            "updated_at": {"type": "string", "format": "date-time"},
        }
    )


def region_codes() -> list[str]:
    return list(Region.objects.order_by("code").values_list("code", flat=True))


def nullable(schema: dict) -> dict:
    return {**schema, "nullable": True}


SLUG = {"type": "string", "pattern": SLUG_PATTERN}
DATE_TIME = {"type": "string", "format": "date-time"}
COUNT = integer(0)
PERCENT = integer(0, 100)


def year() -> dict:
    """A year of the implementation records: from 1990 to this one."""
    return integer(EARLIEST_YEAR, date.today().year)


def adoption_schema() -> dict:
    return obj(
        {
            "id": integer(1),
            "region": codes(region_codes()),
            "method": {**SLUG, "description": "The method's slug (see /methods/)."},
            "status": codes(AdoptionStatus.values),
            "care_level": codes(term_codes(Vocabulary.CARE_LEVEL), nullable=True),
            "service_settings": array(codes(term_codes(Vocabulary.SETTING))),
            "age_min": {
                **nullable(integer(0, MAX_AGE)),
                "description": "The youngest age served in the region; null: the method's own.",
            },
            "age_max": {
                **nullable(integer(0, MAX_AGE)),
                "description": "The oldest age served in the region; null: the method's own.",
            },
            "start_year": nullable(year()),
            "end_year": nullable(year()),
            "notes": ref("Translated"),
            "source_url": text(),
            "is_illustrative": {
                "type": "boolean",
                "description": "Demo figures, not a region's real ones.",
            },
            "api_url": URL,
            "updated_at": DATE_TIME,
        },
        description="One method in one region.",
    )


def training_schema() -> dict:
    return obj(
        {
            "id": integer(1),
            "region": codes(region_codes()),
            "method": SLUG,
            "year": year(),
            "trained": COUNT,
            "eligible": {
                **nullable(COUNT),
                "description": "The professionals who should be trained; null when unknown.",
            },
            "coverage_percent": {
                **nullable(PERCENT),
                "description": "trained ÷ eligible as a whole percentage.",
            },
            "target_percent": nullable(PERCENT),
            "target_reached": {"type": "boolean", "nullable": True},
            "supervisors": nullable(COUNT),
            "episodes": {
                **nullable(COUNT),
                "description": "Courses, groups or client processes delivered that year.",
            },
            "source_url": text(),
            "is_illustrative": {"type": "boolean"},
            "updated_at": DATE_TIME,
        },
        description="A region's aggregate training figures for an adopted method in a year: "
        "never a person or a client.",
    )


def service_model_schema() -> dict:
    care_levels = term_codes(Vocabulary.CARE_LEVEL)
    return obj(
        {
            "id": integer(1),
            "slug": SLUG,
            **{name: ref("Translated") for name in SERVICE_MODEL_TEXTS},
            "level": codes(ModelLevel.values),
            "stage": codes(ModelStage.values),
            "regions": array(codes(region_codes())),
            "topics": array(codes(term_codes(Vocabulary.TOPIC))),
            "parts": array(
                obj(
                    {
                        "position": integer(0),
                        "name": ref("Translated"),
                        "description": ref("Translated"),
                    }
                )
            ),
            "methods": {
                **array(
                    obj(
                        {
                            "method": SLUG,
                            "age_group": codes(AgeGroup.values),
                            "care_level": codes(care_levels, nullable=True),
                            "note": ref("Translated"),
                        }
                    )
                ),
                "description": "The published methods the model includes, by age group.",
            },
            "record_created": NULLABLE_DATE,
            "record_updated": NULLABLE_DATE,
            "source_url": text(),
            "url": {
                **obj({language: URL for language in LANGUAGES}),
                "description": "The service model's public page in each language.",
            },
            "api_url": URL,
            "updated_at": DATE_TIME,
        }
    )


def selection_schema() -> dict:
    return obj(
        {
            "id": integer(1),
            "method": SLUG,
            "decided_on": DATE,
            "deciding_body": ref("Translated"),
            "decision": codes(SelectionDecision.values),
            "evidence_based": {"type": "boolean"},
            "evidence_reason": ref("Translated"),
            "answers_need": {"type": "boolean"},
            "need_reason": ref("Translated"),
            "suits_target_group": {"type": "boolean"},
            "target_group_reason": ref("Translated"),
            "source_url": text(),
            "recorded_at": DATE_TIME,
        },
        description="A national decision on disseminating a method. Decisions are history: a "
        "new one is a new record, and an old one never changes.",
    )


def schemas() -> dict:
    term = obj(
        {
            "vocabulary": codes(PUBLIC_VOCABULARIES),
            "code": text(),
            "position": integer(0),
            "label": ref("Translated"),
        }
    )
    return {
        "Translated": TRANSLATED,
        "Error": ERROR,
        "Method": method_schema(),
        "Evaluation": evaluation_schema(),
        "Term": term,
        "Vocabularies": obj({vocabulary: array(ref("Term")) for vocabulary in PUBLIC_VOCABULARIES}),
        "Organisation": obj(
            {
                "id": integer(1),
                "slug": {"type": "string", "pattern": SLUG_PATTERN},
                "name": ref("Translated"),
                "website": text(),
            }
        ),
        "Region": obj(
            {
                "code": text(),
                "kind": codes(RegionKind.values),
                "name": ref("Translated"),
                "cooperation_area": text(),
            }
        ),
        "Adoption": adoption_schema(),
        "TrainingRecord": training_schema(),
        "ServiceModel": service_model_schema(),
        "NationalSelection": selection_schema(),
        "AdoptionPage": page_of("Adoption"),
        "TrainingRecordPage": page_of("TrainingRecord"),
        "ServiceModelPage": page_of("ServiceModel"),
        "NationalSelectionPage": page_of("NationalSelection"),
        "MethodPage": page_of("Method"),
        "EvaluationPage": page_of("Evaluation"),
        "OrganisationPage": page_of("Organisation"),
        "RegionPage": page_of("Region"),
    }


def ok(schema: dict, media_type: str = "application/json") -> dict:
    return {
        "200": {"description": "OK", "content": {media_type: {"schema": schema}}},
        "304": {"description": "Not modified (send If-None-Match or If-Modified-Since)."},
    }


def operation(summary: str, responses: dict, parameters: list | None = None) -> dict:
    body: dict = {"get": {"summary": summary, "responses": responses}}
    if parameters:
        body["get"]["parameters"] = parameters
    return body


def csv_operation(what: str, parameters: list) -> dict:
    return operation(
        f"{what} as CSV (UTF-8 with BOM): the API's records, with names in fi, sv and en",
        {**ok({"type": "string"}, "text/csv"), **answers(400, 405)},
        parameters,
    )


def document() -> dict:
    slug = {
        "name": "slug",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": SLUG_PATTERN},
    }
    record_id = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": integer(1, MAX_ID, format="int64"),
    }
    method_slug = query(
        "method",
        {"type": "string", "pattern": SLUG_PATTERN},
        "Only the evaluations of the method with this slug.",
    )
    language = {
        "name": "language",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": list(LANGUAGES)},
    }
    atom = {"type": "string", "description": "An Atom 1.0 feed."}
    region = query(
        "region", codes(region_codes()), "Only the records of the region with this code."
    )
    method = query("method", SLUG, "Only the records of the method with this slug.")
    adoption_filters = [
        region,
        method,
        query("status", codes(AdoptionStatus.values), "Only adoptions at this status."),
    ]
    model_filters = [
        region,
        query("method", SLUG, "Only the models that include the method."),
        query("level", codes(ModelLevel.values), "Only models of this level."),
        query("stage", codes(ModelStage.values), "Only models at this stage."),
    ]
    selection_filters = [
        method,
        query("decision", codes(SelectionDecision.values), "Only this decision."),
    ]
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Kasvun tuki open data API",
            "version": "1",
            "description": (
                "The public registry of psychosocial methods for children, young people and "
                "families in Finland, with their evidence ratings, and where they are in use: "
                "adoptions in the regions, training figures, service models and national "
                "selections. Read-only; data under CC BY 4.0. Every record has all three "
                "languages, and refers to other records by their codes and slugs. A parameter "
                "that is not understood gives a 400 that names it; an unknown parameter is not "
                "understood."
            ),
            "license": {
                "name": "CC BY 4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
            },
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/methods/": operation(
                "Published methods, filtered and searched as on the list page",
                {**ok(ref("MethodPage")), **answers(400, 405)},
                [*filter_parameters(), *PAGING],
            ),
            "/methods/{slug}/": operation(
                "One published method",
                {**ok(ref("Method")), **answers(404, 405)},
                [slug],
            ),
            "/methods.csv": operation(
                "The filtered list, or the whole registry, as CSV (UTF-8 with BOM)",
                {**ok({"type": "string"}, "text/csv"), **answers(400, 405)},
                filter_parameters(),
            ),
            "/evaluations/": operation(
                "Published evaluations, with their criterion answers and studies",
                {**ok(ref("EvaluationPage")), **answers(400, 405)},
                [method_slug, *PAGING],
            ),
            "/evaluations/{id}/": operation(
                "One published evaluation",
                {**ok(ref("Evaluation")), **answers(404, 405)},
                [record_id],
            ),
            "/vocabularies/": operation(
                "Every public controlled vocabulary",
                {**ok(ref("Vocabularies")), **answers(405)},
            ),
            "/organisations/": operation(
                "Organisations",
                {**ok(ref("OrganisationPage")), **answers(400, 405)},
                PAGING,
            ),
            "/regions/": operation(
                "Wellbeing services counties and the City of Helsinki",
                {**ok(ref("RegionPage")), **answers(400, 405)},
                PAGING,
            ),
            "/adoptions/": operation(
                "Where methods are in use: each public adoption of a method in a region. The "
                "regions where a method is in use are ?method=<slug>&status=in_use.",
                {**ok(ref("AdoptionPage")), **answers(400, 405)},
                [*adoption_filters, *PAGING],
            ),
            "/adoptions.csv": csv_operation("The adoptions", adoption_filters),
            "/adoptions/{id}/": operation(
                "One public adoption",
                {**ok(ref("Adoption")), **answers(404, 405)},
                [record_id],
            ),
            "/training-records/": operation(
                "Training figures per adoption and year: coverage against the region's target",
                {**ok(ref("TrainingRecordPage")), **answers(400, 405)},
                [region, method, *PAGING],
            ),
            "/training-records.csv": csv_operation("The training figures", [region, method]),
            "/service-models/": operation(
                "Published service models, with their parts and the methods they include",
                {**ok(ref("ServiceModelPage")), **answers(400, 405)},
                [*model_filters, *PAGING],
            ),
            "/service-models.csv": csv_operation("The service models", model_filters),
            "/service-models/{slug}/": operation(
                "One published service model",
                {**ok(ref("ServiceModel")), **answers(404, 405)},
                [slug],
            ),
            "/national-selections/": operation(
                "National decisions on disseminating methods, oldest first for each method",
                {**ok(ref("NationalSelectionPage")), **answers(400, 405)},
                [*selection_filters, *PAGING],
            ),
            "/national-selections.csv": csv_operation(
                "The national selection decisions", selection_filters
            ),
            "/feeds/evaluations.atom": operation(
                "Atom feed of new and updated evaluations",
                {**ok(atom, "application/atom+xml"), **answers(405)},
            ),
            "/feeds/methods/{slug}.atom": operation(
                "Atom feed of one method's evaluations",
                {**ok(atom, "application/atom+xml"), **answers(404, 405)},
                [slug],
            ),
            "/feeds/evaluations.{language}.atom": operation(
                "Atom feed of new and updated evaluations in one language",
                {**ok(atom, "application/atom+xml"), **answers(404, 405)},
                [language],
            ),
            "/feeds/methods/{slug}.{language}.atom": operation(
                "Atom feed of one method's evaluations in one language",
                {**ok(atom, "application/atom+xml"), **answers(404, 405)},
                [slug, language],
            ),
        },
        "components": {"schemas": schemas(), "responses": RESPONSES},
    }


@api_view
def openapi(request: HttpRequest) -> HttpResponse:
    return JsonResponse(document())
