"""The evidence gap map: topics (rows) against age groups, target groups or care levels
(columns); each cell counts the published methods at each evidence group and names the best
level there. A cell's counts are exactly what the method list shows for the cell's address,
because both validate with the list's own filters (MethodFilter) and count in the same facet
index (methods.facets), with its age-overlap rule: a cell is a few ANDs of bitsets."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .facets import facet_index
from .filters import UNRATED, MethodFilter, facet_terms_of
from .models import EvidenceGroup, Method, ScaleLevel, Term, Vocabulary

AGE_BANDS = [(0, 2), (3, 6), (7, 12), (13, 17), (18, 22)]
COLUMN_MODES = {
    "age": gettext_lazy("Age"),
    "target_group": gettext_lazy("Target group"),
    "care_level": gettext_lazy("Care level"),
}
# The filters that apply to the whole map (the list's own parameters).
MAP_FILTERS = ("setting", "delivery", "care_level")
OFF_LADDER = "off_ladder"
# The evidence groups a cell counts, strongest first; the last two are off the ladder or
# not evaluated. Each links to the list filtered to it.
LADDER_GROUPS = list(EvidenceGroup.values)
GROUPS = [*LADDER_GROUPS, OFF_LADDER, UNRATED]


@dataclass
class Column:
    key: str
    label: str
    params: dict[str, list[str]]  # what the method list is filtered with for this column
    ages: tuple[int, int] | None = None


@dataclass
class Cell:
    counts: dict[str, int]
    links: dict[str, str]  # each group → the list of its methods here
    best: ScaleLevel | None = None

    @property
    def evaluated(self) -> int:
        return sum(self.counts[group] for group in LADDER_GROUPS)

    @property
    def is_gap(self) -> bool:
        """No method here has been evaluated (there may be unevaluated ones)."""
        return self.evaluated == 0

    def entries(self) -> list[tuple[str, int, str]]:
        """(group, count, link) of every group, strongest first; the page shows those with
        methods."""
        return [(group, self.counts[group], self.links[group]) for group in GROUPS]


@dataclass
class GapMap:
    mode: str
    columns: list[Column]
    rows: list[tuple[Term, list[Cell]]] = field(default_factory=list)
    map_params: dict[str, list[str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def group_params(group: str, off_ladder_keys: list[str]) -> dict[str, list[str]]:
    """The list's parameters for one evidence group of a cell."""
    if group == UNRATED:
        return {"level": [UNRATED]}
    if group == OFF_LADDER:
        return {"level": off_ladder_keys}
    return {"group": [group]}


def columns_for(mode: str) -> list[Column]:
    if mode == "age":
        return [
            Column(
                f"{low}-{high}",
                f"{low}–{high}",
                {"age_from": [str(low)], "age_to": [str(high)]},
                (low, high),
            )
            for low, high in AGE_BANDS
        ]
    vocabulary = Vocabulary.TARGET_GROUP if mode == "target_group" else Vocabulary.CARE_LEVEL
    return [
        Column(term.code, term.label, {mode: [term.code]}) for term in facet_terms_of(vocabulary)
    ]


def build(query: QueryDict) -> GapMap:
    mode = query.get("columns", "age")
    ignored = []
    if mode not in COLUMN_MODES:
        ignored.append(str(_("Columns")))
        mode = "age"
    # In care-level columns the care level is the column, not a filter of the whole map.
    map_filters = [name for name in MAP_FILTERS if not (mode == "care_level" and name == mode)]
    params = {name: query.getlist(name) for name in map_filters if query.getlist(name)}
    filterset = method_filter(params)
    if not filterset.is_valid():
        ignored += [str(filterset.filters[name].label) for name in filterset.form.errors]
        params = {k: v for k, v in params.items() if k not in filterset.form.errors}
        filterset = method_filter(params)
        filterset.is_valid()
    index = facet_index()
    selected = index.everything
    for name, codes in params.items():
        selected &= index.any_of(name, codes)
    columns = columns_for(mode)
    if mode == "age":
        column_bits = [index.overlapping_ages(*column.ages) for column in columns]
    else:
        column_bits = [index.any_of(mode, [column.key]) for column in columns]
    levels = index.levels  # strongest first
    off_ladder = [level for level in levels if level.value is None]
    on_ladder = [level for level in levels if level.value is not None]
    group_bits = {group: index.any_of("group", [group]) for group in EvidenceGroup.values}
    group_bits[OFF_LADDER] = index.any_of("level", [level.key for level in off_ladder])
    group_bits[UNRATED] = index.any_of("level", [UNRATED])
    level_bits = [(level, index.any_of("level", [level.key])) for level in on_ladder]
    topic_terms = facet_terms_of(Vocabulary.TOPIC)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    best: dict[tuple[str, str], ScaleLevel] = {}
    for topic in topic_terms:
        in_topic = selected & index.any_of("topic", [topic.code])
        for column, bits in zip(columns, column_bits, strict=True):
            in_cell = in_topic & bits
            cell = (topic.code, column.key)
            counts[cell] = {group: (in_cell & group_bits[group]).bit_count() for group in GROUPS}
            strongest = next((level for level, of in level_bits if in_cell & of), None)
            if strongest is not None:
                best[cell] = strongest
    off_ladder_keys = sorted(level.key for level in off_ladder)
    # A cell's link is the list's address, the cell's own parameters, then the group's: each
    # made once, not once a link: a map has some 600 links.
    list_url = reverse("methods:list")
    group_queries = {
        group: urlencode(group_params(group, off_ladder_keys), doseq=True) for group in GROUPS
    }
    gap_map = GapMap(mode=mode, columns=columns, map_params=params, ignored=ignored)
    for topic in topic_terms:
        cells = []
        for column in columns:
            cell = (topic.code, column.key)
            query = cell_query(topic, column, params)
            links = {group: f"{list_url}?{query}&{group_queries[group]}" for group in GROUPS}
            cells.append(Cell(counts[cell], links, best.get(cell)))
        gap_map.rows.append((topic, cells))
    return gap_map


def method_filter(params: dict[str, list[str]]) -> MethodFilter:
    data = QueryDict(urlencode(params, doseq=True))
    return MethodFilter(data, queryset=Method.objects.published())


def cell_query(topic: Term, column: Column, params: dict[str, list[str]]) -> str:
    """The method list's parameters for exactly one cell of the map, but its group's."""
    return urlencode({"topic": [topic.code], **column.params, **params}, doseq=True)
