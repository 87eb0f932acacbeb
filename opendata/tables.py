"""The method list as CSV for spreadsheets: the same filters as the list page and the API, and
the same records as the API, one row each."""

import csv

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import override

from lib.languages import LANGUAGES, MASTER_LANGUAGE
from lib.spreadsheets import spreadsheet_row
from methods.models import VOCABULARY_RELATIONS

from .api import api_view, filtered_methods, registry_changed_at, with_last_modified
from .records import api_method_record

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
    """The filtered list (or, without filters, the whole registry) for spreadsheets.

    UTF-8 with a byte-order mark, so that Excel shows ä, ö and å right.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kasvuntuki-methods.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for method in filtered_methods(request):
        writer.writerow(spreadsheet_row(csv_row(api_method_record(method, request))))
    return with_last_modified(response, [registry_changed_at()])
