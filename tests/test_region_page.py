"""The region page: the stepped-care menu, evidence share, training coverage, service models."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from implementation.models import AdoptionStatus, ServiceModel

from .implementation_factories import adopt, train

URL = "/alueet/kyme/"


@pytest.mark.django_db
def test_the_menu_places_each_method_by_care_level_and_age_group(
    client: Client, make_method, kymenlaakso
) -> None:
    cool_kids = make_method(slug="cool-kids", name_fi="Cool Kids", age_min=7, age_max=17)
    adopt(cool_kids, kymenlaakso, level="brief_intervention")
    menu = client.get(URL).context["menu"]
    row = next(row for row in menu if row["level"] and row["level"].code == "brief_intervention")
    children, young_people, young_adults = row["cells"]
    assert [a.method.slug for a in children] == ["cool-kids"]
    assert [a.method.slug for a in young_people] == ["cool-kids"]
    assert young_adults == []


@pytest.mark.django_db
def test_a_narrower_age_range_in_the_region_moves_the_method_out_of_a_column(
    client: Client, make_method, kymenlaakso
) -> None:
    method = make_method(slug="mi", age_min=13, age_max=22)
    adopt(method, kymenlaakso, level="early_support", age_min=18, age_max=22)
    row = next(r for r in client.get(URL).context["menu"] if r["level"].code == "early_support")
    assert [len(cell) for cell in row["cells"]] == [0, 0, 1]


@pytest.mark.django_db
def test_the_menu_shows_only_methods_in_use(client: Client, make_method, kymenlaakso) -> None:
    adopt(make_method(slug="kaytossa"), kymenlaakso, level="early_support")
    adopt(make_method(slug="suunniteltu"), kymenlaakso, AdoptionStatus.PLANNED, "early_support")
    in_menu = {
        a.method.slug for r in client.get(URL).context["menu"] for c in r["cells"] for a in c
    }
    assert in_menu == {"kaytossa"}


@pytest.mark.django_db
def test_planned_and_piloting_methods_are_listed_apart(
    client: Client, make_method, kymenlaakso
) -> None:
    adopt(make_method(slug="pilotti"), kymenlaakso, AdoptionStatus.PILOTING)
    response = client.get("/en/regions/kyme/")
    assert [a.method.slug for a in response.context["upcoming"]] == ["pilotti"]
    assert "Planned or piloting" in response.text


@pytest.mark.django_db
def test_the_share_of_effective_methods_counts_strong_and_moderate_evidence(
    client: Client, make_method, kymenlaakso
) -> None:
    adopt(make_method(slug="vahva", rating="5of5"), kymenlaakso)
    adopt(make_method(slug="kohtalainen", rating="4of5"), kymenlaakso)
    adopt(make_method(slug="vahainen", rating="3of5"), kymenlaakso)
    adopt(make_method(slug="arvioimaton"), kymenlaakso)
    assert client.get(URL).context["effective_share"] == 50


@pytest.mark.django_db
def test_training_coverage_is_shown_against_the_target_with_its_numbers(
    client: Client, make_method, kymenlaakso
) -> None:
    adoption = adopt(make_method(slug="cool-kids", name_fi="Cool Kids"), kymenlaakso)
    train(adoption, 2024, trained=20, eligible=58, target_percent=70)
    train(adoption, 2025, trained=42, eligible=58, target_percent=70)
    page = client.get("/en/regions/kyme/").text
    assert "72 % trained (42 of 58)" in page
    assert "target 70 %" in page
    assert "reached" in page


@pytest.mark.django_db
def test_illustrative_figures_are_marked_on_the_page(
    client: Client, make_method, kymenlaakso
) -> None:
    adoption = adopt(make_method(slug="x"), kymenlaakso, is_illustrative=True)
    train(adoption, trained=5, eligible=10, is_illustrative=True)
    page = client.get("/en/regions/kyme/").text
    assert "illustrative demo data" in page
    assert 'class="illustrative"' in page


@pytest.mark.django_db
def test_the_region_lists_its_published_service_models(client: Client, kymenlaakso) -> None:
    shown = ServiceModel.objects.create(
        slug="malli",
        name_fi="Interventiokoordinaatio",
        summary_fi="…",
        level="regional",
        stage="ready",
    )
    hidden = ServiceModel.objects.create(
        slug="luonnos",
        name_fi="Luonnos",
        summary_fi="…",
        level="regional",
        stage="ready",
        is_published=False,
    )
    shown.regions.add(kymenlaakso)
    hidden.regions.add(kymenlaakso)
    assert list(client.get(URL).context["service_models"]) == [shown]


@pytest.mark.django_db
def test_adoptions_of_unpublished_methods_are_not_shown(
    client: Client, make_method, kymenlaakso
) -> None:
    adopt(make_method(slug="luonnos", is_published=False), kymenlaakso)
    response = client.get(URL)
    assert response.context["in_use"] == []
    assert "luonnos" not in response.text


@pytest.mark.parametrize("path", ["/alueet/ei-ole/", "/sv/omraden/ei-ole/", "/en/regions/ei-ole/"])
@pytest.mark.django_db
def test_an_unknown_region_gives_the_translated_404(client: Client, path) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert 'class="site-header"' in response.text


@pytest.mark.django_db
def test_the_region_page_makes_a_fixed_number_of_queries(
    client: Client, make_method, kymenlaakso
) -> None:
    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    adopt(make_method(slug="eka", rating="4of5"), kymenlaakso, level="early_support")
    few = page_queries()
    for number in range(6):
        adoption = adopt(make_method(slug=f"m{number}"), kymenlaakso, level="brief_intervention")
        train(adoption, trained=number, eligible=10, target_percent=70)
    assert page_queries() == few
