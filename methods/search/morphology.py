"""Words and their forms: Voikko for Finnish, simplemma for Swedish and English.

Voikko analyses a Finnish word into its base form ("masennuksen" → "masennus"), the parts of a
compound ("ahdistuneisuushäiriö" → "ahdistuneisuus" + "häiriö") and, for a derived word, the
word it is derived from ("ahdistuneisuus", "ahdistus" and "ahdistunut" all come from
"ahdistaa"). The same forms are written into the search documents and asked of a query, so a
query word matches a document when they share one.

Finnish search needs the Voikko library (Debian `libvoikko1` and `voikko-fi`); without it the
search stops with a message naming those packages rather than quietly getting worse.
"""

import itertools
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from django.core.exceptions import ImproperlyConfigured

FINNISH = "fi"
WORD = re.compile(r"\w+", re.UNICODE)
# "MDFT:n", "POP:ssa": a Finnish case ending after a colon belongs to the word before it.
COLON_ENDING = re.compile(r"(\w):\w{1,4}\b", re.UNICODE)
MAX_WORD_LENGTH = 40  # longer "words" are noise; Voikko is not asked about them
MIN_STEM_LENGTH = 3

# Case endings that inflect a name Voikko does not know ("Trappanissa", "Theraplayn",
# "POPin"): stripping them gives the stems the name may have. Longest first.
CASE_ENDINGS = sorted(
    {
        *("n", "a", "ä", "ta", "tä", "na", "nä", "ksi", "ssa", "ssä", "sta", "stä"),
        *("lla", "llä", "lta", "ltä", "lle", "in", "ia", "iä", "ina", "inä", "iksi"),
        *("issa", "issä", "ista", "istä", "illa", "illä", "ilta", "iltä", "ille", "iin"),
        *("hin", "han", "hen", "hon", "hun", "hyn", "seen", "iden", "ien", "jen", "ten"),
    },
    key=len,
    reverse=True,
)


class VoikkoMissing(ImproperlyConfigured):
    pass


_voikko = None
_voikko_lock = threading.Lock()


def voikko():
    """The one Voikko analyser of this process (it is not thread-safe, so calls are locked)."""
    global _voikko
    if _voikko is None:
        try:
            import libvoikko

            _voikko = libvoikko.Voikko(FINNISH)
        except (ImportError, OSError, Exception) as error:  # libvoikko raises plain OSError
            raise VoikkoMissing(
                "Finnish search needs Voikko: install the Debian packages libvoikko1 and "
                f"voikko-fi, and the Python package libvoikko ({error})."
            ) from error
    return _voikko


def tokens(text: str) -> list[str]:
    """The words of a text, lower case; digits and over-long runs left out."""
    text = COLON_ENDING.sub(r"\1", text or "")
    return [
        word.lower()
        for word in WORD.findall(text)
        if not word.isdigit() and len(word) <= MAX_WORD_LENGTH and "_" not in word
    ]


@dataclass(frozen=True)
class Analysis:
    """One reading of a Finnish word by Voikko."""

    baseform: str
    parts: tuple[str, ...]  # base forms of a compound's parts; empty for a simple word
    bases: tuple[str, ...]  # the words it is derived from ("ahdistaa" for "ahdistus")
    lexical: bool  # Voikko knows the word as such, not only as a derivation


WORD_BASE = re.compile(r"\(([^)]+)\)")


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Voikko's readings of a Finnish word (empty when Voikko does not know it)."""
    if not word or len(word) > MAX_WORD_LENGTH:
        return ()
    analyser = voikko()
    with _voikko_lock:
        readings = analyser.analyze(word)
    return tuple(_reading(word, reading) for reading in readings if reading.get("BASEFORM"))


def _reading(word: str, reading: dict) -> Analysis:
    baseform = reading["BASEFORM"].lower()
    structure = reading.get("STRUCTURE", "")
    wordbases = reading.get("WORDBASES", "")
    bases = [base for base in WORD_BASE.findall(wordbases) if not base.startswith("+")]
    parts = _compound_parts(word.lower(), baseform, structure)
    if not parts:
        lexicalised = [p for base in bases for p in base.split("=") if "=" in base]
        parts = tuple(p.lower() for p in lexicalised)  # "lyhytterapia(lyhyt=terapia)"
    derived = tuple(
        base.lower()
        for base in bases
        if "=" not in base and base.lower() != baseform and base.lower() not in parts
    )
    lexical = any(base.lower() == baseform for base in bases) or not bases
    return Analysis(baseform, parts, derived, lexical)


def _compound_parts(word: str, baseform: str, structure: str) -> tuple[str, ...]:
    """The parts of a compound, from Voikko's STRUCTURE ("=ppp=pppp" marks two parts).

    The parts before the last stand in the word as they do in the base form; each is
    analysed again for its own base form ("terveyden" → "terveys"); the last part is the
    rest of the base form.
    """
    starts, position = [], 0
    for mark in structure:
        if mark == "=":
            starts.append(position)
        else:
            position += 1
    starts = [start for start in starts if start > 0]
    if not starts:
        return ()
    edges = [0, *starts]
    parts = []
    for start, end in itertools.pairwise(edges):
        surface = word[start:end].strip("-")
        if surface:
            readings = _analyse_part(surface)
            parts.append(readings or surface)
    head = baseform[starts[-1] :].strip("-")
    if head:
        parts.append(head)
    return tuple(part for part in parts if not part.isdigit())


def _analyse_part(surface: str) -> str | None:
    if len(surface) < MIN_STEM_LENGTH:
        return None
    analyser = voikko()
    with _voikko_lock:
        readings = analyser.analyze(surface)
    return readings[0]["BASEFORM"].lower() if readings else None


@lru_cache(maxsize=200_000)
def lemmatize(word: str, language: str) -> str:
    """One lemma of a Swedish or English word (simplemma); for Finnish, Voikko's first."""
    word = word.lower()
    if language == FINNISH:
        readings = analyse(word)
        return readings[0].baseform if readings else word
    return simplemma.lemmatize(word, lang=language).lower()


def name_stems(word: str) -> set[str]:
    """The stems a Finnish-inflected name may have: "trappanissa" → {"trappan", "trappani"}."""
    return {
        word[: -len(ending)]
        for ending in CASE_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM_LENGTH
    }


@lru_cache(maxsize=200_000)
def index_forms(word: str, language: str) -> frozenset[str]:
    """Every form of a text word written into a search document.

    Finnish: the word, its base forms, the parts of a compound and the words it is derived
    from. Swedish and English: the word and its lemma.
    """
    forms = {word}
    if language == FINNISH:
        for reading in analyse(word):
            forms.add(reading.baseform)
            forms.update(reading.parts)
            forms.update(derived_bases(word))
    else:
        forms.add(lemmatize(word, language))
    return frozenset(form for form in forms if form)


def derived_bases(word: str) -> set[str]:
    """The words a Finnish word is derived from, when Voikko knows it only as a derivation.

    "ahdistuneisuus" → {"ahdistaa"}; "hoito", which Voikko also knows as a word of its own,
    gives nothing, so that "hoito" does not match every text that says "hoitaa".
    """
    readings = analyse(word)
    if not readings or any(reading.lexical for reading in readings):
        return set()
    return {base for reading in readings for base in reading.bases if len(base) > 3}


def match_keys(word: str, language: str) -> frozenset[str]:
    """The forms by which a word is compared with a concept's synonym in a language."""
    keys = {word}
    if language == FINNISH:
        keys.update(reading.baseform for reading in analyse(word))
    else:
        keys.add(lemmatize(word, language))
    return frozenset(keys)
