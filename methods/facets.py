"""Every facet's value counts of the method list, from an index of the published methods.

For each facet value ("topic anxiety", "level B", "used in Kymenlaakso") the index holds the
published methods under it as a bitset: a Python int whose bit n stands for the index's n-th
method. Counting is then the bits set in the value's bitset AND the methods the list's other
choices select: microseconds a value, the same at 10,000 methods as at 100, where counting
in the database took a tenth of a second a page at 10,000 (bench/pages.py).

The index also holds what the list is ordered by (names, ratings, evaluation dates) and
each method's ages and evaluation date; the search's index of the forms in their documents
is kept beside it, numbered by its bits (form_index: methods.search.postings). So the list
is searched, filtered, counted, ordered and paged here; the database is asked only for the
page's twenty cards, read from the published methods, so whatever the index holds a page
shows nothing unpublished.

The index is read from the database (five queries) when the registry has changed
(the search's `registry_version`, which every committed write of the registry's data moves,
settings.REGISTRY_DATA) and kept, one index at a time, in each process and in the shared
cache (methods.search.registry); it holds only published methods. The method cards and the
records of the API take their terms from it too (completed_cards, FacetIndex.codes_of).
"""

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import overload

from django.db import connection
from django.db.models import Exists, OuterRef

from lib.bitsets import bitset, positions
from lib.dbcompat import ids_as_text_sql
from lib.languages import LANGUAGES, MASTER_LANGUAGE, shown_text

from .filters import IN_USE, TERM_FILTERS, UNRATED, facet_terms_of
from .models import (
    VOCABULARY_RELATIONS,
    Method,
    Organisation,
    RatingScale,
    Region,
    ScaleLevel,
    Term,
    fill_term_relations,
    prefetch_terms,
    published_rows,
)
from .search.postings import FormIndex, build_form_index
from .search.registry import kept_per_version

# The facets of the method list, in the order the page shows them.
FACETS = (*TERM_FILTERS, "group", "level", "scale", "region", "owner")
# The term facet of each vocabulary.
FACET_OF_VOCABULARY = {vocabulary: name for name, vocabulary in TERM_FILTERS.items()}
# The method relation each term facet reads: the one classifying by the filter's vocabulary.
RELATION_OF_FACET = {
    name: relation
    for name, vocabulary in TERM_FILTERS.items()
    for relation, of_vocabulary in VOCABULARY_RELATIONS.items()
    if of_vocabulary == vocabulary
}


@dataclass(frozen=True, eq=False)
class FacetIndex:
    """The published methods (by bit) and, per facet and value, the methods under it; and
    the values the facets offer that are not vocabulary terms (filters.facet_terms)."""

    bit_of: dict[int, int]  # method id → its bit
    ids: list[int]  # by bit: the method's id
    ages: list[tuple[int, int]]  # by bit: the method's youngest and oldest age
    rated_on: list[date | None]  # by bit: the date of the evaluation its rating rests on
    rating_order: list[int | None]  # by bit: its rating's sort order (stronger is higher)
    names: dict[str, list[str]]  # language → by bit: its name as sorted (slug last)
    slugs: list[str]  # by bit
    changed_at: datetime | None  # when a published method last changed
    members: dict[str, dict[str, int]]  # facet → value code → bitset of its methods
    levels: list[ScaleLevel]  # strongest first, with their scales
    regions: list[Region]
    owners: list[Organisation]  # those with a published method
    # This build of the index: the search's index of forms names the one whose bits it uses.
    token: str
    _orders: dict[tuple[str, str], tuple[list[int], list[int]]] = field(
        default_factory=dict, compare=False
    )
    _age_ends: dict[tuple[str, int], int] = field(default_factory=dict, compare=False)
    _flags: dict[str, dict[str, bytes]] = field(default_factory=dict, compare=False)

    @property
    def everything(self) -> int:
        return (1 << len(self.bit_of)) - 1

    def overlapping_ages(self, age_from: int | None, age_to: int | None) -> int:
        """The methods whose age range overlaps [age_from, age_to] (as
        MethodQuerySet.overlapping_ages); either end may be open."""
        bits = self.everything
        if age_from is not None:
            bits &= self._age_end("oldest at least", age_from)
        if age_to is not None:
            bits &= self._age_end("youngest at most", age_to)
        return bits

    def _age_end(self, end: str, age: int) -> int:
        """The methods whose oldest age is at least `age`, or whose youngest is at most it:
        made the first time an age is asked of this index. Reading every method's ages took
        a fifth of a filtered list's time at 10,000 methods, and the list and the gap map
        ask for the same few ages again and again."""
        key = (end, age)
        if key not in self._age_ends:
            if end == "oldest at least":
                bits = (bit for bit, (_, oldest) in enumerate(self.ages) if oldest >= age)
            else:
                bits = (bit for bit, (youngest, _) in enumerate(self.ages) if youngest <= age)
            self._age_ends[key] = bitset(bits, len(self.ages))
        return self._age_ends[key]

    def rated_since(self, day: date) -> int:
        """The methods whose rating rests on an evaluation published on or after `day`."""
        bits = (bit for bit, rated in enumerate(self.rated_on) if rated and rated >= day)
        return bitset(bits, len(self.rated_on))

    def rank(self, sort: str, language: str) -> list[int]:
        """By bit: the method's place in the whole registry in one of the list's orders
        (filters.SORT_CHOICES) or by slug (the API's)."""
        return self._ordered(sort, language)[1]

    def order(self, sort: str, language: str) -> list[int]:
        """The bits of the whole registry in one of those orders."""
        return self._ordered(sort, language)[0]

    def _ordered(self, sort: str, language: str) -> tuple[list[int], list[int]]:
        """(order, rank) of one sort, made the first time it is asked of this index."""
        key = (sort, language)
        if key not in self._orders:
            names = self.names.get(language) or self.names[MASTER_LANGUAGE]
            bits = range(len(self.ids))
            if sort == "rating":
                ratings = self.rating_order
                order = sorted(
                    bits, key=lambda b: (ratings[b] is None, -(ratings[b] or 0), names[b])
                )
            elif sort == "evaluated":
                days = [rated.toordinal() if rated else 0 for rated in self.rated_on]
                order = sorted(bits, key=lambda b: (-days[b], names[b]))
            elif sort == "slug":
                order = sorted(bits, key=self.slugs.__getitem__)
            else:
                order = sorted(bits, key=names.__getitem__)
            ranks = [0] * len(order)
            for place, bit in enumerate(order):
                ranks[bit] = place
            self._orders[key] = (order, ranks)
        return self._orders[key]

    def classified_under(self, terms: Iterable[Term]) -> int:
        """The methods classified under any of these terms (a search's concept)."""
        bits = 0
        for term in terms:
            bits |= self.members[FACET_OF_VOCABULARY[term.vocabulary]].get(term.code, 0)
        return bits

    def terms_of(self, method_id: int, facet: str, terms: Iterable[Term]) -> list[Term]:
        """Those of these terms (of one facet's vocabulary) the method is classified under,
        in their order."""
        bit = self.bit_of.get(method_id)
        if bit is None:
            return []
        flags, byte, mask = self._value_flags(facet), bit >> 3, 1 << (bit & 7)
        return [term for term in terms if (f := flags.get(term.code)) and f[byte] & mask]

    def codes_of(self, method_id: int) -> dict[str, list[str]] | None:
        """Each vocabulary of the term facets → the codes of the method's terms in it,
        sorted; None for a method the index does not hold."""
        bit = self.bit_of.get(method_id)
        if bit is None:
            return None
        byte, mask = bit >> 3, 1 << (bit & 7)
        return {
            vocabulary: sorted(
                code for code, f in self._value_flags(facet).items() if f[byte] & mask
            )
            for facet, vocabulary in TERM_FILTERS.items()
        }

    def _value_flags(self, facet: str) -> dict[str, bytes]:
        """Each value of a facet → its methods as bytes, a bit a method: made the first time
        the facet is asked of this index. Testing one method's bit of a 10,000-bit int copies
        the int; the cards of a list page tested 1,400 of them, a millisecond."""
        flags = self._flags.get(facet)
        if flags is None:
            length = (len(self.ids) + 7) // 8
            values = self.members[facet]
            flags = self._flags[facet] = {
                code: bits.to_bytes(length, "little") for code, bits in values.items()
            }
        return flags

    def any_of(self, facet: str, codes: Iterable[str]) -> int:
        """The methods under any of these values of one facet (the filter's alternatives)."""
        values = self.members[facet]
        selected = 0
        for code in codes:
            selected |= values.get(code, 0)
        return selected


@dataclass(frozen=True)
class FacetCounts:
    selected: int  # the bitset of the methods every filter selects
    counts: dict[str, dict[str, int]]  # facet → value → methods it would give
    without: dict[str, int]  # a facet with chosen values → the list's length without them

    @property
    def total(self) -> int:
        """The list's length."""
        return self.selected.bit_count()


class IdSequence(Sequence[int]):
    """Method ids in an order, found only as far as they are asked (_between)."""

    _length: int

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, item: int) -> int: ...

    @overload
    def __getitem__(self, item: slice) -> list[int]: ...

    def __getitem__(self, item: int | slice) -> int | list[int]:
        if isinstance(item, slice):
            start, stop, step = item.indices(self._length)
            if step < 0:
                return list(self)[item]
            return self._between(start, stop)[::step]
        position = item + self._length if item < 0 else item
        if not 0 <= position < self._length:
            raise IndexError(item)
        return self._between(position, position + 1)[0]

    def _between(self, start: int, stop: int) -> list[int]:
        """The ids from place `start` up to `stop`, which are within the sequence."""
        raise NotImplementedError


class RankedSelection(IdSequence):
    """The ids of the methods of a bitset in one of the index's orders, found only as far
    as they are asked: the first page of all 10,000 methods looks at twenty of them, where
    sorting them all took a tenth of the list page's time."""

    def __init__(self, index: FacetIndex, selected: int, order: list[int]) -> None:
        self._ids, self._order = index.ids, order
        self._length = selected.bit_count()
        # One byte per eight methods: testing a bit of a 10,000-bit int copies the int.
        self._flags = selected.to_bytes((len(index.ids) + 7) // 8, "little")
        self._found: list[int] = []
        self._place = 0  # the next place in the order to look at

    def _between(self, start: int, stop: int) -> list[int]:
        self._find(stop)
        return self._found[start:stop]

    def __iter__(self) -> Iterator[int]:
        self._find(self._length)
        return iter(self._found)

    def _find(self, wanted: int) -> None:
        """Look along the order until `wanted` ids are found (or the order ends)."""
        flags, order, found = self._flags, self._order, self._found
        while len(found) < wanted and self._place < len(order):
            bit = order[self._place]
            self._place += 1
            if flags[bit >> 3] >> (bit & 7) & 1:
                found.append(self._ids[bit])


class ChainedSelection(IdSequence):
    """Sequences of ids one after another, as one sequence."""

    def __init__(self, parts: list[Sequence[int]]) -> None:
        self._parts = parts
        self._length = sum(len(part) for part in parts)

    def _between(self, start: int, stop: int) -> list[int]:
        found: list[int] = []
        offset = 0
        for part in self._parts:  # only the parts the slice reaches are asked
            end = offset + len(part)
            if offset < stop and end > start:
                found += part[max(start - offset, 0) : stop - offset]
            offset = end
        return found

    def __iter__(self) -> Iterator[int]:
        for part in self._parts:
            yield from part


# A rank with fewer methods than the registry's over this is sorted by name; a larger one is
# found along the name order, where twenty of them lie within a few hundred places.
FEW_TO_SORT = 16


def best_matches_first(
    index: FacetIndex, selected: int, by_rank: Mapping[int, int], language: str
) -> Sequence[int]:
    """The ids of the selected methods by their search rank (rank → the bitset of the
    methods with it: methods.search.ranking.Matches), best first, and by name within a rank
    (FacetIndex.rank); a selected method without a rank comes last.

    One part a rank, each put in order only as far as a page asks: sorting all 3,000
    matches of a common word took a tenth of the search page's time at 10,000 methods.
    """
    size = len(index.ids)
    names, name_rank = index.order("name", language), index.rank("name", language)
    parts: list[Sequence[int]] = []
    ranked = 0
    for rank in sorted(by_rank, reverse=True):
        bits = by_rank[rank] & selected
        if not bits:
            continue
        ranked |= bits
        if bits.bit_count() * FEW_TO_SORT < size:
            in_order = sorted(positions(bits), key=name_rank.__getitem__)
            parts.append([index.ids[bit] for bit in in_order])
        else:
            parts.append(RankedSelection(index, bits, names))
    unranked = selected & ~ranked
    if unranked:
        parts.append(RankedSelection(index, unranked, names))
    return ChainedSelection(parts)


def count_facets(index: FacetIndex, base: int, chosen: Mapping[str, list[str]]) -> FacetCounts:
    """Every facet's counts over the methods of `base` (the filters that are not facets).

    A facet without a chosen value counts over all the choices; one with chosen values over
    all the other facets' choices, since its own values are alternatives to each other.
    """
    selections = {facet: index.any_of(facet, codes) for facet, codes in chosen.items() if codes}
    selected = base
    for bits in selections.values():
        selected &= bits
    counts: dict[str, dict[str, int]] = {}
    without: dict[str, int] = {}
    for facet, values in index.members.items():
        among = selected
        if facet in selections:
            among = base
            for other, bits in selections.items():
                if other != facet:
                    among &= bits
            without[facet] = among.bit_count()
        counts[facet] = {code: (bits & among).bit_count() for code, bits in values.items()}
    return FacetCounts(selected, counts, without)


# The vocabularies a method card shows, and the attribute of each (completed_cards).
CARD_FACETS = {"target_group": "card_target_groups", "topic": "card_topics"}


def completed_cards(methods: list[Method]) -> list[Method]:
    """Complete these published methods (read with with_card_data) with the rest of what
    their cards show, from the index: their rating's level, and the labels of their terms
    (CARD_FACETS) in the active language. No query: prefetching the terms took a quarter of
    a list page's time, most of it making a queryset a method and relation."""
    index = facet_index()
    levels = {level.pk: level for level in index.levels}
    for method in methods:
        level = levels.get(method.rating_id)
        if level is not None:  # else (a level added since the index) it is read when shown
            method.rating = level
    for facet, attribute in CARD_FACETS.items():
        terms = facet_terms_of(TERM_FILTERS[facet])
        for method in methods:
            labels = [shown_text(term, "label") for term in index.terms_of(method.pk, facet, terms)]
            setattr(method, attribute, labels)
    return methods


def with_terms_from_index(methods: list[Method]) -> list[Method]:
    """Fill these published methods' vocabulary relations (method.topics.all() and the
    others) from the facet index and the facet terms, with no query: reading them took a
    quarter of the method page's time. Where the index is not kept yet (a cache restarted),
    and for a method it does not hold (published since it was read), they are read from the
    database, in one query: building the whole index for them would cost far more."""
    index = facet_index.if_kept()  # type: ignore[attr-defined]
    held = [method for method in methods if index is not None and method.pk in index.bit_of]
    if held:
        terms_of_facet = {facet: facet_terms_of(TERM_FILTERS[facet]) for facet in RELATION_OF_FACET}
        for method in held:
            terms = {
                relation: index.terms_of(method.pk, facet, terms_of_facet[facet])
                for facet, relation in RELATION_OF_FACET.items()
            }
            fill_term_relations(method, terms)
    missing = [method for method in methods if method not in held]
    if missing:
        prefetch_terms(missing, list(VOCABULARY_RELATIONS))
    return methods


@kept_per_version
def facet_index() -> FacetIndex:
    """The index of the registry as it is now: built once per version of the registry."""
    return build_facet_index()


@kept_per_version
def form_index() -> FormIndex:
    """The search's index of the published documents' forms, numbered as the facet index of
    this version numbers the methods. Kept on its own, so that a page that does not search
    never reads it: after a change, its reading (0.6 s at 10,000 methods) and its copy from
    the shared cache (2.6 MB) cost only the searches."""
    index = facet_index()
    return build_form_index(index.bit_of, index.token)


def texts_for(index: FacetIndex) -> FormIndex:
    """The index of forms whose bits are this facet index's: the kept one, else one read for
    it. (Two processes may each build the indexes of one version from readings of the
    database that a write between them made differ, and store them in the shared cache.)"""
    texts = form_index()
    if texts.numbered_for == index.token:
        return texts
    return build_form_index(index.bit_of, index.token)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _members_sql(facet: str) -> str:
    """A select of (facet, method id, value code) for the methods under a value.

    `published` is the common table expression of the published methods' ids, ratings and
    owners; a method without a rating is under the level "unrated".
    """
    levels = _table(ScaleLevel)
    if facet in RELATION_OF_FACET:
        through = getattr(Method, RELATION_OF_FACET[facet]).through
        # Every method's links, published or not: the index keeps those it holds, which
        # is cheaper than joining the links to the published methods here.
        return (
            f"SELECT '{facet}', l.method_id, t.code FROM {_table(through)} l "
            f"JOIN {_table(Term)} t ON t.id = l.term_id"
        )
    # Adoptions belong to the implementation app; the registry reaches them only through
    # the reverse relation, so their table is looked up rather than imported.
    adoptions = _table(Method._meta.get_field("adoptions").related_model)
    return {
        "group": f"SELECT 'group', p.id, s.evidence_group FROM published p "
        f"JOIN {levels} s ON s.id = p.rating_id",
        "level": f"SELECT 'level', p.id, COALESCE(s.key, '{UNRATED}') FROM published p "
        f"LEFT JOIN {levels} s ON s.id = p.rating_id",
        "scale": f"SELECT 'scale', p.id, r.code FROM published p "
        f"JOIN {levels} s ON s.id = p.rating_id "
        f"JOIN {_table(RatingScale)} r ON r.id = s.scale_id",
        "owner": f"SELECT 'owner', p.id, o.slug FROM published p "
        f"JOIN {_table(Organisation)} o ON o.id = p.owner_id",
        # Each (method, region) once, whatever number of adoption rows it has.
        "region": f"SELECT DISTINCT 'region', a.method_id, g.code FROM {adoptions} a "
        f"JOIN {_table(Region)} g ON g.id = a.region_id WHERE a.status = '{IN_USE}'",
    }[facet]


def build_facet_index() -> FacetIndex:
    """Read every published method and facet value in one query and make their bitsets."""
    published_sql, params = (
        Method.objects.published().order_by().values("id", "rating_id", "owner_id")
    ).query.sql_with_params()
    name_columns = [f"name_{language}" for language in LANGUAGES]
    methods = published_rows().order_by("pk")
    rows = methods.values_list(
        "pk",
        "slug",
        "age_min",
        "age_max",
        "rated_on",
        "rating__sort_order",
        "updated_at",
        *name_columns,
    )
    bit_of: dict[int, int] = {}
    ages: list[tuple[int, int]] = []
    rated_on: list[date | None] = []
    rating_order: list[int | None] = []
    names: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    slugs: list[str] = []
    changed_at: datetime | None = None
    for method_id, slug, age_min, age_max, rated, order, updated, *localized in rows:
        bit_of[method_id] = len(bit_of)
        slugs.append(slug)
        changed_at = updated if changed_at is None else max(changed_at, updated)
        ages.append((age_min, age_max))
        rated_on.append(rated)
        rating_order.append(order)
        name_in = dict(zip(LANGUAGES, localized, strict=True))
        for language in LANGUAGES:
            # As the page shows it: in Finnish where the language has no name of its own.
            shown = name_in[language] or name_in[MASTER_LANGUAGE] or ""
            names[language].append(f"{shown.casefold()}\x00{slug}")
    # Each value's methods as one string of ids: a few hundred rows, where a row for each
    # (value, method) was 200,000 at 10,000 methods and a third of the build's time.
    members_sql = " UNION ALL ".join(
        f"SELECT * FROM ({_members_sql(facet)}) part_{facet}" for facet in FACETS
    )
    sql = (
        f"WITH published AS ({published_sql}), members (facet, method_id, code) AS "
        f"({members_sql}) SELECT facet, code, {ids_as_text_sql('method_id')} "
        "FROM members GROUP BY facet, code"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    size = len(bit_of)
    members: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    for facet, code, ids in rows:
        # A method published since its row was read waits for the next index.
        bits = (bit_of[id_] for id_ in map(int, ids.split(",")) if id_ in bit_of)
        members[facet][code] = bitset(bits, size)
    # A semi-join on the owner index, not a join of every method and a DISTINCT.
    owners = Organisation.objects.filter(
        Exists(Method.objects.published().filter(owner=OuterRef("pk")))
    )
    return FacetIndex(
        bit_of,
        list(bit_of),
        ages,
        rated_on,
        rating_order,
        names,
        slugs,
        changed_at,
        members,
        levels=list(ScaleLevel.objects.select_related("scale").order_by("-sort_order")),
        regions=list(Region.objects.all()),
        owners=list(owners),
        token=uuid.uuid4().hex,
    )
