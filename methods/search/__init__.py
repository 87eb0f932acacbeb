"""Search that understands what professionals type, in Finnish, Swedish and English.

- `morphology`: words and their forms (Voikko for Finnish, simplemma for Swedish and English)
- `words`: stop words and generic words ("häiriö", "ohjelma"), which never alone match
- `index`: the search documents written for each method and language
- `concepts`: vocabulary terms and ages named in a query
- `query`: a query parsed into its language, concepts, ages and words
- `postings`: the index of the documents' forms, in memory, that matches the words
- `ranking`: matching and ranking methods for a parsed query
- `highlight`: which words of a shown text the search matched
"""

from lib.languages import LANGUAGES

from .index import document_for, index_all, index_methods, texts_of
from .morphology import lemmatize, tokens, voikko
from .query import ParsedQuery, Word, parse
from .ranking import search_methods, suggest_name

__all__ = [
    "LANGUAGES",
    "ParsedQuery",
    "Word",
    "document_for",
    "index_all",
    "index_methods",
    "lemmatize",
    "parse",
    "search_methods",
    "suggest_name",
    "texts_of",
    "tokens",
    "voikko",
]
