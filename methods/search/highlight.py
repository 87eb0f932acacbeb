"""Which words of a shown text a search matched, for the <mark> of the method cards."""

from django.utils.translation import get_language

from lib.languages import MASTER_LANGUAGE

from .morphology import index_forms
from .query import MIN_PART_LENGTH


class MatchedWords:
    """The forms a search matched, and whether a word of a text in the page's language is
    one of them (or holds one, in a compound).

    Each word is looked at once a page: a list shows forty texts, whose words repeat, and
    asking the lemmatisers for every one of them took a quarter of a search page's time.
    """

    def __init__(self, lemmas: set[str]) -> None:
        self.lemmas = lemmas
        self.language = get_language() or MASTER_LANGUAGE
        self._known: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return bool(self.lemmas)

    def __contains__(self, word: str) -> bool:
        """`word` in lower case."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._is_match(word)
        return known

    def _is_match(self, word: str) -> bool:
        lemmas = self.lemmas
        if word.isdigit():
            # A number has no other forms: asking the lemmatisers would only fill their
            # caches with every number shown (a worker's memory grew by each).
            return word in lemmas
        if index_forms(word, self.language) & lemmas or index_forms(word, MASTER_LANGUAGE) & lemmas:
            return True
        return any(len(lemma) >= MIN_PART_LENGTH and lemma in word for lemma in lemmas)
