"""Cached public pages are never stale: any change to the registry shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from methods.models import Term


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_a_repeated_page_is_served_from_the_cache(
    client: Client, make_method, django_assert_num_queries
) -> None:
    make_method(slug="a")
    client.get("/menetelmat/")
    with django_assert_num_queries(0):
        assert client.get("/menetelmat/").status_code == 200


@pytest.mark.django_db
def test_an_edited_method_shows_at_once(client: Client, make_method) -> None:
    method = make_method(slug="a", name_fi="Vanha nimi")
    assert "Vanha nimi" in client.get("/menetelmat/a/").text
    method.name_fi = "Uusi nimi"
    method.save()
    assert "Uusi nimi" in client.get("/menetelmat/a/").text


@pytest.mark.django_db
def test_a_published_rating_shows_at_once_in_the_list(client: Client, make_method) -> None:
    make_method(slug="a")
    badge = 'class="rating-value">4/5'
    assert badge not in client.get("/en/methods/").text
    make_method(slug="b", rating="4of5")
    assert badge in client.get("/en/methods/").text


@pytest.mark.django_db
def test_a_renamed_vocabulary_label_shows_at_once(client: Client, make_method) -> None:
    make_method(slug="a", topics=["bullying"])
    client.get("/menetelmat/a/")
    term = Term.objects.get(vocabulary="topic", code="bullying")
    term.label_fi = "Kiusaaminen ja häirintä"
    term.save()
    assert "Kiusaaminen ja häirintä" in client.get("/menetelmat/a/").text


@pytest.mark.django_db
def test_the_api_is_cached_and_invalidated_too(client: Client, make_method) -> None:
    make_method(slug="a")
    assert client.get("/api/v1/methods/").json()["count"] == 1
    make_method(slug="b")
    assert client.get("/api/v1/methods/").json()["count"] == 2


@pytest.mark.django_db
def test_without_a_shared_cache_pages_are_not_cached(client: Client, make_method, settings) -> None:
    settings.PUBLIC_PAGE_CACHE = False
    make_method(slug="a")
    client.get("/menetelmat/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/menetelmat/")
    assert len(queries) > 0
