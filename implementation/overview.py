"""The figures of the implementation pages, each computed in a fixed number of queries however
many regions, methods and adoptions there are."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum

from methods.models import EvidenceGroup, Region

from .models import Adoption, AdoptionStatus, ServiceModel, TrainingRecord

# The evidence groups of the overview's columns: the three groups of both scales, then the
# outcomes off the ladder (no effect, negative effects), then methods not yet evaluated.
OFF_LADDER = "off_ladder"
UNRATED = "unrated"
EVIDENCE_COLUMNS = [*EvidenceGroup.values, OFF_LADDER, UNRATED]


def evidence_column(rating_id: int | None, group: str | None) -> str:
    if rating_id is None:
        return UNRATED
    return group or OFF_LADDER


def latest_training_records() -> QuerySet[TrainingRecord]:
    """Each public adoption's most recent year of figures."""
    latest_year = (
        TrainingRecord.objects.filter(adoption=OuterRef("adoption"))
        .order_by("-year")
        .values("year")
    )
    return TrainingRecord.objects.filter(
        adoption__method__is_published=True, year=Subquery(latest_year[:1])
    )


@dataclass
class RegionRow:
    """One row of the national overview."""

    region: Region
    in_use: int = 0
    by_group: dict[str, int] = field(default_factory=dict)
    trained: int = 0
    eligible: int = 0
    service_models: int = 0

    @property
    def effective(self) -> int:
        return self.by_group.get(EvidenceGroup.EFFECTIVE, 0)

    @property
    def effective_percent(self) -> int | None:
        return round(100 * self.effective / self.in_use) if self.in_use else None

    @property
    def coverage_percent(self) -> int | None:
        return round(100 * self.trained / self.eligible) if self.eligible else None

    def group_counts(self) -> list[tuple[str, int]]:
        return [(group, self.by_group.get(group, 0)) for group in EVIDENCE_COLUMNS]


SORT_KEYS = {
    "region": lambda row: row.region.name.lower(),
    "in_use": lambda row: row.in_use,
    "effective": lambda row: row.effective,
    "effective_percent": lambda row: -1 if row.effective_percent is None else row.effective_percent,
    "coverage": lambda row: -1 if row.coverage_percent is None else row.coverage_percent,
    "service_models": lambda row: row.service_models,
}


def national_overview(sort: str = "region", descending: bool = False) -> list[RegionRow]:
    """Per region: methods in use by evidence group, training coverage and service models."""
    rows = {region.pk: RegionRow(region) for region in Region.objects.order_by("name")}
    in_use = (
        Adoption.objects.public()
        .in_use()
        .values("region_id", "method__rating_id", "method__rating__evidence_group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in in_use:
        row = rows[item["region_id"]]
        group = evidence_column(item["method__rating_id"], item["method__rating__evidence_group"])
        row.by_group[group] = row.by_group.get(group, 0) + item["n"]
        row.in_use += item["n"]
    training = (
        latest_training_records()
        .filter(eligible__isnull=False)
        .values("adoption__region_id")
        .annotate(trained=Sum("trained"), eligible=Sum("eligible"))
        .order_by()
    )
    for item in training:
        rows[item["adoption__region_id"]].trained = item["trained"]
        rows[item["adoption__region_id"]].eligible = item["eligible"]
    models = (
        ServiceModel.regions.through.objects.filter(servicemodel__is_published=True)
        .values("region_id")
        .annotate(n=Count("servicemodel_id"))
        .order_by()
    )
    for item in models:
        rows[item["region_id"]].service_models = item["n"]
    key = SORT_KEYS.get(sort, SORT_KEYS["region"])
    return sorted(rows.values(), key=key, reverse=descending)


STATUS_ORDER = [
    AdoptionStatus.IN_USE,
    AdoptionStatus.PILOTING,
    AdoptionStatus.PLANNED,
    AdoptionStatus.PAUSED,
    AdoptionStatus.ENDED,
]
