"""A query as the search understands it: its language, concepts, ages, and words to match.

Parsing goes: quotes ask for the words literally (no concepts, no ages, no corrections);
ages become the age filter; phrases that name a vocabulary term become concepts (target
groups become the target-group filter); stop words drop out; the remaining words are matched
in the language whose documents know most of them (the page's language on a tie), so a
Finnish query finds on the Swedish page too. A word nothing knows is corrected to the
nearest word the registry has, or, for a compound, matched by its meaningful last part.
"""

import difflib
import re
from dataclasses import dataclass, field, replace

from django.utils.translation import get_language

from lib.languages import LANGUAGES, MASTER_LANGUAGE

from ..models import Term
from .concepts import (
    AgeMatch,
    ConceptMatch,
    Phrase,
    concept_terms,
    find_ages,
    find_concepts,
    phrases,
)
from .morphology import FINNISH, analyse, derived_bases, lemmatize, name_stems, tokens
from .postings import FormIndex
from .registry import kept_per_version
from .words import is_generic, is_stop_word

MAX_QUERY_WORDS = 8
MIN_PART_LENGTH = 4  # shorter forms must match whole forms, never inside a longer word
MIN_SUBSTRING_LENGTH = 5  # Swedish and English forms this long also match inside compounds
TYPO_SIMILARITY = 0.75
QUOTES = "\"'“”„«»"


@dataclass
class Word:
    """One query word: what a document must contain for it, in the query's language."""

    text: str
    forms: frozenset[str]  # whole forms, in names or body
    substrings: frozenset[str] = frozenset()  # forms that may also be inside a longer word
    parts: tuple[frozenset[str], ...] = ()  # or: every meaningful part of the compound
    stems: frozenset[str] = frozenset()  # or: a stem of an inflected name, in names only
    generic: bool = False
    # The registry's forms that hold one of the substrings: a substring is found through the
    # index of whole forms, as the forms are (see with_longer_forms).
    longer: frozenset[str] = frozenset()

    @property
    def highlight_forms(self) -> set[str]:
        return {*self.forms, *self.substrings, *self.stems, *(f for p in self.parts for f in p)}


@dataclass
class ParsedQuery:
    """What the search understood of a query."""

    text: str
    page_language: str
    language: str
    literal: bool = False
    words: list[Word] = field(default_factory=list)  # each must match (or its concept)
    concepts: list[tuple[ConceptMatch, list[Word]]] = field(default_factory=list)
    groups: list[tuple[ConceptMatch, list[str]]] = field(default_factory=list)  # → filter
    ages: list[AgeMatch] = field(default_factory=list)  # → the age filter
    corrections: dict[str, str] = field(default_factory=dict)
    generic_words: list[str] = field(default_factory=list)
    dropped_words: list[str] = field(default_factory=list)  # stop words
    # Every concept term, as loaded for this search (for the nearest concepts of an empty one).
    terms: list[Term] = field(default_factory=list, repr=False)

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.concepts)

    @property
    def is_empty(self) -> bool:
        """Nothing to search for: only stop words, punctuation or symbols."""
        return not (self.has_text or self.groups or self.ages or self.generic_words)

    @property
    def too_general(self) -> bool:
        """Only generic words ("ohjelma", "häiriö"), which never by themselves make a match."""
        return bool(self.generic_words) and not (self.has_text or self.groups or self.ages)

    @property
    def candidates(self) -> list[set[str]]:
        """The forms of each word and concept, for ranking and highlighting."""
        sets = [word.highlight_forms for word in self.words]
        for _match, words in self.concepts:
            sets.extend(word.highlight_forms for word in words)
        return sets

    @property
    def all_lemmas(self) -> set[str]:
        return set().union(*self.candidates) if self.candidates else set()

    @property
    def topic_terms(self) -> list:
        return [term for match, _words in self.concepts for term in match.terms]

    @property
    def group_codes(self) -> list[str]:
        return [term.code for match, _words in self.groups for term in match.terms]

    def words_naming_group(self, code: str) -> list[str]:
        """The query words that named a target group (to take them out of the query)."""
        for match, words in self.groups:
            if any(term.code == code for term in match.terms):
                return words
        return []

    def without(self, texts: list[str]) -> str:
        """The query as typed, less these words or phrases (each once, any case)."""
        query = self.text
        for text in texts:
            pattern = r"(?<!\w)" + re.escape(text) + r"(?!\w)"
            query = re.sub(pattern, " ", query, count=1, flags=re.IGNORECASE)
        return " ".join(query.split())

    @property
    def age(self) -> AgeMatch | None:
        return self.ages[0] if self.ages else None


def parse(query: str, language: str | None = None) -> ParsedQuery:
    page_language = language if language in LANGUAGES else (get_language() or MASTER_LANGUAGE)
    if page_language not in LANGUAGES:
        page_language = MASTER_LANGUAGE
    text = query.strip()
    literal = len(text) > 1 and text[0] in QUOTES and text[-1] in QUOTES
    text = text.strip(QUOTES) if literal else text
    ages: list[AgeMatch] = []
    if not literal:
        ages, text = find_ages(text)
    all_words = tokens(text)
    dropped = [word for word in all_words if is_stop_word(word)]
    words = [word for word in all_words if not is_stop_word(word)][:MAX_QUERY_WORDS]

    terms, phrase_index = known_concepts()
    texts = form_index()
    vocabularies = texts.vocabulary
    matches = [] if literal else find_concepts(words, phrase_index)
    covered = {i for match in matches for i in range(match.start, match.end)}
    free = [word for i, word in enumerate(words) if i not in covered]
    query_language = understood_language(free, matches, page_language, vocabularies)
    vocabulary = vocabularies.get(query_language, frozenset())

    parsed = ParsedQuery(
        query,
        page_language,
        query_language,
        literal=literal,
        ages=ages,
        dropped_words=dropped,
        terms=terms,
    )
    for match in matches:
        if match.is_filter:
            parsed.groups.append((match, words[match.start : match.end]))
        else:
            covered_words = [
                word_for(w, query_language, vocabulary, correct=False)
                for w in words[match.start : match.end]
            ]
            parsed.concepts.append((match, covered_words))
    for text_word in free:
        word = word_for(text_word, query_language, vocabulary, correct=not literal)
        if word.generic:
            parsed.generic_words.append(text_word)
            continue
        if word.forms and text_word not in word.forms:
            correction = next(iter(word.forms))
            if correction not in _own_forms(text_word, query_language):
                parsed.corrections[text_word] = correction
        parsed.words.append(word)
    if parsed.groups and names_match(words, query_language, texts):
        # "Nuorten Kompassi", "Strongest Families": a method's name, not a target group.
        for _match, group_words in parsed.groups:
            for text_word in group_words:
                parsed.words.append(word_for(text_word, query_language, vocabulary, False))
        parsed.groups = []
    return parsed


def understood_language(
    free: list[str], matches: list[ConceptMatch], page_language: str, vocabularies: dict
) -> str:
    """The language that knows most of the query's words; the page's on a tie, then Finnish."""
    order = [page_language, *(lang for lang in LANGUAGES if lang != page_language)]
    if MASTER_LANGUAGE in order:
        order.remove(MASTER_LANGUAGE)
        order.insert(1 if page_language != MASTER_LANGUAGE else 0, MASTER_LANGUAGE)
    scores = {}
    for language in order:
        vocabulary = vocabularies.get(language, frozenset())
        known = sum(bool(_own_forms(word, language) & vocabulary) for word in free)
        named = sum(match.end - match.start for match in matches if match.language == language)
        scores[language] = known + named
    best = max(scores.values())
    return next(language for language in order if scores[language] == best)


def _own_forms(word: str, language: str) -> frozenset[str]:
    """The forms a query word matches as it is: itself, its base forms, its derivation bases."""
    forms = {word}
    if language == FINNISH:
        forms.update(reading.baseform for reading in analyse(word))
        forms.update(derived_bases(word))
    else:
        forms.add(lemmatize(word, language))
    return frozenset(forms)


def word_for(text: str, language: str, vocabulary: frozenset[str], correct: bool) -> Word:
    """What a document must contain to match one query word in a language."""
    forms = _own_forms(text, language)
    generic = is_generic(text, language)
    parts: tuple[frozenset[str], ...] = ()
    if language == FINNISH:
        for reading in analyse(text):
            meaningful = [p for p in reading.parts if len(p) >= 3 and not is_generic(p, language)]
            if len(reading.parts) > 1 and meaningful:
                parts = tuple(frozenset({p, *derived_bases(p)}) for p in meaningful)
                generic = False
                break
    stems = frozenset(stem for stem in name_stems(text) if stem in vocabulary)
    substrings: frozenset[str] = frozenset()
    if language != FINNISH:
        substrings = frozenset(f for f in forms if len(f) >= MIN_SUBSTRING_LENGTH)
    word = Word(text, forms, substrings, parts, stems, generic)
    if generic or forms & vocabulary or stems or _parts_known(parts, vocabulary):
        return with_longer_forms(word, vocabulary)
    inside = frozenset(
        form
        for form in forms
        if len(form) >= MIN_PART_LENGTH and any(form in known for known in vocabulary)
    )
    if inside:
        return with_longer_forms(Word(text, forms, inside, parts, stems), vocabulary)
    head = compound_head(forms, vocabulary, language)
    if head:
        return with_longer_forms(Word(text, frozenset({head}), frozenset({head})), vocabulary)
    correction = nearest_form(text, vocabulary) if correct else None
    if correction:
        return Word(text, frozenset({correction}))
    return with_longer_forms(word, vocabulary)


def with_longer_forms(word: Word, vocabulary: frozenset[str]) -> Word:
    """The word with the registry's forms that hold one of its substrings.

    The vocabulary holds every form of the published documents, so these are exactly the
    forms a substring match would find, and the documents holding them are found in the
    index of whole forms. Asked as substrings (LIKE '%form%'), a common English word made
    PostgreSQL read every document: 24 ms a substring at 10,000 methods.
    """
    if not word.substrings:
        return word
    longer = frozenset(
        known for known in vocabulary if any(part in known for part in word.substrings)
    )
    return replace(word, longer=longer)


def _parts_known(parts: tuple[frozenset[str], ...], vocabulary: frozenset[str]) -> bool:
    return bool(parts) and all(part & vocabulary for part in parts)


def compound_head(forms: frozenset[str], vocabulary: frozenset[str], language: str) -> str | None:
    """For a compound the registry does not know, its longest known, meaningful last part.

    Compounds end in their head word: "skolmobbning" is a kind of "mobbning". A generic head
    ("störning", "häiriö") is no answer: it would make every disorder a match.
    """
    heads = [
        form[start:]
        for form in forms
        for start in range(1, len(form) - MIN_PART_LENGTH + 1)
        if form[start:] in vocabulary and not is_generic(form[start:], language)
    ]
    return max(heads, key=len) if heads else None


def nearest_form(word: str, vocabulary: frozenset[str]) -> str | None:
    """The registry's word nearest to a misspelt one, if one is near enough."""
    near = [
        form
        for form in vocabulary
        if abs(len(form) - len(word)) <= 2 and form[:1] == word[:1] and len(form) >= 3
    ]
    matches = difflib.get_close_matches(word, near, n=1, cutoff=TYPO_SIMILARITY)
    return matches[0] if matches else None


def names_match(words: list[str], language: str, texts: FormIndex) -> bool:
    """Whether some method's name contains every (not generic) word of the query, as the
    word is written: no stems, parts or corrections the vocabulary would suggest, only the
    longer forms that hold it (which the vocabulary gives)."""
    from .ranking import word_holders  # ranking builds on this module

    vocabulary = texts.vocabulary.get(language, frozenset())
    named = (1 << texts.size) - 1
    for text in words:
        word = with_longer_forms(word_for(text, language, frozenset(), False), vocabulary)
        if not word.generic:
            named &= word_holders(word, "names", texts, language)
    return bool(named)


@kept_per_version
def known_concepts() -> tuple[list[Term], dict[tuple[str, str], list[Phrase]]]:
    terms = concept_terms()
    return terms, phrases(terms)


def form_index() -> FormIndex:
    """The index of the published documents' forms (methods.search.postings), kept beside
    the facet index."""
    from ..facets import form_index as kept  # the facets are made of the filters, which parse

    return kept()
