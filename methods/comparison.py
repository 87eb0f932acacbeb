"""The side-by-side comparison of 2–4 published methods: one row per attribute, each row
marking whether the methods differ. A comparison, not a ranking: nothing is scored."""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lib.languages import text_in_language

from .facets import with_terms_from_index
from .filters import IN_USE
from .models import Method

MIN_COMPARED, MAX_COMPARED = 2, 4


@dataclass
class Cell:
    text: str
    lang: str = ""  # "fi" when the text fell back to Finnish


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]

    @property
    def differs(self) -> bool:
        return len({cell.text for cell in self.cells}) > 1


@dataclass
class Comparison:
    methods: list[Method]
    rows: list[Row] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # slugs of no published method
    left_out: list[str] = field(default_factory=list)  # slugs past the limit of four

    @property
    def enough(self) -> bool:
        return len(self.methods) >= MIN_COMPARED

    @property
    def scales(self) -> list[str]:
        """The rating scales of the compared ratings, for the "different scales" warning."""
        return sorted({m.rating.scale.name for m in self.methods if m.rating})


SLUG = re.compile(r"[-\w]{1,120}")


def chosen_slugs(values: list[str]) -> tuple[list[str], list[str]]:
    """(the first four distinct slugs, the ones past the limit), in the order given."""
    distinct = list(dict.fromkeys(value.strip() for value in values if value.strip()))
    return distinct[:MAX_COMPARED], distinct[MAX_COMPARED:]


def is_slug(value: str) -> bool:
    """Only a well-formed slug is looked up; anything else (NUL bytes, paths) is unknown."""
    return SLUG.fullmatch(value) is not None


def methods_for_comparison() -> QuerySet[Method]:
    """Published methods with everything a comparison shows but their vocabularies, which
    facets.with_terms_from_index gives, and their evaluations' answers and studies, which
    shown_evaluations reads: three queries.

    The evaluations and adoptions are read through their relations to the method; this app
    never imports the apps that own them. Only published evaluations: no draft is read.
    """
    evaluations = Method._meta.get_field("evaluations").related_model.objects
    adoptions = Method._meta.get_field("adoptions").related_model.objects
    return (
        Method.objects.published()
        .select_related("owner", "rating__scale")
        .prefetch_related(
            Prefetch("evaluations", queryset=evaluations.published().select_related("manual")),
            Prefetch("adoptions", queryset=adoptions.select_related("region")),
        )
    )


def shown_evaluations(methods: list[Method]) -> list:
    """The evaluation each method's rating rests on (or None), with its answers and
    screened studies: two queries for all of them, as on the method page."""
    evaluations = [method.published_version(method.evaluations.all()) for method in methods]
    present = [evaluation for evaluation in evaluations if evaluation is not None]
    if present:
        prefetch_related_objects(present, *present[0].answer_prefetches())
    return evaluations


def compare(values: list[str]) -> Comparison:
    slugs, left_out = chosen_slugs(values)
    lookup = [slug for slug in slugs if is_slug(slug)]
    found = {
        m.slug: m
        for m in with_terms_from_index(list(methods_for_comparison().filter(slug__in=lookup)))
    }
    comparison = Comparison(
        methods=[found[slug] for slug in slugs if slug in found],
        unknown=[slug for slug in slugs if slug not in found],
        left_out=left_out,
    )
    if comparison.enough:
        comparison.rows = rows_for(comparison.methods)
    return comparison


def text(obj, field: str) -> Cell:
    shown, fallback = text_in_language(obj, field)
    return Cell(shown, fallback) if shown else Cell("–")


def terms(method: Method, relation: str) -> Cell:
    return Cell(", ".join(term.label for term in getattr(method, relation).all()) or "–")


def rating_cells(method: Method, evaluation) -> dict[str, Cell]:
    if method.rating is None:
        none = Cell(_("Not yet evaluated"))
        return {"rating": none, "scale": Cell("–"), "manual": Cell("–"), "evaluated": Cell("–")}
    if method.rated_on:
        evaluated = date_format(method.rated_on, "j.n.Y")
        if method.review_is_stale(settings.EVIDENCE_STALE_AFTER_YEARS):
            evaluated += " – " + _("evidence last reviewed in %(year)s") % {
                "year": method.rated_on.year
            }
    else:
        evaluated = _("Evaluation date not recorded")
    return {
        "rating": Cell(str(method.rating)),
        "scale": Cell(method.rating.scale.name),
        "manual": Cell(evaluation.manual.name if evaluation else "–"),
        "evaluated": Cell(evaluated),
    }


def rows_for(methods: list[Method]) -> list[Row]:
    evaluations = shown_evaluations(methods)
    ratings = [rating_cells(m, e) for m, e in zip(methods, evaluations, strict=True)]
    rows = [
        Row("rating", _("Rating"), [r["rating"] for r in ratings]),
        Row("scale", _("Rating scale"), [r["scale"] for r in ratings]),
        Row("manual", _("Criteria manual"), [r["manual"] for r in ratings]),
        Row("evaluated", _("Evaluation published"), [r["evaluated"] for r in ratings]),
    ]
    # The assessed areas in the manual's order, as any of the evaluations names them.
    areas = list(
        dict.fromkeys(area for e in evaluations if e for area, _m, _t in e.criteria_met_by_area())
    )
    for area in areas:
        cells = []
        for evaluation in evaluations:
            counts = (
                {a: (met, total) for a, met, total in evaluation.criteria_met_by_area()}
                if evaluation
                else {}
            )
            met, total = counts.get(area, (None, None))
            cells.append(
                Cell(_("%(met)s of %(total)s criteria met") % {"met": met, "total": total})
                if total
                else Cell("–")
            )
        rows.append(Row(f"area-{area}", _("Evidence: %(area)s") % {"area": area}, cells))
    rows += [
        Row("target_groups", _("Target groups"), [terms(m, "target_groups") for m in methods]),
        Row(
            "ages",
            _("Ages"),
            [Cell(m.age_label) for m in methods],
        ),
        Row("topics", _("Topics"), [terms(m, "topics") for m in methods]),
        Row("settings", _("Settings"), [terms(m, "service_settings") for m in methods]),
        Row("delivery", _("Delivery format"), [terms(m, "delivery_formats") for m in methods]),
        Row("care_levels", _("Care level"), [terms(m, "care_levels") for m in methods]),
        Row("duration", _("Duration and sessions"), [text(m, "duration") for m in methods]),
        Row("deliverers", _("Who can deliver it"), [text(m, "deliverers") for m in methods]),
        Row("training", _("Training"), [text(m, "training") for m in methods]),
        Row(
            "training_duration",
            _("Length of training"),
            [text(m, "training_duration") for m in methods],
        ),
        Row(
            "training_languages",
            _("Languages of training"),
            [terms(m, "training_languages") for m in methods],
        ),
        Row(
            "training_in_finland",
            _("Training available in Finland"),
            [Cell(_("Yes") if m.training_available_in_finland else _("No")) for m in methods],
        ),
        Row("certification", _("Certification"), [text(m, "certification") for m in methods]),
        Row("materials", _("Materials"), [text(m, "materials") for m in methods]),
        Row("costs", _("Costs"), [text(m, "costs") for m in methods]),
        Row(
            "owner",
            _("Owner organisation"),
            [text(m.owner, "name") if m.owner else Cell("–") for m in methods],
        ),
    ]
    profiles = [e.study_profile() if e else None for e in evaluations]
    rows += [
        Row(
            "studies",
            _("Studies included"),
            [Cell(str(p["count"]) if p else "–") for p in profiles],
        ),
        Row(
            "study_designs",
            _("Study designs"),
            [Cell(", ".join(p["designs"]) or "–" if p else "–") for p in profiles],
        ),
        Row(
            "nordic_studies",
            _("Nordic studies"),
            [Cell(str(p["nordic"]) if p else "–") for p in profiles],
        ),
        Row(
            "regions",
            _("Regions where in use"),
            [
                Cell(
                    ", ".join(
                        sorted(a.region.name for a in m.adoptions.all() if a.status == IN_USE)
                    )
                    or _("none recorded")
                )
                for m in methods
            ],
        ),
    ]
    return rows
