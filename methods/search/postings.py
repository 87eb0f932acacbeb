"""Which published methods' search documents hold each form: the search's index, in memory.

For each language and column of the search documents (names, body: methods.search.index),
each form → the methods whose document holds it, numbered as the facet index numbers them
(methods.facets.form_index keeps this index beside the facet index of each version). A word
is matched by OR-ing its forms' methods, and the words by AND-ing them: microseconds, as
many for a word that 3,000 methods hold as for one that three do. Asking the database's GIN
indexes for the ids instead took a fifth of a search page's time at 10,000 methods, and grew
with the number of matches (bench/pages.py).

A form few methods hold keeps their numbers as an array (two bytes a method below 65,536),
one many hold as a bitset (one bit for every method in the registry): whichever is smaller,
so the index costs at most two bytes a form in a document (and a small object a form), and
the rare forms that are most of a vocabulary cost little. 2.6 MB pickled at 10,000 methods;
reading the documents and making it takes about 0.6 s then, after the response of the
request that changed the registry (methods.search.registry).

It also holds the vocabulary, every form per language, for typo correction and compounds
(methods.search.query).
"""

from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lib.bitsets import bitset
from lib.languages import LANGUAGES

from ..models import SearchDocument

COLUMNS = ("names", "body")

# The methods holding a form: a bitset, or an array of their numbers.
Holders = int | array


@dataclass(frozen=True, eq=False)
class FormIndex:
    """Which methods' documents hold each form, by language and column, and the forms."""

    size: int  # the number of methods
    numbered_for: str  # the FacetIndex.token of the facet index whose bits these are
    holders: dict[tuple[str, str], dict[str, Holders]]  # (language, column) → form → methods
    vocabulary: dict[str, frozenset[str]]  # language → every form of its documents

    def holding(self, language: str, column: str, forms: Iterable[str]) -> int:
        """The bitset of the methods whose document in `language` holds one of these forms
        in the column."""
        held = self.holders.get((language, column), {})
        bits, numbers = 0, []
        for form in forms:
            methods = held.get(form)
            if isinstance(methods, int):
                bits |= methods
            elif methods is not None:
                numbers.extend(methods)
        return bits | bitset(numbers, self.size) if numbers else bits


def compact(numbers: list[int], size: int) -> Holders:
    """The smaller of an array and a bitset of these method numbers."""
    as_array = array("H" if size <= 1 << 16 else "I", numbers)
    return as_array if as_array.itemsize * 8 * len(as_array) < size else bitset(numbers, size)


def build_form_index(number_of: dict[int, int], numbered_for: str) -> FormIndex:
    """Read the documents of the methods numbered (method id → number) into their index.

    Every document is read, and those of the methods not numbered (not published) are left
    out here, which is cheaper than joining the documents to the published methods."""
    found: dict[tuple[str, str], defaultdict[str, list[int]]] = {
        (language, column): defaultdict(list) for language in LANGUAGES for column in COLUMNS
    }
    rows = SearchDocument.objects.values_list("method_id", "language", "names", "body")
    for method_id, language, names, body in rows.iterator(chunk_size=2000):
        number = number_of.get(method_id)
        if number is None or language not in LANGUAGES:
            continue
        in_names, in_body = found[language, "names"], found[language, "body"]
        # A name's forms may come twice: its own language's and the Finnish name's.
        for form in dict.fromkeys(names.split()):
            in_names[form].append(number)
        for form in body.split():
            in_body[form].append(number)
    size = len(number_of)
    holders = {
        key: {form: compact(numbers, size) for form, numbers in forms.items()}
        for key, forms in found.items()
    }
    vocabulary = {
        language: frozenset().union(*(holders[language, column] for column in COLUMNS))
        for language in LANGUAGES
    }
    return FormIndex(size, numbered_for, holders, vocabulary)
