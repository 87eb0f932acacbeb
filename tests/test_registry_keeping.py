"""What the registry's pages keep per version of it (methods.search.registry): shared
between processes through the cache, never from an uncommitted transaction, and never an
error page when the shared copy cannot be read."""

import gc
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from kasvuntuki.process import prepare_to_serve
from methods.facets import facet_index
from methods.search import registry

# Everything kept per version of the registry.
KEPT = [
    "methods.facets.facet_index",
    "methods.facets.form_index",
    "methods.search.concepts.classification_terms",
    "methods.search.query.known_concepts",
]


def shared_index() -> tuple | None:
    name = "methods.facets.facet_index"
    return cache.get(registry.SHARED_KEY.format(code=registry.CODE_VERSION, name=name))


@pytest.fixture(autouse=True)
def nothing_kept():
    cache.clear()
    registry.forget()
    yield
    cache.clear()
    registry.forget()


@pytest.mark.django_db(transaction=True)
def test_a_committed_registry_is_shared_with_other_processes(make_method) -> None:
    method = make_method()
    facet_index()
    version, index = shared_index()
    assert version == registry.registry_version()
    assert method.pk in index.bit_of


@pytest.mark.django_db(transaction=True)
def test_another_process_reads_the_shared_copy_instead_of_building_it(
    make_method, django_assert_num_queries
) -> None:
    make_method()
    facet_index()
    registry.forget()  # as a process that has read nothing yet
    with django_assert_num_queries(1):  # the registry's version, and nothing of the index
        facet_index()


@pytest.mark.django_db
def test_what_a_transaction_has_not_committed_is_not_shared(make_method) -> None:
    make_method()  # inside the test's transaction
    facet_index()
    assert shared_index() is None


@pytest.mark.django_db(transaction=True)
def test_an_unreadable_shared_copy_is_built_again(make_method, monkeypatch) -> None:
    method = make_method()
    facet_index()
    registry.forget()
    real_get, real_set = cache.get, cache.set

    def get(key: str, *args, **kwargs):
        if key.startswith("registry-kept:"):
            raise AttributeError("a pickle of a class that has changed")
        return real_get(key, *args, **kwargs)

    def set_(key: str, *args, **kwargs):
        if key.startswith("registry-kept:"):
            raise TypeError("cannot pickle")
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "set", set_)
    assert method.pk in facet_index().bit_of


@pytest.mark.django_db(transaction=True)
def test_building_everything_leaves_a_shared_copy_of_each_for_readers(make_method) -> None:
    method = make_method()
    registry.build_everything()
    version = registry.registry_version()
    for name in KEPT:
        shared = cache.get(registry.SHARED_KEY.format(code=registry.CODE_VERSION, name=name))
        assert shared is not None and shared[0] == version, name
    assert method.pk in shared_index()[1].bit_of


@pytest.mark.django_db(transaction=True)
def test_a_server_starts_with_the_indexes_in_the_shared_cache(make_method) -> None:
    method = make_method()
    try:
        prepare_to_serve()
    finally:
        gc.unfreeze()  # what the master froze before forking; the tests go on
    assert method.pk in shared_index()[1].bit_of


@pytest.mark.django_db(transaction=True)
def test_rebuilding_the_search_index_leaves_a_shared_copy(make_method) -> None:
    method = make_method()
    call_command("rebuild_search_index")
    assert method.pk in shared_index()[1].bit_of


def test_a_process_that_has_loaded_no_urls_knows_every_index_to_build() -> None:
    """As gunicorn's master is when it builds them before forking: Django set up, nothing
    more (the tests' own process has imported every module already)."""
    script = (
        "import django; django.setup()\n"
        "from methods.search import registry\n"
        "print(','.join(sorted(registry._builders)))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "kasvuntuki.settings"}
    found = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        env=environment,
    )
    assert found.stdout.strip().split(",") == KEPT


@pytest.mark.django_db(transaction=True)
def test_what_is_kept_can_be_asked_for_without_building_it(make_method) -> None:
    method = make_method()
    assert facet_index.if_kept() is None
    facet_index()
    registry.forget()  # as another process: only the shared copy
    assert method.pk in facet_index.if_kept().bit_of
