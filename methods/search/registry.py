"""What the search knows of the registry, kept per process until the registry changes.

Two things are read on every search and change rarely: the forms in the published methods'
documents (for typo correction and compounds) and the vocabulary terms with their synonyms
(for concepts). Both are loaded once and kept while `registry_version()` gives the same
answer: the version of the registry's data (lib.page_cache, shared by every process through
the cache) and the latest change of the search documents, methods and terms in the database.
Any process sees another's change at its next search. The facet index and the facet terms
are kept the same way.

Only published methods contribute: a draft, a method of an accepted proposal or a withdrawn
one must never be suggested as a correction, so its words are not in the vocabulary.
"""

import threading
from collections.abc import Callable

from django.core.signals import request_finished, request_started
from django.db import connection

from lib.page_cache import registry_data_version

from ..models import Method, SearchDocument, Term

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, object]] = {}
# Within one request the database's part of the version is read once: the search, the filters
# and the facets all ask for it (see _remember_during_requests).
_request = threading.local()


def registry_version() -> tuple:
    """What changes whenever the published documents or the terms may have changed.

    The registry's data version changes with every write to the data the registry is built
    from (settings.REGISTRY_DATA), deletions and unpublishing included, and not with others,
    such as an evaluation's drafts (lib.page_cache). The latest change of the
    search documents, the methods and the terms catches the writes that send no signal
    (bulk_create, which sets auto_now fields). Three index lookups: the same cost at 10,000
    methods as at 10 (counting the documents instead took 44 ms at 10,000).
    """
    shared = registry_data_version()
    remembered = getattr(_request, "version", None)
    if remembered is not None and remembered[0] == shared:
        return remembered
    documents, methods, terms = (model._meta.db_table for model in (SearchDocument, Method, Term))
    sql = (
        f"SELECT (SELECT MAX(updated_at) FROM {documents}), "
        f"(SELECT MAX(updated_at) FROM {methods}), (SELECT MAX(updated_at) FROM {terms})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    version = (shared, *(str(value) for value in row))
    if getattr(_request, "active", False):
        _request.version = version
    return version


def _remember_during_requests(**kwargs) -> None:
    """From a request's start to its end, the database's part of the version is read once.

    Any write through the ORM moves the shared part (lib.page_cache), which is read every
    time, so a request that writes sees its own change; outside requests (commands, tests
    that call the search directly) nothing is remembered.
    """
    _request.active, _request.version = True, None


def _forget_after_requests(**kwargs) -> None:
    _request.active, _request.version = False, None


request_started.connect(_remember_during_requests)
request_finished.connect(_forget_after_requests)


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
    _request.version = None
