"""Matching and ranking methods for a parsed query.

Every word must match, in the documents of the language the query was understood in: a
whole form (" masennus "), a form inside a longer word (Swedish and English compounds), all
meaningful parts of a Finnish compound, or a stem of an inflected name. A concept matches the
methods classified under it, or the words that named it. Methods under a named concept rank
above mere text matches; a method whose name holds every word ranks first. Matching is plain
substring search, so SQLite and PostgreSQL give the same results; on PostgreSQL trigram GIN
indexes on the documents serve it.
"""

import difflib
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from ..models import Method, Term
from .concepts import CONCEPT_RELATIONS
from .query import ParsedQuery, Word

NAME_WEIGHT, BODY_WEIGHT = 3, 1
CONCEPT_WEIGHT = 10  # a method classified under a concept the query names
WHOLE_NAME_WEIGHT = 20  # a method whose name holds every word of the query
DOCUMENTS = "search_documents__"
NAME_SUGGESTION_SIMILARITY = 0.8


def _contains(column: str, needle: str, prefix: str) -> Q:
    return Q(**{f"{prefix}{column}__contains": needle})


def _whole(column: str, form: str, prefix: str) -> Q:
    """The column holds the whole form (" form ", the documents pad every form with spaces).

    The bare form asked first means the same, but PostgreSQL's planner estimates it better:
    the trigrams of the padding are in every row, and without it the planner scans the
    table instead of using the trigram index (see bench/search.py for the plan).
    """
    return _contains(column, form, prefix) & _contains(column, f" {form} ", prefix)


def word_condition(word: Word, column: str, prefix: str = DOCUMENTS) -> Q:
    """A document column holds the word in one of the ways it may match."""
    condition = Q()
    for form in sorted(word.forms):
        condition |= _whole(column, form, prefix)
    for form in sorted(word.substrings):
        condition |= _contains(column, form, prefix)
    if word.parts:
        every_part = Q()
        for alternatives in word.parts:
            part = Q()
            for form in sorted(alternatives):
                part |= _whole(column, form, prefix)
            every_part &= part
        condition |= every_part
    if column == "names":
        for stem in sorted(word.stems):
            condition |= _whole(column, stem, prefix)
    return condition


def text_condition(word: Word) -> Q:
    return word_condition(word, "names") | word_condition(word, "body")


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


def _weight(condition: Q, weight: int, otherwise: int = 0) -> Case:
    return Case(
        When(condition, then=Value(weight)), default=Value(otherwise), output_field=IntegerField()
    )


def search_methods(queryset: QuerySet[Method], parsed: ParsedQuery | None) -> QuerySet[Method]:
    """Methods matching the query's words and concepts, annotated with `search_rank`.

    The query's ages and target groups are not applied here: they are filters of their own
    (methods.filters.MethodFilter turns them into the age and target_group parameters).
    """
    if parsed is None or parsed.is_empty:
        return queryset.annotate(search_rank=Value(0, output_field=IntegerField()))
    if parsed.too_general:
        return queryset.none().annotate(search_rank=Value(0, output_field=IntegerField()))
    if not parsed.has_text:
        return queryset.annotate(search_rank=Value(0, output_field=IntegerField()))
    condition = Q(search_documents__language=parsed.language)
    rank = Value(0, output_field=IntegerField())
    in_names = Q()
    for word in parsed.words:
        condition &= text_condition(word)
        name = word_condition(word, "names")
        rank = rank + _weight(name, NAME_WEIGHT, BODY_WEIGHT)
        in_names &= name
    for match, words in parsed.concepts:
        concept = concept_condition(match.terms)
        text = Q()
        for word in words:
            if not word.generic:
                text &= text_condition(word)
                in_names &= word_condition(word, "names")
        condition &= concept | text if text else concept
        rank = rank + _weight(concept, CONCEPT_WEIGHT)
    rank = rank + _weight(in_names, WHOLE_NAME_WEIGHT)
    return queryset.filter(condition).annotate(search_rank=rank)


def suggest_name(query: str, names: Iterable[str]) -> str | None:
    """The method name nearest to a query that found nothing (a misspelt name)."""
    by_lower = {name.lower(): name for name in names}
    matches = difflib.get_close_matches(
        query.lower().strip(), by_lower, n=1, cutoff=NAME_SUGGESTION_SIMILARITY
    )
    return by_lower[matches[0]] if matches else None
