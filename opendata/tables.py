"""The method list as CSV for spreadsheets: the same filters as the list page and the API."""

import csv

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import override

from lib.languages import LANGUAGES
from methods.models import VOCABULARY_RELATIONS, Method

from .api import api_view, filtered_methods, registry_changed_at, with_last_modified
from .records import iso, page_urls

CSV_COLUMNS = [
    "slug",
    "name_fi",
    "name_sv",
    "name_en",
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


def rating_label(level, language: str) -> str:
    """The rating's label in one language; for an unrated method, "Not yet evaluated" in it."""
    if level is not None:
        return getattr(level, f"label_{language}") or level.label_fi
    with override(language):
        return _("Not yet evaluated")


def csv_row(method: Method, request: HttpRequest) -> list:
    level = method.rating
    return [
        method.slug,
        method.name_fi,
        method.name_sv or "",
        method.name_en or "",
        method.age_min,
        method.age_max,
        *[";".join(t.code for t in getattr(method, r).all()) for r in VOCABULARY_RELATIONS],
        method.owner.name_fi if method.owner else "",
        level.scale.code if level else "",
        level.value if level and level.value is not None else "",
        *[rating_label(level, language) for language in LANGUAGES],
        level.evidence_group if level else "",
        iso(method.rated_on) or "",
        page_urls(method, request)["fi"],
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
        writer.writerow(csv_row(method, request))
    return with_last_modified(response, [registry_changed_at()])
