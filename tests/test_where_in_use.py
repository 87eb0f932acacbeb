"""The method page's "where in use": the regions and their status, as a map and a list."""

import pytest
from django.test import Client

from implementation.models import AdoptionStatus
from methods.models import Region

from .implementation_factories import adopt


@pytest.mark.django_db
def test_the_method_page_lists_the_regions_that_use_it_with_their_status(
    client: Client, make_method, kymenlaakso, vantaa
) -> None:
    method = make_method(slug="cool-kids")
    adopt(method, vantaa, start_year=2022)
    adopt(method, kymenlaakso, AdoptionStatus.PILOTING)
    page = client.get("/en/methods/cool-kids/").text
    assert "Vantaan ja Keravan hyvinvointialue</a>: In use (since 2022)" in page
    assert "Kymenlaakson hyvinvointialue</a>: Piloting" in page


@pytest.mark.django_db
def test_the_map_shades_the_tile_of_each_region_by_its_status(
    client: Client, make_method, kymenlaakso, vantaa
) -> None:
    method = make_method(slug="cool-kids")
    adopt(method, vantaa)
    page = client.get("/en/methods/cool-kids/").text
    assert '<g class="tile tile-in_use">' in page
    assert "<title>Vantaan ja Keravan hyvinvointialue: In use</title>" in page
    assert "<title>Kymenlaakson hyvinvointialue</title>" in page


@pytest.mark.django_db
def test_every_region_has_a_tile_in_its_own_place(db) -> None:
    from implementation.tilemap import POSITIONS
    from methods.demo_data import load_regions

    load_regions()
    assert set(POSITIONS) == set(Region.objects.values_list("code", flat=True))
    assert len(set(POSITIONS.values())) == len(POSITIONS)


@pytest.mark.django_db
def test_a_method_no_region_uses_says_so(client: Client, make_method) -> None:
    make_method(slug="uusi")
    assert "No region has recorded using this method yet." in client.get("/en/methods/uusi/").text
