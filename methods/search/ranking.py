"""Matching and ranking methods for a parsed query.

Every word must match, in the documents of the language the query was understood in: a
whole form (" masennus "), a form inside a longer word (Swedish and English compounds), all
meaningful parts of a Finnish compound, or a stem of an inflected name. A concept matches the
methods classified under it, or the words that named it. Methods under a named concept rank
above mere text matches; a method whose name holds every word ranks first.

A form inside longer words is looked for as the registry's forms that hold it
(query.with_longer_forms), so every match is of whole forms, found in the index of the
documents' forms kept beside the facet index (methods.search.postings): the database is not
asked, and SQLite and PostgreSQL give the same results.
"""

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import QuerySet

from lib.bitsets import positions

from ..models import Method, Term
from .concepts import ConceptMatch
from .postings import FormIndex
from .query import ParsedQuery, Word

NAME_WEIGHT, BODY_WEIGHT = 3, 1
CONCEPT_WEIGHT = 10  # a method classified under a concept the query names
WHOLE_NAME_WEIGHT = 20  # a method whose name holds every word of the query
NAME_SUGGESTION_SIMILARITY = 0.8


@dataclass(frozen=True, eq=False)
class Matches:
    """The methods a search matches, by rank: rank → the bitset of the methods with it
    (bits as the facet index numbers the methods, methods.facets)."""

    by_rank: dict[int, int]

    @property
    def methods(self) -> int:
        """The bitset of every method matched."""
        return reduce(or_, self.by_rank.values(), 0)


def word_holders(word: Word, column: str, texts: FormIndex, language: str) -> int:
    """The methods whose document's column holds the word in one of the ways it may match:
    its forms or a longer form holding one (Swedish and English, Word.longer), every part
    of a compound, and in names an inflected name's stem."""
    held = texts.holding(language, column, word.forms | word.longer)
    if word.parts:
        held |= reduce(and_, (texts.holding(language, column, forms) for forms in word.parts))
    if column == "names" and word.stems:
        held |= texts.holding(language, column, word.stems)
    return held


def search_methods(queryset: QuerySet[Method], parsed: ParsedQuery | None) -> QuerySet[Method]:
    """The published methods of the queryset that the query's words and concepts match
    (search_matches), for a query of methods; the pages rank and count in the facet index
    instead.

    The query's ages and target groups are not applied here: they are filters of their own
    (methods.filters.MethodFilter turns them into the age and target_group parameters).
    """
    # The indexes are kept by the facets module, which is made of the filters, which search.
    from ..facets import facet_index, texts_for

    if parsed is None:
        return queryset
    index = facet_index()
    matches = search_matches(parsed, texts_for(index), index.classified_under)
    if matches is None:
        return queryset
    return queryset.filter(pk__in=[index.ids[bit] for bit in positions(matches.methods)])


def search_matches(
    parsed: ParsedQuery, texts: FormIndex, classified: Callable[[list[Term]], int]
) -> Matches | None:
    """Every method the query matches, by rank; None when it has nothing to match by (only
    stop words, or only ages and target groups, which are filters of their own), so it
    narrows nothing.

    For each word, the methods whose names hold it and those whose texts do are found in
    the index of the documents' forms (`texts`); `classified(terms)` gives the methods
    classified under any of a concept's terms (the facet index knows them).
    """
    if parsed.too_general:
        return Matches({})
    if not parsed.has_text:
        return None
    language = parsed.language
    words = searched_words(parsed)
    in_names = [word_holders(word, "names", texts, language) for word in words]
    in_text = [
        names | word_holders(word, "body", texts, language)
        for word, names in zip(words, in_names, strict=True)
    ]
    matched: int | None = None  # None: not narrowed yet
    for position in range(len(parsed.words)):
        matched = in_text[position] if matched is None else matched & in_text[position]
    concepts: list[int] = []
    position = len(parsed.words)
    for match, own in _concept_words(parsed):
        concept = classified(match.terms)
        concepts.append(concept)
        if own:
            concept |= reduce(and_, in_text[position : position + len(own)])
            position += len(own)
        matched = concept if matched is None else matched & concept
    # Every match has a word's body weight per word; each of these sets adds its weight.
    whole_name = reduce(and_, in_names) if in_names else 0
    additions = [
        *((in_names[n], NAME_WEIGHT - BODY_WEIGHT) for n in range(len(parsed.words))),
        *((concept, CONCEPT_WEIGHT) for concept in concepts),
        (whole_name, WHOLE_NAME_WEIGHT),
    ]
    by_rank = {BODY_WEIGHT * len(parsed.words): matched} if matched else {}
    for methods, weight in additions:
        by_rank = _with_weight(by_rank, methods, weight)
    return Matches(by_rank)


def _with_weight(by_rank: dict[int, int], methods: int, weight: int) -> dict[int, int]:
    """The ranks after adding `weight` to those of these methods."""
    moved: dict[int, int] = {}
    for rank, bits in by_rank.items():
        for new_rank, part in ((rank + weight, bits & methods), (rank, bits & ~methods)):
            if part:
                moved[new_rank] = moved.get(new_rank, 0) | part
    return moved


def _concept_words(parsed: ParsedQuery) -> list[tuple[ConceptMatch, list[Word]]]:
    """Each concept with the words that named it which a text may match instead."""
    return [
        (match, [word for word in words if not word.generic]) for match, words in parsed.concepts
    ]


def searched_words(parsed: ParsedQuery) -> list[Word]:
    """The words the documents are asked for: the query's own, then those naming concepts."""
    return [*parsed.words, *(word for _match, own in _concept_words(parsed) for word in own)]


def suggest_name(query: str, names: Iterable[str]) -> str | None:
    """The method name nearest to a query that found nothing (a misspelt name)."""
    by_lower = {name.lower(): name for name in names}
    matches = difflib.get_close_matches(
        query.lower().strip(), by_lower, n=1, cutoff=NAME_SUGGESTION_SIMILARITY
    )
    return by_lower[matches[0]] if matches else None
