"""A cache of whole public pages that is never stale: every key holds the version of the
public data, and any change to a model of the apps named in settings.PAGE_CACHE_APPS bumps
that version. A new app whose data the public pages show adds itself to that setting.

The version lives in the shared cache (Redis in production), so every worker and every app
server sees a change at once. Without a shared cache (CACHE_URL unset) pages are not cached,
because separate processes could not see each other's changes.
"""

import hashlib
import threading
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

VERSION_KEY = "public-data-version"
# A narrower version: of the data in settings.REGISTRY_DATA, which the registry's indexes
# are built from (methods.search.registry), so that other writes do not rebuild them.
REGISTRY_VERSION_KEY = "registry-data-version"
PAGE_TIMEOUT = 24 * 60 * 60

# What this thread has changed: whether it has committed a change to the registry's data
# since it was last asked (take_registry_change: the process that made a change builds the
# registry's indexes anew once its response has gone, methods.search.registry), and how many
# times it has moved the versions (moves_made_here).
_changes = threading.local()


def _version(key: str) -> int:
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        cache.add(key, version, timeout=None)
        version = cache.get(key, version)
    return version


def public_version() -> int:
    return _version(VERSION_KEY)


def registry_data_version() -> int:
    return _version(REGISTRY_VERSION_KEY)


def bump_public_version() -> None:
    """Everything public may have changed (bulk writes, which send no signals, call this)."""
    now = time.time_ns()
    cache.set_many({VERSION_KEY: now, REGISTRY_VERSION_KEY: now}, timeout=None)
    _changes.moves = moves_made_here() + 1


def moves_made_here() -> int:
    """How many times this thread has moved the versions: what it remembers of them (as
    methods.search.registry does during a request) is stale once this has changed."""
    return getattr(_changes, "moves", 0)


def _bump_versions(registry_data: bool) -> None:
    if registry_data:
        bump_public_version()
    else:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)
        _changes.moves = moves_made_here() + 1


def _committed(registry_data: bool) -> None:
    _bump_versions(registry_data)
    if registry_data:
        _changes.registry = True


def take_registry_change() -> bool:
    """Whether this thread has committed a change to the registry's data since last asked."""
    changed = getattr(_changes, "registry", False)
    _changes.registry = False
    return changed


def is_registry_data(meta) -> bool:
    return meta.app_label in settings.REGISTRY_DATA or meta.label_lower in settings.REGISTRY_DATA


def bump_on_change(sender, **kwargs) -> None:
    """Signal receiver: any saved, deleted or relinked row of the apps the public pages show.

    Cache invalidation is the one thing done in signals here: it must follow every write,
    including those that no view or service of ours makes (admin inlines, the shell).
    """
    meta = getattr(sender, "_meta", None)
    if meta and meta.app_label in settings.PAGE_CACHE_APPS:
        registry_data = is_registry_data(meta)
        _bump_versions(registry_data)
        # And again once the write is committed: a process that read the registry between
        # the write and its commit (and kept what it read, such as the facet index, under
        # the new version) must not keep it.
        transaction.on_commit(lambda: _committed(registry_data), using=kwargs.get("using"))


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a public GET page from the cache while the public data has not changed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.PUBLIC_PAGE_CACHE or request.method != "GET":
            return view(request, *args, **kwargs)
        # Keyed on the checked host (get_host() refuses one not in ALLOWED_HOSTS) as well: a
        # page built from a request's host must not be served to visitors of another.
        address = f"{request.get_host()}{request.get_full_path()}"
        path = hashlib.sha256(address.encode()).hexdigest()
        key = f"page:{public_version()}:{get_language()}:{path}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, response, PAGE_TIMEOUT)
        return response

    return wrapper
