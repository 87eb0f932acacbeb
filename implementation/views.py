import csv

from django.db.models import F, FilteredRelation, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from lib.page_cache import cached_public_page
from methods.models import EvidenceGroup, Method, Region, Term, Vocabulary

from .models import (
    AGE_GROUP_AGES,
    Adoption,
    AdoptionStatus,
    AgeGroup,
    ModelLevel,
    ModelStage,
    ServiceModel,
    ServiceModelMethod,
    TrainingRecord,
)
from .overview import EVIDENCE_COLUMNS, OFF_LADDER, SORT_KEYS, UNRATED, national_overview
from .tilemap import HEIGHT, WIDTH, tiles

MENU_AGE_GROUPS = list(AGE_GROUP_AGES)


def evidence_column_labels() -> dict[str, str]:
    return {
        **dict(EvidenceGroup.choices),
        OFF_LADDER: _("No effect or negative effects"),
        UNRATED: _("Not yet evaluated"),
    }


def adoptions_with_figures():
    """Public adoptions with what the region pages show: the method's rating, the care level,
    and the training figures newest first."""
    return (
        Adoption.objects.public()
        .select_related("method__rating__scale", "care_level", "region")
        .prefetch_related(
            Prefetch("training_records", queryset=TrainingRecord.objects.order_by("-year"))
        )
    )


@cached_public_page
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region, code=code)
    adoptions = list(adoptions_with_figures().filter(region=region).order_by("method__name"))
    in_use = [a for a in adoptions if a.status == AdoptionStatus.IN_USE]
    care_levels = list(Term.objects.filter(vocabulary=Vocabulary.CARE_LEVEL))
    menu = stepped_care_menu(in_use, care_levels)
    groups = evidence_column_labels()
    counts = {group: 0 for group in EVIDENCE_COLUMNS}
    for adoption in in_use:
        rating = adoption.method.rating
        group = UNRATED if rating is None else (rating.evidence_group or OFF_LADDER)
        counts[group] += 1
    ctx = {
        "region": region,
        "menu": menu,
        "age_groups": [(group, AgeGroup(group).label) for group in MENU_AGE_GROUPS],
        "in_use": in_use,
        "evidence_counts": [(groups[group], counts[group]) for group in EVIDENCE_COLUMNS],
        "effective_share": round(100 * counts[EvidenceGroup.EFFECTIVE] / len(in_use))
        if in_use
        else None,
        "training": [a for a in adoptions if a.training_records.all()],
        "upcoming": [
            a for a in adoptions if a.status in (AdoptionStatus.PLANNED, AdoptionStatus.PILOTING)
        ],
        "others": [
            a for a in adoptions if a.status in (AdoptionStatus.PAUSED, AdoptionStatus.ENDED)
        ],
        "service_models": region.service_models.published().order_by("name"),
        "illustrative": any(a.is_illustrative for a in adoptions)
        or any(r.is_illustrative for a in adoptions for r in a.training_records.all()),
        "last_updated": max((a.updated_at for a in adoptions), default=None),
    }
    return render(request, "implementation/region_detail.html", ctx)


def stepped_care_menu(adoptions: list[Adoption], care_levels: list[Term]) -> list[dict]:
    """Rows by care level, columns by age group; each cell the adoptions that serve it."""
    rows = []
    levels: list[Term | None] = [*care_levels, None]
    for level in levels:
        at_level = [a for a in adoptions if a.care_level_id == (level.pk if level else None)]
        if level is None and not at_level:
            continue
        cells = [[a for a in at_level if group in a.age_groups()] for group in MENU_AGE_GROUPS]
        rows.append({"level": level, "cells": cells})
    return rows


@cached_public_page
def region_list(request: HttpRequest) -> HttpResponse:
    rows = national_overview()
    return render(request, "implementation/region_list.html", {"rows": rows})


@cached_public_page
def overview(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "region")
    if sort not in SORT_KEYS:
        sort = "region"
    descending = request.GET.get("order") == "desc"
    rows = national_overview(sort, descending)
    labels = evidence_column_labels()
    highest = max((row.in_use for row in rows), default=0)
    ctx = {
        "rows": rows,
        "sort": sort,
        "descending": descending,
        "columns": [(group, labels[group]) for group in EVIDENCE_COLUMNS],
        "chart": overview_chart(rows, highest),
        "chart_height": 24 * len(rows) + 40,
        "totals": {
            "in_use": sum(row.in_use for row in rows),
            "effective": sum(row.effective for row in rows),
            "without_effective": sum(1 for row in rows if row.in_use and not row.effective),
        },
    }
    return render(request, "implementation/overview.html", ctx)


CHART_LABEL_WIDTH = 260
CHART_BAR_WIDTH = 400


def overview_chart(rows, highest: int) -> list[dict]:
    """Bars of methods in use per region, split by evidence group, in SVG coordinates."""
    scale = CHART_BAR_WIDTH / highest if highest else 0
    bars = []
    for index, row in enumerate(rows):
        x = CHART_LABEL_WIDTH
        segments = []
        for group, count in row.group_counts():
            width = round(count * scale)
            if count:
                segments.append({"group": group, "x": x, "width": width, "count": count})
            x += width
        bars.append({"row": row, "y": 24 * index + 20, "segments": segments, "end": x})
    return bars


@cached_public_page
def overview_csv(request: HttpRequest) -> HttpResponse:
    """The national overview's table for spreadsheets (UTF-8 with a byte-order mark)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kasvuntuki-implementation.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "region",
            "name_fi",
            "methods_in_use",
            *[f"in_use_{group}" for group in EVIDENCE_COLUMNS],
            "professionals_trained",
            "professionals_eligible",
            "coverage_percent",
            "service_models",
        ]
    )
    for row in national_overview():
        writer.writerow(
            [
                row.region.code,
                row.region.name_fi,
                row.in_use,
                *[count for _group, count in row.group_counts()],
                row.trained,
                row.eligible,
                "" if row.coverage_percent is None else row.coverage_percent,
                row.service_models,
            ]
        )
    return response


@cached_public_page
def service_model_list(request: HttpRequest) -> HttpResponse:
    models = ServiceModel.objects.published().prefetch_related("regions", "topics")
    chosen = {
        "region": request.GET.get("region", ""),
        "level": request.GET.get("level", ""),
        "stage": request.GET.get("stage", ""),
        "topic": request.GET.get("topic", ""),
    }
    regions = Region.objects.order_by("name")
    topics = Term.objects.filter(vocabulary=Vocabulary.TOPIC)
    # Unknown values are left out with a visible note rather than answered with an error.
    ignored = []
    if chosen["region"] and not regions.filter(code=chosen["region"]).exists():
        ignored.append(_("Region"))
        chosen["region"] = ""
    if chosen["level"] not in ["", *ModelLevel.values]:
        ignored.append(_("Level"))
        chosen["level"] = ""
    if chosen["stage"] not in ["", *ModelStage.values]:
        ignored.append(_("Development stage"))
        chosen["stage"] = ""
    if chosen["topic"] and not topics.filter(code=chosen["topic"]).exists():
        ignored.append(_("Topic"))
        chosen["topic"] = ""
    if chosen["region"]:
        models = models.filter(regions__code=chosen["region"])
    if chosen["level"]:
        models = models.filter(level=chosen["level"])
    if chosen["stage"]:
        models = models.filter(stage=chosen["stage"])
    if chosen["topic"]:
        models = models.filter(topics__code=chosen["topic"])
    ctx = {
        "service_models": models.distinct().order_by("name"),
        "chosen": chosen,
        "ignored": ignored,
        "regions": regions,
        "topics": topics,
        "levels": ModelLevel.choices,
        "stages": ModelStage.choices,
    }
    return render(request, "implementation/service_model_list.html", ctx)


@cached_public_page
def service_model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    model = get_object_or_404(
        ServiceModel.objects.published().prefetch_related("regions", "topics", "parts"), slug=slug
    )
    entries = (
        ServiceModelMethod.objects.filter(service_model=model, method__is_published=True)
        .select_related("method__rating__scale", "care_level")
        .order_by("age_group", "care_level__position", "method__name")
    )
    by_group = {}
    for entry in entries:
        by_group.setdefault(entry.get_age_group_display(), []).append(entry)
    ctx = {"model": model, "methods_by_group": by_group}
    return render(request, "implementation/service_model_detail.html", ctx)


@cached_public_page
def therapy_guarantee(request: HttpRequest) -> HttpResponse:
    """Methods that qualify as structured, time-limited psychosocial treatment at the basic
    level, and which regions deliver them."""
    methods = list(
        Method.objects.published()
        .filter(therapy_guarantee=True)
        .select_related("rating__scale")
        .order_by("name")
    )
    regions = list(Region.objects.order_by("name"))
    delivered = set(
        Adoption.objects.public()
        .in_use()
        .filter(method__therapy_guarantee=True)
        .values_list("region_id", "method_id")
    )
    table = [
        {"region": region, "cells": [(region.pk, m.pk) in delivered for m in methods]}
        for region in regions
    ]
    for row in table:
        row["count"] = sum(row["cells"])
    ctx = {"methods": methods, "table": table}
    return render(request, "implementation/therapy_guarantee.html", ctx)


def where_in_use(method: Method) -> dict:
    """The method page's "where in use": its public adoptions as a list and a tile map.

    One query: every region, each joined to this method's adoption there (a region has at
    most one), which the list reads as adoptions.
    """
    in_regions = Region.objects.annotate(
        use=FilteredRelation("adoptions", condition=Q(adoptions__method=method))
    ).annotate(
        adoption_id=F("use__id"),
        adoption_status=F("use__status"),
        adoption_start=F("use__start_year"),
        adoption_end=F("use__end_year"),
        adoption_illustrative=F("use__is_illustrative"),
    )
    regions = list(in_regions.order_by("name"))
    adoptions = [
        Adoption(
            pk=region.adoption_id,
            region=region,
            method=method,
            status=region.adoption_status,
            start_year=region.adoption_start,
            end_year=region.adoption_end,
            is_illustrative=region.adoption_illustrative,
        )
        for region in regions
        if region.adoption_id is not None
    ]
    status = {a.region_id: (a.status, a.get_status_display()) for a in adoptions}
    return {
        "adoptions": adoptions,
        "tiles": tiles(regions, status),
        "map_width": WIDTH,
        "map_height": HEIGHT,
        "statuses": AdoptionStatus.choices,
    }
