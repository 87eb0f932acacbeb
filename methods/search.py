"""Search that understands Finnish: lemmas at index and query time, compounds, typos.

Every searchable text of a method is reduced to lemmas (simplemma, for fi/sv/en) and stored
per page language in a SearchDocument. A query word matches when one of its candidate lemmas
(in the page language and in Finnish, the fallback) is a whole lemma of the document or, for
lemmas of four letters or more, part of one: "häiriö" finds "käytöshäiriö". A word that
matches nothing is corrected to the nearest lemma the registry knows ("masenus" → "masennus").
Matching is plain substring search, so SQLite and PostgreSQL give the same results; on
PostgreSQL trigram indexes make it fast.
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When
from django.utils.translation import get_language

from lib.languages import LANGUAGES, MASTER_LANGUAGE

from .models import Method, SearchDocument

WORD = re.compile(r"\w+", re.UNICODE)
MIN_PART_LENGTH = 4  # shorter lemmas must match whole lemmas, not parts of compounds
MAX_QUERY_WORDS = 8
NAME_WEIGHT, BODY_WEIGHT = 3, 1
TYPO_SIMILARITY = 0.75


@lru_cache(maxsize=100_000)
def lemmatize(word: str, language: str) -> str:
    return simplemma.lemmatize(word.lower(), lang=language).lower()


def words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text or "") if not word.isdigit()]


def lemma_text(texts: Iterable[str], language: str) -> str:
    lemmas = [lemmatize(word, language) for text in texts for word in words(text)]
    return f" {' '.join(lemmas)} " if lemmas else " "


# --- Index -------------------------------------------------------------------------------


def texts_of(method: Method, language: str) -> tuple[list[str], list[str]]:
    """(name texts, body texts) of a method in one language."""
    names = [getattr(method, f"name_{language}") or "", method.original_name, method.acronym]
    body = [getattr(method, f"summary_{language}") or "", getattr(method, f"aims_{language}") or ""]
    for term in [*method.topics.all(), *method.target_groups.all()]:
        body.append(getattr(term, f"label_{language}") or "")
    return names, body


def document_for(method: Method, language: str) -> tuple[str, str]:
    names, body = texts_of(method, language)
    name_lemmas, body_lemmas = lemma_text(names, language), lemma_text(body, language)
    if language != MASTER_LANGUAGE:
        fi_names, fi_body = texts_of(method, MASTER_LANGUAGE)
        name_lemmas += lemma_text(fi_names, MASTER_LANGUAGE).strip() + " "
        body_lemmas += lemma_text(fi_body, MASTER_LANGUAGE).strip() + " "
    return name_lemmas, body_lemmas


@transaction.atomic
def index_methods(methods: Iterable[Method]) -> None:
    """Write the search documents of these methods (call after any change to their texts)."""
    for method in methods:
        for language in LANGUAGES:
            names, body = document_for(method, language)
            SearchDocument.objects.update_or_create(
                method=method, language=language, defaults={"names": names, "body": body}
            )


def index_all() -> None:
    index_methods(Method.objects.prefetch_related("topics", "target_groups"))


# --- Query -------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    """A query reduced to candidate lemmas, one set per word, with any typo corrections."""

    language: str
    candidates: list[set[str]] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def all_lemmas(self) -> set[str]:
        return set().union(*self.candidates) if self.candidates else set()


def candidates_for(word: str, language: str) -> set[str]:
    return {word, lemmatize(word, language), lemmatize(word, MASTER_LANGUAGE)}


def needle(lemma: str) -> str:
    """What a document must contain: a short lemma whole, a longer one also inside a word."""
    return lemma if len(lemma) >= MIN_PART_LENGTH else f" {lemma} "


def lemma_condition(lemma: str, column: str) -> Q:
    return Q(**{f"search_documents__{column}__contains": needle(lemma)})


def word_condition(candidates: set[str]) -> Q:
    condition = Q()
    for lemma in candidates:
        condition |= lemma_condition(lemma, "names") | lemma_condition(lemma, "body")
    return condition


def parse(query: str, language: str | None = None) -> ParsedQuery:
    language = language if language in LANGUAGES else (get_language() or MASTER_LANGUAGE)
    parsed = ParsedQuery(language=language)
    for word in words(query)[:MAX_QUERY_WORDS]:
        candidates = candidates_for(word, language)
        if not known(candidates, language):
            head = compound_head(candidates, language)
            correction = None if head else nearest_lemma(word, language)
            if head:
                candidates = {head}
            elif correction:
                parsed.corrections[word] = correction
                candidates = {correction}
        parsed.candidates.append(candidates)
    return parsed


def compound_head(candidates: set[str], language: str) -> str | None:
    """For a compound the registry does not know, its longest known last part.

    Finnish and Swedish compounds end in their head word, which carries the meaning:
    "koulukiusaaminen" is a kind of "kiusaaminen", "käytöshäiriö" a kind of "häiriö".
    """
    vocabulary = known_lemmas(language)
    heads = [
        candidate[start:]
        for candidate in candidates
        for start in range(1, len(candidate) - MIN_PART_LENGTH + 1)
        if candidate[start:] in vocabulary
    ]
    return max(heads, key=len) if heads else None


def known(candidates: set[str], language: str) -> bool:
    documents = SearchDocument.objects.filter(language=language)
    condition = Q()
    for lemma in candidates:
        condition |= Q(names__contains=needle(lemma)) | Q(body__contains=needle(lemma))
    return documents.filter(condition).exists()


def nearest_lemma(word: str, language: str) -> str | None:
    """The registry's lemma nearest to a misspelt word, if one is near enough."""
    vocabulary = [
        lemma
        for lemma in known_lemmas(language)
        if abs(len(lemma) - len(word)) <= 2 and lemma[:1] == word[:1]
    ]
    matches = difflib.get_close_matches(word, vocabulary, n=1, cutoff=TYPO_SIMILARITY)
    return matches[0] if matches else None


_vocabularies: dict[tuple, frozenset[str]] = {}


def known_lemmas(language: str) -> frozenset[str]:
    """Every lemma in the registry's documents of a language, cached until they change."""
    documents = SearchDocument.objects.filter(language=language)
    version = (language, *documents.aggregate(n=Count("pk"), latest=Max("updated_at")).values())
    if version not in _vocabularies:
        lemmas: set[str] = set()
        for names, body in documents.values_list("names", "body").iterator():
            lemmas.update(names.split())
            lemmas.update(body.split())
        for stale in [key for key in _vocabularies if key[0] == language]:
            del _vocabularies[stale]  # one version per language is enough
        _vocabularies[version] = frozenset(lemmas)
    return _vocabularies[version]


def search_methods(queryset: QuerySet[Method], parsed: ParsedQuery) -> QuerySet[Method]:
    """Methods matching every word of the query, annotated with `search_rank`."""
    if not parsed.candidates:
        return queryset
    condition = Q(search_documents__language=parsed.language)
    rank = Value(0)
    for candidates in parsed.candidates:
        condition &= word_condition(candidates)
        in_name = Q()
        for lemma in candidates:
            in_name |= lemma_condition(lemma, "names")
        rank = rank + Case(
            When(in_name, then=Value(NAME_WEIGHT)),
            default=Value(BODY_WEIGHT),
            output_field=IntegerField(),
        )
    return queryset.filter(condition).annotate(search_rank=rank)


def suggest_name(query: str, names: Iterable[str]) -> str | None:
    """The method name nearest to a query that found nothing."""
    by_lower = {name.lower(): name for name in names}
    matches = difflib.get_close_matches(query.lower().strip(), by_lower, n=1, cutoff=0.5)
    return by_lower[matches[0]] if matches else None
