"""The sitemap lists every public page in three languages, from SITE_URL, in a fixed number of
queries; robots.txt points crawlers to it and away from the admin."""

import pytest
from django.test import Client

SITE = "https://kasvuntuki.fi"


@pytest.fixture(autouse=True)
def production_site(settings) -> None:
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["kasvuntuki.fi", "testserver"]


def sitemap(client: Client, **headers) -> str:
    response = client.get("/sitemap.xml", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode()


@pytest.mark.django_db
def test_a_published_method_page_is_listed_in_each_language_with_its_alternates(
    client: Client, make_method
) -> None:
    make_method(slug="voima")
    text = sitemap(client)
    for address in ("/menetelmat/voima/", "/sv/metoder/voima/", "/en/methods/voima/"):
        assert f"<loc>{SITE}{address}</loc>" in text
    assert f'hreflang="x-default" href="{SITE}/menetelmat/voima/"' in text


@pytest.mark.django_db
def test_a_draft_method_is_not_listed(client: Client, make_method) -> None:
    make_method(slug="luonnos", is_published=False)
    assert "luonnos" not in sitemap(client)


@pytest.mark.django_db
def test_each_published_rating_has_its_own_page_listed(client: Client, make_method) -> None:
    make_method(slug="arvioitu", rating="4of5")
    assert f"<loc>{SITE}/menetelmat/arvioitu/arvio/1/</loc>" in sitemap(client)


@pytest.mark.django_db
def test_the_addresses_come_from_site_url_whatever_the_host_header_says(
    client: Client, make_method
) -> None:
    make_method(slug="voima")
    text = sitemap(client, HTTP_HOST="testserver")
    assert "testserver" not in text
    assert f"<loc>{SITE}/</loc>" in text


@pytest.mark.parametrize("count", [2, 12])
@pytest.mark.django_db
def test_the_sitemap_makes_a_fixed_number_of_queries(
    client: Client, make_method, django_assert_num_queries, count
) -> None:
    for _ in range(count):
        make_method(rating="3of5")
    with django_assert_num_queries(SITEMAP_QUERIES):
        client.get("/sitemap.xml")


SITEMAP_QUERIES = 5  # methods, ratings, manuals, regions, service models


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(
    client: Client,
) -> None:
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /sv/admin/", "Disallow: /en/admin/"} <= set(lines)
