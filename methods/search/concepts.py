"""Concepts in a query: the vocabulary terms it names, and the ages it says.

Every term of the classifying vocabularies is a concept; its labels (split at commas) and its
synonyms in three languages are the phrases that name it. A phrase matches a run of query
words when each word has a form in common with the phrase's word ("sosiaalisten tilanteiden
pelko" names the topic Anxiety through its synonym "sosiaalisten tilanteiden pelko").
Target groups become the target-group filter; ages ("7-vuotias", "7-åring", "7 year old")
become the age filter.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import QuerySet

from lib.languages import LANGUAGES

from ..models import MAX_AGE, VOCABULARY_RELATIONS, Term, Vocabulary
from .morphology import FINNISH, analyse, match_keys, tokens
from .registry import kept_per_version
from .words import is_generic, is_stop_word

# Vocabulary → the method relation its terms classify by.
CONCEPT_RELATIONS: dict[str, str] = {
    vocabulary: relation
    for relation, vocabulary in VOCABULARY_RELATIONS.items()
    if vocabulary != Vocabulary.TRAINING_LANGUAGE
}
# Concepts of these vocabularies narrow the list as filters (filter name), rather than rank.
FILTER_VOCABULARIES: dict[str, str] = {Vocabulary.TARGET_GROUP: "target_group"}
SYNONYM_SEPARATORS = re.compile(r"[\n;,]+")


@dataclass(frozen=True)
class Phrase:
    """One way of naming a concept in one language, as the match keys of its words."""

    term: Term = field(compare=False, hash=False)
    term_id: int
    language: str
    text: str
    words: tuple[frozenset[str], ...]


def phrase_texts(term: Term, language: str) -> list[str]:
    """A term's label, its comma-separated parts, and its synonyms in one language."""
    label = getattr(term, f"label_{language}", "") or ""
    synonyms = getattr(term, f"synonyms_{language}", "") or ""
    texts = [label, *label.split(","), *SYNONYM_SEPARATORS.split(synonyms)]
    return list(dict.fromkeys(text.strip() for text in texts if text.strip()))


@lru_cache(maxsize=20_000)
def phrase_words(text: str, language: str) -> tuple[frozenset[str], ...]:
    every_word = tokens(text)
    words = [word for word in every_word if not is_stop_word(word)]
    if len(every_word) > 1 and len(words) == 1:
        words = every_word  # "self-help" is not "self": the stop word is part of the name
    if not words or all(is_generic(word, language) for word in words):
        return ()  # "-häiriöt" alone would make every disorder this concept
    return tuple(match_keys(word, language) for word in words)


def phrases(terms: QuerySet[Term] | list[Term]) -> dict[tuple[str, str], list[Phrase]]:
    """Every phrase of these terms, keyed by (language, a match key of its first word)."""
    index: dict[tuple[str, str], list[Phrase]] = {}
    for term in terms:
        for language in LANGUAGES:
            for text in phrase_texts(term, language):
                words = phrase_words(text, language)
                if not words:
                    continue
                phrase = Phrase(term, term.pk, language, text, words)
                for key in words[0]:
                    index.setdefault((language, key), []).append(phrase)
    return index


@kept_per_version
def classification_terms() -> list[Term]:
    """Every term of the vocabularies the methods are classified by (VOCABULARY_RELATIONS),
    read once per version of the registry: the filters' and facets' terms
    (methods.filters.facet_terms), and the search's concepts."""
    return list(Term.objects.filter(vocabulary__in=VOCABULARY_RELATIONS.values()))


def concept_terms() -> list[Term]:
    """The terms a search may understand as concepts: all but the languages of training."""
    return [term for term in classification_terms() if term.vocabulary in CONCEPT_RELATIONS]


@dataclass
class ConceptMatch:
    """A run of query words that names one or more concepts."""

    start: int
    end: int
    phrases: list[Phrase]

    @property
    def terms(self) -> list[Term]:
        return list({phrase.term_id: phrase.term for phrase in self.phrases}.values())

    @property
    def language(self) -> str:
        return self.phrases[0].language

    @property
    def is_filter(self) -> bool:
        return all(term.vocabulary in FILTER_VOCABULARIES for term in self.terms)


def query_keys(word: str, language: str) -> frozenset[str]:
    """A query word's match keys; a Finnish compound with a generic head also by its first
    part ("paniikkihäiriö" also as "paniikki")."""
    keys = set(match_keys(word, language))
    if language == FINNISH:
        for reading in analyse(word):
            if len(reading.parts) == 2 and is_generic(reading.parts[-1], language):
                keys.add(reading.parts[0])
    return frozenset(keys)


def find_concepts(words: list[str], index: dict[tuple[str, str], list[Phrase]]) -> list:
    """The longest phrases that name concepts in the query, left to right, not overlapping."""
    matches: list[ConceptMatch] = []
    position = 0
    while position < len(words):
        best: list[Phrase] = []
        best_length = 0
        for language in LANGUAGES:
            for key in query_keys(words[position], language):
                for phrase in index.get((language, key), []):
                    length = len(phrase.words)
                    if length < best_length or not _matches(phrase, words, position):
                        continue
                    if length > best_length:
                        best, best_length = [], length
                    if phrase not in best:
                        best.append(phrase)
        if best:
            matches.append(ConceptMatch(position, position + best_length, best))
            position += best_length
        else:
            position += 1
    return matches


def _matches(phrase: Phrase, words: list[str], start: int) -> bool:
    if start + len(phrase.words) > len(words):
        return False
    return all(
        keys & query_keys(words[start + offset], phrase.language)
        for offset, keys in enumerate(phrase.words)
    )


# --- Ages ----------------------------------------------------------------------------------

_RANGE = r"(?<![\d\w])(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s*[-–]?\s*"
AGE_PATTERNS = {
    "fi": re.compile(_RANGE + r"(?:v\.|v\b|vuotia\w*|vuoti\w*|vuoden\s+ikäi\w*)", re.I),
    "sv": re.compile(_RANGE + r"(?:åring\w*|årig\w*|års\w*|år\b)", re.I),
    "en": re.compile(_RANGE + r"(?:years?|yrs?|yo\b|y/o)(?:\s*[-–]?\s*olds?\b)?", re.I),
}


@dataclass(frozen=True)
class AgeMatch:
    age_from: int
    age_to: int
    text: str
    language: str

    @property
    def is_single(self) -> bool:
        return self.age_from == self.age_to


def find_ages(text: str) -> tuple[list[AgeMatch], str]:
    """The ages a query says, and the query without them."""
    found = []
    for language, pattern in AGE_PATTERNS.items():
        for match in pattern.finditer(text):
            low = int(match.group(1))
            high = int(match.group(2)) if match.group(2) else low
            if low <= high <= MAX_AGE:
                found.append(AgeMatch(low, high, match.group(0).strip(), language))
        text = pattern.sub(" ", text)
    return found, text
