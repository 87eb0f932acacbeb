"""The public method list's state for one request: the filters, the search, the facets with
their counts, the removable chips, and the ways out of an empty result.

The view builds one `MethodListing` from the query string and renders what it asks of it;
everything is computed on first use, so an empty result's relaxations cost nothing when the
list is not empty.

Within one facet the chosen values are alternatives (OR); different facets narrow each
other (AND). Every value in a facet shows how many methods it would give together with the
other facets' choices.
"""

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from lib.http import query_without, without_empty_values
from lib.languages import localized_field, shown_text

from .facets import (
    FACET_OF_VOCABULARY,
    FACETS,
    FacetCounts,
    FacetIndex,
    RankedSelection,
    best_matches_first,
    completed_cards,
    count_facets,
    facet_index,
    texts_for,
)
from .filters import TERM_FILTERS, UNRATED, MethodFilter, localized_name_field
from .models import EvidenceGroup, Method, Term, published_rows, years_before
from .search import ParsedQuery, suggest_name
from .search.concepts import phrase_texts
from .search.ranking import Matches, search_matches

METHODS_PER_PAGE = 20
NEAR_CONCEPT = 0.75  # difflib similarity of a query word to a concept's name or synonym

# Filters that are shown as chips with their value rather than as facets.
VALUE_FILTERS = ("q", "age", "age_from", "age_to", "reviewed_within")
# The filters besides the facets that the facet index answers: all but the search.
INDEXED_FILTERS = ("age", "age_from", "age_to", "reviewed_within")


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def selected_count(self) -> int:
        return sum(1 for value in self.values if value.selected)


@dataclass
class Chip:
    """An active filter value, with the address of the list without it."""

    name: str
    label: str
    url: str


@dataclass
class Understood:
    """A concept the search understood in the query, with a link to its facet."""

    label: str
    vocabulary: str
    url: str


@dataclass
class Relaxation:
    """For an empty result: the filter to drop, what that gives, and where."""

    label: str
    count: int
    url: str


class MethodListing:
    def __init__(self, query: QueryDict) -> None:
        self.params = without_empty_values(query)
        # The published methods: the facet index holds these and no others.
        self.base = Method.objects.published()
        self.filterset = MethodFilter(self.params, queryset=self.base)
        self.filterset.is_valid()  # Invalid parameters are left out and listed in the page.
        self.form = self.filterset.form
        self.cleaned = self.form.cleaned_data
        # The filters in force: the parameters plus the ages and groups the query names.
        self.applied = self.filterset.data
        self.query_filters = self.filterset.query_filters

    @property
    def parsed_query(self) -> ParsedQuery | None:
        return self.filterset.parsed_query

    @property
    def search_lemmas(self) -> set[str]:
        return self.parsed_query.all_lemmas if self.parsed_query else set()

    @property
    def corrections(self) -> dict[str, str]:
        return self.parsed_query.corrections if self.parsed_query else {}

    @property
    def ignored_filters(self) -> list[tuple[str, str]]:
        return self.filterset.ignored_filters

    @cached_property
    def _matches(self) -> Matches | None:
        """The methods the search alone matches, by rank; None when no search narrows the
        list. They are found in the facet index, which holds the published methods only."""
        if self.parsed_query is None or not self.cleaned.get("q"):
            return None
        index = self._index
        return search_matches(self.parsed_query, texts_for(index), index.classified_under)

    def page(self, number: str | None) -> Page:
        """One page of the list's cards. Only the page's own methods are read, from the
        published methods, so a page shows nothing unpublished whatever the index holds."""
        page = Paginator(self.ordered_ids(), METHODS_PER_PAGE).get_page(number)
        cards = published_rows().filter(pk__in=page.object_list).with_card_data()
        by_id = {method.pk: method for method in completed_cards(list(cards))}
        methods = [by_id[id_] for id_ in page.object_list if id_ in by_id]
        return Page(methods, page.number, page.paginator)

    def ordered_ids(self, order: str | None = None) -> Sequence[int]:
        """The ids of the list's methods in order, found in the facet index: the asked sort,
        else best matches first when searching, else by name as shown, ignoring case
        (FacetIndex.rank). `order` replaces the list's own when no sort was asked: the API
        lists by slug."""
        index = self._index
        sort = self.cleaned.get("sort") or order or ""
        selected = self._counts.selected
        parsed = self.parsed_query
        if not sort and parsed and parsed.candidates:
            by_rank = self._matches.by_rank if self._matches else {}
            return best_matches_first(index, selected, by_rank, get_language())
        return RankedSelection(index, selected, index.order(sort or "name", get_language()))

    @cached_property
    def _index(self) -> FacetIndex:
        """The facet index, read once per listing: its bits mean methods only within the
        index that made them, and another process may change the registry meanwhile."""
        return facet_index()

    @cached_property
    def _counts(self) -> FacetCounts:
        """The list's length and every facet's counts (methods.facets)."""
        index = self._index
        return count_facets(index, self._base_bits(index), self._chosen)

    @cached_property
    def _chosen(self) -> dict[str, list[str]]:
        """Each facet with chosen values → those values."""
        # The parameters first: a cleaned choice of organisations or levels is a queryset,
        # and asking it whether it is empty cost a millisecond per page.
        return {
            name: values
            for name in FACETS
            if (values := self.applied.getlist(name)) and self.cleaned.get(name)
        }

    def _base_bits(self, index: FacetIndex, left_out: str | None = None) -> int:
        """The methods the filters that are not facets select (but `left_out`), as the
        index's bitset.

        The search, the ages and the review date are all answered by the index.
        """
        asked = {name: self.cleaned.get(name) for name in INDEXED_FILTERS if name != left_out}
        asked = {name: value for name, value in asked.items() if value not in (None, "")}
        matches = self._matches if left_out != "q" else None
        bits = index.everything if matches is None else matches.methods
        if "age" in asked:
            bits &= index.overlapping_ages(int(asked["age"]), int(asked["age"]))
        if "age_from" in asked or "age_to" in asked:
            age_from, age_to = asked.get("age_from"), asked.get("age_to")
            bits &= index.overlapping_ages(
                None if age_from is None else int(age_from),
                None if age_to is None else int(age_to),
            )
        if "reviewed_within" in asked:
            bits &= index.rated_since(years_before(date.today(), int(asked["reviewed_within"])))
        return bits

    def _count_without(self, left_out: str) -> int:
        """The list's length without one of the filters that are not facets."""
        index = self._index
        return count_facets(index, self._base_bits(index, left_out), self._chosen).total

    @property
    def count(self) -> int:
        """How many methods the list has."""
        return self._counts.total

    @cached_property
    def facets(self) -> list[Facet]:
        """Every facet with its values, each with the number of methods it would give."""
        options = self._facet_options()
        counts = self._counts.counts
        facets = []
        for name in FACETS:
            chosen = set(self.applied.getlist(name))
            values = [
                FacetValue(code, label, counts[name].get(code, 0), code in chosen)
                for code, label in options[name]
            ]
            facets.append(Facet(name, str(self.filterset.filters[name].label), values))
        return facets

    def _facet_options(self) -> dict[str, list[tuple[str, str]]]:
        """Each facet's values as (code, label) in the request's language. The index keeps
        the objects; labels are read, and regions ordered, in the language of the page."""
        index = self._index
        terms_by_vocabulary: dict[str, list[Term]] = {}
        for term in self.filterset.terms:
            terms_by_vocabulary.setdefault(term.vocabulary, []).append(term)
        options = {
            name: [
                (term.code, shown_text(term, "label"))
                for term in terms_by_vocabulary.get(vocabulary, [])
            ]
            for name, vocabulary in TERM_FILTERS.items()
        }
        options["group"] = [(code, str(label)) for code, label in EvidenceGroup.choices]
        options["level"] = [(level.key, str(level)) for level in index.levels] + [
            (UNRATED, _("Not yet evaluated"))
        ]
        options["scale"] = list({lv.scale.code: lv.scale.name for lv in index.levels}.items())
        name = localized_field("name", get_language())
        regions = sorted(index.regions, key=lambda region: getattr(region, name) or "")
        options["region"] = [(region.code, region.name) for region in regions]
        options["owner"] = [(owner.slug, owner.name) for owner in index.owners]
        return options

    @cached_property
    def chips(self) -> list[Chip]:
        """A removable chip for each filter value in use."""
        chips = [
            Chip(
                facet.name,
                f"{facet.label}: {value.label}",
                self._url_without(facet.name, value.code),
            )
            for facet in self.facets
            for value in facet.values
            if value.selected
        ]
        for name in VALUE_FILTERS:
            if self.cleaned.get(name) not in (None, ""):
                label = self.filterset.filters[name].label
                chips.append(
                    Chip(
                        name,
                        f"{label}: {format_value(self.cleaned[name])}",
                        self._url_without(name),
                    )
                )
        return chips

    def _url_without(self, name: str, value: str | None = None) -> str:
        """The list without one filter value; one the query named goes out of the query."""
        list_url = reverse("methods:list")
        parsed = self.parsed_query
        from_query = self.query_filters.get(name, [])
        if parsed is None or not from_query or (value is not None and value not in from_query):
            return f"{list_url}?{query_without(self.params, name, value)}"
        if name == "target_group":
            words = parsed.words_naming_group(value)
        else:
            words = [age.text for age in parsed.ages]
        params = self.params.copy()
        rest = parsed.without(words)
        if rest:
            params["q"] = rest
        else:
            params.pop("q", None)
        return f"{list_url}?{query_without(params, 'page')}"

    @cached_property
    def understood(self) -> list[Understood]:
        """The concepts the search understood ("the topic Anxiety"), with their facets."""
        parsed = self.parsed_query
        if parsed is None:
            return []
        return [understood_as(term) for term in parsed.topic_terms]

    @property
    def literal_url(self) -> str | None:
        """The same search with the words taken literally: quoted, no concepts or ages."""
        parsed = self.parsed_query
        if (
            parsed is None
            or parsed.literal
            or not (parsed.concepts or parsed.groups or parsed.ages)
        ):
            return None
        params = self.params.copy()
        params["q"] = f'"{parsed.text.strip()}"'
        return f"{reverse('methods:list')}?{query_without(params, 'page')}"

    @property
    def query_text(self) -> str:
        return self.cleaned.get("q") or ""

    @property
    def query_is_empty(self) -> bool:
        """The search had nothing to look for: only stop words, punctuation or symbols."""
        return self.parsed_query is not None and self.parsed_query.is_empty

    @property
    def query_too_general(self) -> list[str]:
        """The generic words of a search that had nothing else ("ohjelma"), else none."""
        parsed = self.parsed_query
        return parsed.generic_words if parsed is not None and parsed.too_general else []

    @property
    def understood_language(self) -> str | None:
        """The name of the language the query was understood in, when not the page's."""
        parsed = self.parsed_query
        if parsed is None or parsed.language == parsed.page_language or not parsed.has_text:
            return None
        return get_language_info(parsed.language)["name_translated"]

    @cached_property
    def found_anything(self) -> bool:
        """Whether the search alone (without the other filters) finds any method."""
        return self._matches is None or bool(self._matches.methods)

    @cached_property
    def has_none_yet(self) -> bool:
        """For an empty result: the registry has no published method for what was asked.

        Not so when a method name was misspelt (the suggestion), nor when a concept the
        query names has methods and only the other words found none ("ahdistus tupakointi").
        """
        parsed = self.parsed_query
        if parsed is None or self.found_anything or self.suggestion or parsed.too_general:
            return False
        terms = parsed.topic_terms
        return not (terms and self._index.classified_under(terms))

    @cached_property
    def nearest_concepts(self) -> list[Understood]:
        """For a search that found nothing: the concepts whose names are nearest its words."""
        parsed = self.parsed_query
        if parsed is None or parsed.is_empty or parsed.too_general:
            return []  # a concept near "ohjelma" would only be near by chance
        names: dict[str, Term] = {}
        for term in parsed.terms:
            for language in dict.fromkeys([get_language() or "fi", parsed.language]):
                for text in phrase_texts(term, language):
                    names.setdefault(text.lower(), term)
        # Each word nobody understood, and all of them together, against every name of a
        # concept: "bulying" is near "bullying". Concepts the query named are shown already.
        words = [word.text for word in parsed.words]
        understood = {term.pk for term in parsed.topic_terms}
        nearest = [
            names[text]
            for query in dict.fromkeys([*words, " ".join(words)])
            for text in difflib.get_close_matches(query, list(names), n=3, cutoff=NEAR_CONCEPT)
            if names[text].pk not in understood
        ]
        terms = list({term.pk: term for term in nearest}.values())[:3]
        return [understood_as(term) for term in terms]

    @cached_property
    def relaxations(self) -> list[Relaxation]:
        """How many methods each active filter's removal would give (asked when empty)."""
        suggestions = []
        for name in dict.fromkeys(chip.name for chip in self.chips):
            if name in self._counts.without:
                count = self._counts.without[name]
            else:  # the search, an age or the review date
                count = self._count_without(name)
            if count:
                url = f"{reverse('methods:list')}?{query_without(self.params, name)}"
                suggestions.append(Relaxation(str(self.filterset.filters[name].label), count, url))
        return suggestions

    @cached_property
    def suggestion(self) -> Method | None:
        """For a search that found nothing: the published method whose name is nearest."""
        query = self.cleaned.get("q")
        if not query:
            return None
        names = dict(self.base.values_list(localized_name_field(), "slug"))
        name = suggest_name(query, [n for n in names if n])
        return self.base.filter(slug=names[name]).first() if name else None


class CountedPaginator(Paginator):
    """A paginator told the length of its list, which has been counted already (the API)."""

    def __init__(self, object_list: QuerySet, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def understood_as(term: Term) -> Understood:
    """A concept with the address of the list filtered by it."""
    url = f"{reverse('methods:list')}?{FACET_OF_VOCABULARY[term.vocabulary]}={term.code}"
    return Understood(term.label, term.get_vocabulary_display(), url)


def format_value(value) -> str:
    """Ages arrive as decimals from the number filters; show them as whole numbers."""
    if isinstance(value, float) or hasattr(value, "to_integral_value"):
        return str(int(value))
    return str(value)
