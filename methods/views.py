import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from lib.page_cache import cached_public_page
from lib.spreadsheets import spreadsheet_row

from . import gapmap
from .comparison import MAX_COMPARED, MIN_COMPARED, Comparison
from .comparison import compare as compare_methods
from .facets import completed_cards, facet_index, with_terms_from_index
from .filters import TERM_FILTERS, facet_terms_of
from .listing import MethodListing
from .models import (
    MAX_AGE,
    EvidenceGroup,
    Method,
    RatingScale,
    Vocabulary,
    published_rows,
)
from .search.highlight import MatchedWords

NEWEST_ON_HOME_PAGE = 6


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    ctx = {
        "newest": completed_cards(
            list(
                published_rows()
                .filter(rated_on__isnull=False)
                .with_card_data()
                .order_by("-rated_on", "slug")[:NEWEST_ON_HOME_PAGE]
            )
        ),
        "method_count": len(facet_index().ids),
        "topics": facet_terms_of(Vocabulary.TOPIC),
        "target_groups": facet_terms_of(Vocabulary.TARGET_GROUP),
        "max_age": MAX_AGE,
    }
    return render(request, "methods/home.html", ctx)


@cached_public_page
def method_list(request: HttpRequest) -> HttpResponse:
    listing = MethodListing(request.GET)
    ctx = {
        "listing": listing,
        "form": listing.form,
        "page": listing.page(request.GET.get("page")),
        "matched_words": MatchedWords(listing.search_lemmas),  # marked in the method cards
        "compared": request.GET.getlist("m"),  # methods already picked for a comparison
        "max_age": MAX_AGE,
    }
    return render(request, "methods/method_list.html", ctx)


@cached_public_page
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = get_object_or_404(
        Method.objects.published()
        .select_related("owner", "rating__scale")
        .prefetch_related("contacts"),
        slug=slug,
    )
    with_terms_from_index([method])
    evaluations = method.page_evaluations()
    ctx = {
        "method": method,
        "evaluation": evaluations.shown,
        "rating_history": evaluations.history,
        "update_under_way": evaluations.update_under_way,
    }
    return render(request, "methods/method_detail.html", ctx)


# Versions are small integers in the database; a larger number in the address is no version.
MAX_VERSION = 32767


@cached_public_page
def evaluation_version(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """One published version of a method's evaluation, at an address that never changes."""
    method = get_object_or_404(
        Method.objects.published().select_related("rating__scale"), slug=slug
    )
    if version > MAX_VERSION:
        raise Http404
    evaluations = method.page_evaluations(version)
    if evaluations.shown is None:
        raise Http404
    ctx = {
        "method": method,
        "evaluation": evaluations.shown,
        "rating_history": evaluations.history,
    }
    return render(request, "methods/evaluation_version.html", ctx)


@cached_public_page
def compare(request: HttpRequest) -> HttpResponse:
    comparison = comparison_from(request)
    hide_same = request.GET.get("same") == "hide"
    rows = [row for row in comparison.rows if row.differs or not hide_same]
    ctx = {
        "comparison": comparison,
        "rows": rows,
        "hide_same": hide_same,
        "hidden_count": len(comparison.rows) - len(rows),
        "slugs": [method.slug for method in comparison.methods],
        "min_compared": MIN_COMPARED,
        "max_compared": MAX_COMPARED,
    }
    return render(request, "methods/compare.html", ctx)


@cached_public_page
def compare_csv(request: HttpRequest) -> HttpResponse:
    """The comparison for spreadsheets: one row per attribute, one column per method."""
    comparison = comparison_from(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kasvuntuki-comparison.csv"'
    response.write("\ufeff")  # Excel needs the byte-order mark to read UTF-8
    writer = csv.writer(response)
    writer.writerow(spreadsheet_row(["", *[method.name for method in comparison.methods]]))
    for row in comparison.rows:
        writer.writerow(spreadsheet_row([row.label, *[cell.text for cell in row.cells]]))
    return response


def comparison_from(request: HttpRequest) -> Comparison:
    # A very long query string is cut to the first values: only four are compared anyway.
    return compare_methods(request.GET.getlist("m")[:50])


@cached_public_page
def gap_map(request: HttpRequest) -> HttpResponse:
    """Where the evidence is missing: topics against ages, target groups or care levels."""
    ctx = {
        "map": gapmap.build(request.GET),
        "modes": gapmap.COLUMN_MODES,
        "group_labels": gap_group_labels(),
        "filter_terms": {name: facet_terms_of(TERM_FILTERS[name]) for name in gapmap.MAP_FILTERS},
    }
    return render(request, "methods/gap_map.html", ctx)


@cached_public_page
def gap_map_csv(request: HttpRequest) -> HttpResponse:
    """The map for spreadsheets: one row per topic and column, the counts per group."""
    result = gapmap.build(request.GET)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kasvuntuki-evidence-gap-map.csv"'
    response.write("\ufeff")  # Excel needs the byte-order mark to read UTF-8
    writer = csv.writer(response)
    writer.writerow(["topic", result.mode, *gapmap.GROUPS, "best_level"])
    for topic, cells in result.rows:
        for column, cell in zip(result.columns, cells, strict=True):
            counts = [cell.counts[group] for group in gapmap.GROUPS]
            best = cell.best.key if cell.best else ""
            writer.writerow([topic.code, column.key, *counts, best])
    return response


def gap_group_labels() -> dict[str, str]:
    return {
        **dict(EvidenceGroup.choices),
        gapmap.OFF_LADDER: _("No effect or negative effects"),
        gapmap.UNRATED: _("Not yet evaluated"),
    }


@cached_public_page
def about_ratings(request: HttpRequest) -> HttpResponse:
    scales = RatingScale.objects.prefetch_related("levels")
    return render(request, "methods/about_ratings.html", {"scales": scales})
