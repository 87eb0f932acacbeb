"""A request's Host header never reaches a link, and nothing cached is keyed on it unchecked."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://kasvuntuki.fi"


def production_setting(name: str, **env: str) -> object:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ALLOWED_HOSTS"}}
    script = f"import json, kasvuntuki.settings as s; print(json.dumps(s.{name}))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, "SECRET_KEY": "x" * 60, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_allows_only_the_configured_host_names() -> None:
    assert production_setting("ALLOWED_HOSTS", ALLOWED_HOSTS="kasvuntuki.fi") == ["kasvuntuki.fi"]


def test_loopback_names_are_allowed_when_configured() -> None:
    hosts = production_setting("ALLOWED_HOSTS", ALLOWED_HOSTS="kasvuntuki.fi,127.0.0.1")
    assert hosts == ["kasvuntuki.fi", "127.0.0.1"]


def test_the_deployment_check_asks_for_the_site_address() -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SITE_URL", "ALLOWED_HOSTS"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**env, "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "kasvuntuki.fi"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "kasvuntuki.W001" in result.stdout + result.stderr


@pytest.mark.django_db
def test_a_loopback_host_is_refused_when_not_configured(settings) -> None:
    settings.ALLOWED_HOSTS = ["kasvuntuki.fi"]
    client = Client(raise_request_exception=False)
    assert client.get("/menetelmat/", HTTP_HOST="localhost").status_code == 400


@pytest.mark.django_db
def test_the_health_check_answers_on_the_loopback_address_anyway(settings) -> None:
    settings.ALLOWED_HOSTS = ["kasvuntuki.fi"]
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get("/healthz", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200


@pytest.fixture
def page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def visit_as_localhost_then_as_a_visitor(path: str) -> str:
    Client().get(path, HTTP_HOST="localhost")
    return Client().get(path).content.decode()


@pytest.mark.django_db
def test_api_links_come_from_the_site_address(page_cache, settings, make_method) -> None:
    settings.SITE_URL = SITE
    for slug in ("a", "b", "c"):
        make_method(slug=slug)
    body = json.loads(visit_as_localhost_then_as_a_visitor("/api/v1/methods/?page_size=1"))
    assert body["next"].startswith(f"{SITE}/api/v1/methods/")
    assert body["results"][0]["api_url"].startswith(SITE)


@pytest.mark.django_db
def test_hreflang_and_citation_come_from_the_site_address(
    page_cache, settings, make_method
) -> None:
    settings.SITE_URL = SITE
    make_method(slug="arvioitu", rating="3of5")
    page = visit_as_localhost_then_as_a_visitor("/menetelmat/arvioitu/")
    assert "localhost" not in page
    assert f'hreflang="sv" href="{SITE}/sv/' in page


@pytest.mark.django_db
def test_the_open_data_citation_comes_from_the_site_address(page_cache, settings, db) -> None:
    settings.SITE_URL = SITE
    page = visit_as_localhost_then_as_a_visitor("/avoin-data/")
    assert "localhost" not in page
    assert f"{SITE}/avoin-data/" in page


@pytest.mark.django_db
def test_feed_links_come_from_the_site_address(page_cache, settings, make_method) -> None:
    settings.SITE_URL = SITE
    make_method(slug="arvioitu", rating="3of5")
    feed = visit_as_localhost_then_as_a_visitor("/api/v1/feeds/evaluations.atom")
    assert "localhost" not in feed
    # An entry links to the page of the evaluation version it announces.
    assert f'href="{SITE}/menetelmat/arvioitu/arvio/1/"' in feed


@pytest.mark.django_db
def test_without_a_site_address_a_cached_page_is_not_served_to_another_host(
    page_cache, settings, make_method
) -> None:
    settings.SITE_URL = ""
    make_method(slug="a")
    page = visit_as_localhost_then_as_a_visitor("/menetelmat/")
    assert "//localhost/" not in page
