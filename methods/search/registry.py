"""What the registry's pages know of it, kept until the registry changes.

Some things are read on every list, search or API request and change rarely: the facet index
(methods.facets, which holds the search's index of the published documents' forms too:
methods.search.postings), the terms of the vocabularies (the filters' choices and the search's
concepts) and the concepts' phrases. Each is built by a function decorated with
@kept_per_version, and kept while `registry_version()`
gives the same answer: the version of the registry's data (lib.page_cache, shared by every
process through the cache) and the latest change of the search documents, methods and terms
in the database. Any process sees another's change at its next request.

What is built is kept twice: in the process, and in the shared cache (Redis in production), so
that after a change the workers read what one of them built rather than each building it
(building the facet index at 10,000 methods takes about 100 times as long as reading it).
The process that made the change builds it all once its response has gone
(build_after_change), so the first reader after an edit usually finds it ready; readers that
come first build it too, and whichever stores last wins, which is harmless, since each copy
names its version and one of another version is not used.

Only published methods contribute: a draft, a method of an accepted proposal or a withdrawn
one must never be suggested as a correction, so its words are not in the vocabulary.
"""

import hashlib
import logging
import threading
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection

from lib.page_cache import moves_made_here, registry_data_version, take_registry_change

from ..models import Method, SearchDocument, Term

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, object]] = {}
# Everything kept per version, by name: what build_after_change builds.
_builders: dict[str, Callable[[], object]] = {}
# The code the kept values are made of (their classes, and what builds them): all of this
# app's. A release that changes it reads nothing its predecessor kept in the shared cache,
# whose pickles would be of classes that are no longer the same.
CODE_VERSION = hashlib.sha256(
    b"".join(path.read_bytes() for path in sorted(Path(__file__).parents[1].rglob("*.py")))
).hexdigest()[:12]
# One key a name in the shared cache, holding (version, value): a new version overwrites the
# old, so the shared cache holds one copy of each whatever the number of edits.
SHARED_KEY = "registry-kept:{code}:{name}"
# Within one request the version is read once: the search, the filters, the facets and the
# records all ask for it (see _remember_during_requests).
_request = threading.local()


def registry_version() -> tuple:
    """What changes whenever the published documents or the terms may have changed.

    The registry's data version changes with every write to the data the registry is built
    from (settings.REGISTRY_DATA), deletions and unpublishing included, and not with others,
    such as an evaluation's drafts (lib.page_cache). The latest change of the
    search documents, the methods and the terms catches the writes that send no signal
    (bulk_create, which sets auto_now fields). Three index lookups: the same cost at 10,000
    methods as at 10 (counting the documents instead took 44 ms at 10,000).

    During a request it is read once, and again only after the request's own writes: a
    request sees the registry as one whole, and an API page of 50 records, each asking for
    the facet index, asks the shared cache once, not 50 times.
    """
    remembered = getattr(_request, "version", None)
    if remembered is not None and remembered[0] == moves_made_here():
        return remembered[1]
    shared = registry_data_version()
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
        _request.version = (moves_made_here(), version)
    return version


def _remember_during_requests(**kwargs) -> None:
    """From a request's start to its end, the version is read once.

    Any write through the ORM moves the shared part (lib.page_cache) and counts a move of
    this thread's, after which it is read again, so a request that writes sees its own
    change; outside requests (commands, tests that call the search directly) nothing is
    remembered.
    """
    _request.active, _request.version = True, None
    take_registry_change()  # a change committed outside requests is not this one's to build


def _forget_after_requests(**kwargs) -> None:
    _request.active, _request.version = False, None


request_started.connect(_remember_during_requests)
request_finished.connect(_forget_after_requests)


def _kept[T](name: str, version: tuple, load: Callable[[], T]) -> T:
    """`load()`'s result for this version of the registry: from the process if it has it,
    else from the shared cache, else loaded (and then kept in both)."""
    value = _kept_already(name, version)
    if value is not None:
        return value  # type: ignore[return-value]
    value = load()
    # Not what a transaction has yet to commit: other processes would read it, and go on
    # reading it after a rollback if the write moved no updated_at (a link, an adoption).
    if not connection.in_atomic_block:
        _shared_set(name, (version, value))
    with _lock:
        _cache[name] = (version, value)
    return value


def _kept_already(name: str, version: tuple):
    """What the process or else the shared cache keeps for this version, or None."""
    kept = _cache.get(name)
    if kept is not None and kept[0] == version:
        return kept[1]
    shared = _shared_get(name)
    if shared is None or shared[0] != version:
        return None
    with _lock:
        _cache[name] = shared
    return shared[1]


def _shared_get(name: str) -> tuple | None:
    """The shared copy, or None; an unreadable one is a miss, never an error page."""
    try:
        return cache.get(SHARED_KEY.format(code=CODE_VERSION, name=name))
    except Exception:
        logger.exception("Reading the shared copy of %s failed", name)
        return None


def _shared_set(name: str, kept: tuple) -> None:
    try:
        cache.set(SHARED_KEY.format(code=CODE_VERSION, name=name), kept, timeout=None)
    except Exception:
        logger.exception("Keeping the shared copy of %s failed", name)


def kept_per_version[T](build: Callable[[], T]) -> Callable[[], T]:
    """Decorator: calling the function gives what it builds for the registry as it is now,
    built once per version of the registry (see the module's docstring)."""
    name = f"{build.__module__}.{build.__qualname__}"
    _builders[name] = build

    @wraps(build)
    def current() -> T:
        return _kept(name, registry_version(), build)

    def if_kept() -> T | None:
        """What is kept for the registry as it is now, or None where nothing is (neither
        in the process nor in the shared cache): for a page that can do without it, so
        that it never builds the whole of it for a small part."""
        return _kept_already(name, registry_version())

    current.if_kept = if_kept  # type: ignore[attr-defined]
    return current


def build_after_change(**kwargs) -> None:
    """After the response of a request that changed the registry's data: build what is kept
    per version now, in this process, so that readers find it in the shared cache.

    A cache, so a failure here is logged and nothing more: readers build what is missing.
    """
    if take_registry_change():
        build_everything()


def build_everything() -> None:
    """Build what is kept per version for the registry as it is now, into the shared cache
    (after a change; and at the end of the commands that rewrite the registry, so that the
    first reader after an import finds it ready). A failure is logged: readers build it."""
    try:
        version = registry_version()
        for name, build in _builders.items():
            _kept(name, version, build)
    except Exception:
        logger.exception("Building the registry's indexes failed")


request_finished.connect(build_after_change)


def forget(shared: bool = False) -> None:
    """Drop what this process keeps, as a process that has not read the registry yet would
    be (the benchmark's reader after an edit); with `shared`, the shared copies as well."""
    with _lock:
        _cache.clear()
        if shared:
            cache.delete_many(
                [SHARED_KEY.format(code=CODE_VERSION, name=name) for name in _builders]
            )
    _request.version = None
