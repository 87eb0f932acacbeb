"""The registry as CSV for spreadsheets: the method list with the same filters as the list page
and the API, and the implementation records with the API's filters; the same records as the
API, one row each, with the names of what they refer to in Finnish, Swedish and English.

A text cell that begins with =, +, -, @, a tab or a carriage return would be read by a
spreadsheet as a formula; it is written with a leading apostrophe, so that it stays text.
"""

import csv
from collections.abc import Callable, Iterable

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import override

from implementation.models import (
    AdoptionStatus,
    ModelLevel,
    ModelStage,
    SelectionDecision,
)
from lib.languages import LANGUAGES, MASTER_LANGUAGE
from lib.spreadsheets import spreadsheet_row
from methods.models import VOCABULARY_RELATIONS

from .api import (
    api_view,
    filtered_adoptions,
    filtered_method_ids,
    filtered_selections,
    filtered_service_models,
    filtered_training_records,
    methods_in_order,
    registry_changed_at,
    with_last_modified,
)
from .records import (
    adoption_record,
    api_method_record,
    selection_record,
    service_model_record,
    training_record,
)


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> HttpResponse:
    """UTF-8 with a byte-order mark, so that Excel shows ä, ö and å right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(spreadsheet_row(row))
    return response


CSV_COLUMNS = [
    "slug",
    *[f"name_{language}" for language in LANGUAGES],
    "age_min",
    "age_max",
    *VOCABULARY_RELATIONS,
    "owner",
    "rating_scale",
    "rating_level",
    *[f"rating_label_{language}" for language in LANGUAGES],
    "evidence_group",
    "evaluated_on",
    "url",
]


def rating_label(rating: dict | None, language: str) -> str:
    """The rating's label in one language; for an unrated method, "Not yet evaluated" in it."""
    if rating is not None:
        return rating["label"][language] or rating["label"][MASTER_LANGUAGE]
    with override(language):
        return _("Not yet evaluated")


def csv_row(record: dict) -> list:
    """A method's API record flattened: texts by language in columns, codes joined by ";"."""
    rating = record["rating"] or {}
    return [
        record["slug"],
        *[record["name"][language] for language in LANGUAGES],
        record["age_min"],
        record["age_max"],
        *[";".join(record[relation]) for relation in VOCABULARY_RELATIONS],
        record["owner"] or "",
        rating.get("scale", ""),
        "" if rating.get("level") is None else rating["level"],
        *[rating_label(record["rating"], language) for language in LANGUAGES],
        rating.get("evidence_group") or "",
        rating.get("evaluated_on") or "",
        record["url"][MASTER_LANGUAGE],
    ]


@api_view
def methods_csv(request: HttpRequest) -> HttpResponse:
    """The filtered list (or, without filters, the whole registry) for spreadsheets."""
    methods = methods_in_order(filtered_method_ids(request))
    rows = (csv_row(api_method_record(method, request)) for method in methods)
    response = csv_response("kasvuntuki-methods.csv", CSV_COLUMNS, rows)
    return with_last_modified(response, [registry_changed_at()])


# --- The implementation records ---------------------------------------------------------


def in_languages(name: str) -> list[str]:
    return [f"{name}_{language}" for language in LANGUAGES]


def names(obj: Model, field: str = "name") -> list[str]:
    """A translated field in each language; Finnish where a translation is missing."""
    master = getattr(obj, f"{field}_{MASTER_LANGUAGE}")
    return [getattr(obj, f"{field}_{language}") or master for language in LANGUAGES]


def labels(choices: type, value: str) -> list[str]:
    """The label of a choice in each language."""
    result = []
    for language in LANGUAGES:
        with override(language):
            result.append(str(choices(value).label))
    return result


def texts(record: dict, name: str) -> list[str]:
    return [record[name][language] for language in LANGUAGES]


def blank(value: object) -> object:
    return "" if value is None else value


ADOPTION_COLUMNS = [
    "region",
    *in_languages("region_name"),
    "method",
    *in_languages("method_name"),
    "status",
    *in_languages("status_label"),
    "care_level",
    "service_settings",
    "age_min",
    "age_max",
    "start_year",
    "end_year",
    *in_languages("notes"),
    "source_url",
    "is_illustrative",
]


def adoption_row(adoption) -> list:
    record = adoption_record(adoption)
    return [
        record["region"],
        *names(adoption.region),
        record["method"],
        *names(adoption.method),
        record["status"],
        *labels(AdoptionStatus, record["status"]),
        blank(record["care_level"]),
        ";".join(record["service_settings"]),
        *[blank(record[name]) for name in ("age_min", "age_max", "start_year", "end_year")],
        *texts(record, "notes"),
        record["source_url"],
        record["is_illustrative"],
    ]


TRAINING_FIGURES = [
    "year",
    "trained",
    "eligible",
    "coverage_percent",
    "target_percent",
    "target_reached",
    "supervisors",
    "episodes",
]
TRAINING_COLUMNS = [
    "region",
    *in_languages("region_name"),
    "method",
    *in_languages("method_name"),
    *TRAINING_FIGURES,
    "source_url",
    "is_illustrative",
]


def training_row(figures) -> list:
    record = training_record(figures)
    return [
        record["region"],
        *names(figures.adoption.region),
        record["method"],
        *names(figures.adoption.method),
        *[blank(record[name]) for name in TRAINING_FIGURES],
        record["source_url"],
        record["is_illustrative"],
    ]


SERVICE_MODEL_COLUMNS = [
    "slug",
    *in_languages("name"),
    *in_languages("summary"),
    "level",
    *in_languages("level_label"),
    "stage",
    *in_languages("stage_label"),
    "regions",
    "topics",
    *in_languages("parts"),
    "methods",
    "record_created",
    "record_updated",
    "source_url",
]


def service_model_row(model) -> list:
    """A service model in one row: its parts by name, its methods as slug (age group)."""
    record = service_model_record(model)
    parts = record["parts"]
    return [
        record["slug"],
        *texts(record, "name"),
        *texts(record, "summary"),
        record["level"],
        *labels(ModelLevel, record["level"]),
        record["stage"],
        *labels(ModelStage, record["stage"]),
        ";".join(record["regions"]),
        ";".join(record["topics"]),
        *[
            ";".join(part["name"][language] or part["name"][MASTER_LANGUAGE] for part in parts)
            for language in LANGUAGES
        ],
        ";".join(f"{entry['method']} ({entry['age_group']})" for entry in record["methods"]),
        blank(record["record_created"]),
        blank(record["record_updated"]),
        record["source_url"],
    ]


SELECTION_COLUMNS = [
    "method",
    *in_languages("method_name"),
    "decided_on",
    *in_languages("deciding_body"),
    "decision",
    *in_languages("decision_label"),
    "evidence_based",
    "answers_need",
    "suits_target_group",
    *in_languages("evidence_reason"),
    *in_languages("need_reason"),
    *in_languages("target_group_reason"),
    "source_url",
]


def selection_row(selection) -> list:
    record = selection_record(selection)
    return [
        record["method"],
        *names(selection.method),
        record["decided_on"],
        *texts(record, "deciding_body"),
        record["decision"],
        *labels(SelectionDecision, record["decision"]),
        record["evidence_based"],
        record["answers_need"],
        record["suits_target_group"],
        *texts(record, "evidence_reason"),
        *texts(record, "need_reason"),
        *texts(record, "target_group_reason"),
        record["source_url"],
    ]


def records_csv(
    filename: str, columns: list[str], select: Callable, row: Callable
) -> Callable[[HttpRequest], HttpResponse]:
    @api_view
    def view(request: HttpRequest) -> HttpResponse:
        return csv_response(filename, columns, (row(item) for item in select(request)))

    return view


adoptions_csv = records_csv(
    "kasvuntuki-adoptions.csv", ADOPTION_COLUMNS, filtered_adoptions, adoption_row
)
training_records_csv = records_csv(
    "kasvuntuki-training.csv", TRAINING_COLUMNS, filtered_training_records, training_row
)
service_models_csv = records_csv(
    "kasvuntuki-service-models.csv",
    SERVICE_MODEL_COLUMNS,
    filtered_service_models,
    service_model_row,
)
selections_csv = records_csv(
    "kasvuntuki-national-selections.csv", SELECTION_COLUMNS, filtered_selections, selection_row
)
