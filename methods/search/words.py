"""Words that carry no meaning of their own in this registry: stop words and generic heads.

A generic word ("häiriö", "ohjelma", "program") never by itself makes a method a match:
every disorder is a "häiriö" and every method a "menetelmä". In a query with other words it
only helps ranking; a query of generic words alone is too general to answer.
"""

from .morphology import FINNISH, analyse, lemmatize


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS: dict[str, frozenset[str]] = {
    "fi": _words(
        "ja tai sekä on ovat ei se ne että kanssa jolla joilla joka jotka kun myös vai "
        "kuin mikä mitä miten jossa joissa kokenut kärsivä kärsii oleva olevat varten "
        "hyvä paras apua "
    ),
    "sv": _words(
        "och eller med för i på av en ett som till att är om hos den det de som har bra bäst hjälp "
    ),
    "en": _words(
        "and or with for the a an of in on to at by who is are my our their has have old "
        "olds aged good best help "
    ),
}
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

GENERIC: dict[str, frozenset[str]] = {
    "fi": _words(
        "häiriö ohjelma menetelmä malli toimintamalli interventio ongelma oire hoito terapia lapsi "
    ),
    "sv": _words(
        "störning program programmet metod metoden modell intervention problem terapi "
        "behandling barn "
    ),
    "en": _words(
        "disorder disorders program programme method model intervention problem problems "
        "therapy treatment child children kid kids "
    ),
}


def is_stop_word(word: str) -> bool:
    return word in ALL_STOP_WORDS


def is_generic(word: str, language: str) -> bool:
    """Whether a word is generic in a language (any of its base forms, for Finnish)."""
    generic = GENERIC[language]
    if word in generic:
        return True
    if language == FINNISH:
        readings = analyse(word)
        return bool(readings) and all(reading.baseform in generic for reading in readings)
    return lemmatize(word, language) in generic
