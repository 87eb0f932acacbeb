"""What the search knows of the registry, kept per process until the registry changes.

Two things are read on every search and change rarely: the forms in the published methods'
documents (for typo correction and compounds) and the vocabulary terms with their synonyms
(for concepts). Both are loaded once and kept while `registry_version()` gives the same
answer: the page cache's public version (shared by every process through the cache) and the
latest change of the search documents, methods and terms in the database. Any process sees
another's change at its next search.

Only published methods contribute: a draft, a method of an accepted proposal or a withdrawn
one must never be suggested as a correction, so its words are not in the vocabulary.
"""

import threading
from collections.abc import Callable

from django.db import connection

from lib.page_cache import public_version

from ..models import Method, SearchDocument, Term

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, object]] = {}


def registry_version() -> tuple:
    """What changes whenever the published documents or the terms may have changed.

    The public version of the page cache changes with every write to the apps the public pages
    show, deletions and unpublishing included (lib.page_cache). The latest change of the
    search documents, the methods and the terms catches the writes that send no signal
    (bulk_create, which sets auto_now fields). Three index lookups: the same cost at 10,000
    methods as at 10 (counting the documents instead took 44 ms at 10,000).
    """
    documents, methods, terms = (model._meta.db_table for model in (SearchDocument, Method, Term))
    sql = (
        f"SELECT (SELECT MAX(updated_at) FROM {documents}), "
        f"(SELECT MAX(updated_at) FROM {methods}), (SELECT MAX(updated_at) FROM {terms})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return (public_version(), *(str(value) for value in row))


def cached[T](name: str, version: tuple, load: Callable[[], T]) -> T:
    """`load()`'s result for this version of the registry, loaded once per version."""
    kept = _cache.get(name)
    if kept is not None and kept[0] == version:
        return kept[1]  # type: ignore[return-value]
    value = load()
    with _lock:
        _cache[name] = (version, value)
    return value


def forget() -> None:
    """Drop what is kept (tests that change the registry inside one transaction)."""
    with _lock:
        _cache.clear()
