"""Matching and ranking methods for a parsed query.

Every word must match, in the documents of the language the query was understood in: a
whole form (" masennus "), a form inside a longer word (Swedish and English compounds), all
meaningful parts of a Finnish compound, or a stem of an inflected name. A concept matches the
methods classified under it, or the words that named it. Methods under a named concept rank
above mere text matches; a method whose name holds every word ranks first.

SQLite and PostgreSQL give the same results. A form inside longer words is looked for as the
registry's forms that hold it (query.with_longer_forms), so every match is of whole forms:
on PostgreSQL a GIN index of each document column's forms finds them
(lib.dbcompat.holds_any_form); SQLite looks for them in the text.
"""

import difflib
from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet, Value

from lib.dbcompat import IdsAsText, holds_any_form

from ..models import Method, SearchDocument, Term
from .concepts import CONCEPT_RELATIONS, ConceptMatch
from .query import ParsedQuery, Word

NAME_WEIGHT, BODY_WEIGHT = 3, 1
CONCEPT_WEIGHT = 10  # a method classified under a concept the query names
WHOLE_NAME_WEIGHT = 20  # a method whose name holds every word of the query
NAME_SUGGESTION_SIMILARITY = 0.8


def word_condition(word: Word, column: str) -> Q:
    """A search document's column holds the word in one of the ways it may match."""
    condition = Q()
    for alternative in word_alternatives(word, column):
        condition |= alternative
    return condition


def word_alternatives(word: Word, column: str) -> list[Q]:
    """The ways a document's column may hold the word, each answered by one index: its
    forms or a longer form holding one (Swedish and English, Word.longer), every part of a
    compound, and in names an inflected name's stem."""
    alternatives = [holds_any_form(column, word.forms | word.longer)]
    if word.parts:
        every_part = Q()
        for forms in word.parts:
            every_part &= holds_any_form(column, forms)
        alternatives.append(every_part)
    if column == "names" and word.stems:
        alternatives.append(holds_any_form(column, word.stems))
    return alternatives


def concept_condition(terms: Iterable[Term]) -> Q:
    """The method is classified under one of these terms."""
    by_relation: dict[str, list[int]] = {}
    for term in terms:
        by_relation.setdefault(CONCEPT_RELATIONS[term.vocabulary], []).append(term.pk)
    condition = Q()
    for relation, term_ids in by_relation.items():
        through = getattr(Method, relation).through
        condition |= Q(pk__in=through.objects.filter(term_id__in=term_ids).values("method_id"))
    return condition


def search_methods(queryset: QuerySet[Method], parsed: ParsedQuery | None) -> QuerySet[Method]:
    """The methods of the queryset that the query's words and concepts match (search_ranks),
    for a query of methods; the pages rank and count in the facet index instead.

    The query's ages and target groups are not applied here: they are filters of their own
    (methods.filters.MethodFilter turns them into the age and target_group parameters).
    """
    ranks = search_ranks(parsed, classified_in_database) if parsed is not None else None
    return queryset if ranks is None else queryset.filter(pk__in=sorted(ranks))


def classified_in_database(terms: list[Term]) -> set[int]:
    """The ids of the methods classified under any of these terms, asked of the database."""
    return set(Method.objects.filter(concept_condition(terms)).values_list("pk", flat=True))


def search_ranks(
    parsed: ParsedQuery, classified: Callable[[list[Term]], set[int]]
) -> dict[int, int] | None:
    """Method id → rank of every method that the query matches; None when it has nothing
    to match by (only stop words, or only ages and target groups, which are filters of their
    own), so it narrows nothing.

    The database is asked one thing: for each word, the methods whose names hold it and
    those whose texts do, each part a scan of one index (lib.dbcompat.holds_any_form). One
    condition that joined them with a concept's classification made PostgreSQL read every
    document at 10,000 methods (bench/search.py). `classified(terms)` gives the ids of the
    methods classified under any of the terms (the facet index knows them); the words'
    matches are combined and ranked here.
    """
    if parsed.too_general:
        return {}
    if not parsed.has_text:
        return None
    concept_words = _concept_words(parsed)
    in_names, in_body = _documents_holding(searched_words(parsed), parsed.language)

    def in_text(word: int) -> set[int]:
        return in_names[word] | in_body[word]

    matched: set[int] | None = None  # None: not narrowed yet
    for position in range(len(parsed.words)):
        matched = in_text(position) if matched is None else matched & in_text(position)
    concepts: list[set[int]] = []
    position = len(parsed.words)
    for match, own in concept_words:
        concept = classified(match.terms)
        concepts.append(concept)
        if own:
            text = set.intersection(*(in_text(position + n) for n in range(len(own))))
            position += len(own)
            concept = concept | text
        matched = concept if matched is None else matched & concept
    matched = matched or set()
    # Every match has a word's body weight per word; each of these sets adds its weight.
    whole_name = set.intersection(*in_names) if in_names else set()
    additions = [
        *((in_names[n], NAME_WEIGHT - BODY_WEIGHT) for n in range(len(parsed.words))),
        *((concept, CONCEPT_WEIGHT) for concept in concepts),
        (whole_name, WHOLE_NAME_WEIGHT),
    ]
    ranks = dict.fromkeys(matched, BODY_WEIGHT * len(parsed.words))
    for methods, weight in additions:
        for method_id in methods & matched:
            ranks[method_id] += weight
    return ranks


def _concept_words(parsed: ParsedQuery) -> list[tuple[ConceptMatch, list[Word]]]:
    """Each concept with the words that named it which a text may match instead."""
    return [
        (match, [word for word in words if not word.generic]) for match, words in parsed.concepts
    ]


def searched_words(parsed: ParsedQuery) -> list[Word]:
    """The words the documents are asked for: the query's own, then those naming concepts."""
    return [*parsed.words, *(word for _match, own in _concept_words(parsed) for word in own)]


def documents_holding_query(words: list[Word], language: str) -> QuerySet | None:
    """The one query of _documents_holding: a part per word, column and way of holding the
    word (word_alternatives), each answered as one string of ids, since thousands of rows
    cost more than finding them.

    A part for each way, not one condition of them all: for the OR of a common English word's
    forms and its substrings, PostgreSQL chose to test every English document (47 ms of a
    63 ms search at 10,000 methods) over the indexes it has for each (a few ms).
    """
    parts = [
        SearchDocument.objects.filter(alternative, language=language)
        .annotate(part=Value(2 * position + (column == "body")))
        .values("part")
        .annotate(ids=IdsAsText("method_id"))
        for position, word in enumerate(words)
        for column in ("names", "body")
        for alternative in word_alternatives(word, column)
    ]
    return parts[0].union(*parts[1:], all=True) if parts else None


def _documents_holding(words: list[Word], language: str) -> tuple[list[set[int]], list[set[int]]]:
    """For each word: the ids of the methods whose names in `language` hold it, and those
    whose texts do."""
    found: dict[int, set[int]] = {part: set() for part in range(2 * len(words))}
    query = documents_holding_query(words, language)
    for row in query if query is not None else ():
        if row["ids"]:  # None when no document holds the word in this way
            found[row["part"]].update(map(int, row["ids"].split(",")))
    return [found[2 * n] for n in range(len(words))], [found[2 * n + 1] for n in range(len(words))]


def suggest_name(query: str, names: Iterable[str]) -> str | None:
    """The method name nearest to a query that found nothing (a misspelt name)."""
    by_lower = {name.lower(): name for name in names}
    matches = difflib.get_close_matches(
        query.lower().strip(), by_lower, n=1, cutoff=NAME_SUGGESTION_SIMILARITY
    )
    return by_lower[matches[0]] if matches else None
