"""What the search knows of the registry, kept per process until the registry changes.

Two things are read on every search and change rarely: the forms in the published methods'
documents (for typo correction and compounds) and the vocabulary terms with their synonyms
(for concepts). Both are loaded once and kept while one query, `registry_version()`, gives
the same answer: the number and latest change of the published methods' search documents
and of the methods themselves (publishing or withdrawing one changes the count), and of the
terms. Any process sees another's change at its next search, because
the version is read from the database, not from process memory.

Only published methods contribute: a draft, a method of an accepted proposal or a withdrawn
one must never be suggested as a correction, so its words are not in the vocabulary.
"""

import threading
from collections.abc import Callable

from django.db import connection

from ..models import Method, SearchDocument, Term

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, object]] = {}


def registry_version() -> tuple:
    """One query: per language, the published methods' documents (how many, latest change of
    a document and of a method); per vocabulary, its terms (how many, latest change).

    Plain SQL that SQLite and PostgreSQL read alike: the ORM cannot unite two grouped
    aggregates with their columns in order.
    """
    documents, methods, terms = (model._meta.db_table for model in (SearchDocument, Method, Term))
    sql = (
        f"SELECT 'documents', d.language, COUNT(*), MAX(d.updated_at), MAX(m.updated_at) "
        f"FROM {documents} d JOIN {methods} m ON m.id = d.method_id "
        f"WHERE m.is_published = %s GROUP BY d.language "
        f"UNION ALL SELECT 'terms', vocabulary, COUNT(*), MAX(updated_at), MIN(updated_at) "
        f"FROM {terms} GROUP BY vocabulary"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [True])
        rows = cursor.fetchall()
    return tuple(sorted(tuple(str(value) for value in row) for row in rows))


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
