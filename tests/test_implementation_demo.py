"""The implementation demo: the real service models and what the issue promises they show."""

import pytest
from django.core.management import call_command
from django.test import Client

from implementation.models import Adoption, ServiceModel
from methods.models import Method


@pytest.mark.django_db
def test_kymenlaakso_shows_its_methods_by_care_level_and_coverage_against_70_percent(
    demo, client: Client
) -> None:
    response = client.get("/en/regions/kyme/")
    levels = {row["level"].code for row in response.context["menu"] if row["level"]}
    assert {"early_support", "brief_intervention"} <= levels
    assert "target 70 %" in response.text


@pytest.mark.django_db
def test_the_cool_kids_page_shows_vantaa_and_kerava_on_the_map_and_in_the_list(
    demo, client: Client
) -> None:
    page = client.get("/en/methods/cool-kids/").text
    assert "Vantaa and Kerava Wellbeing Services County</a>: In use" in page
    assert "<title>Vantaa and Kerava Wellbeing Services County: In use</title>" in page


@pytest.mark.django_db
def test_the_overview_table_and_chart_agree(demo, client: Client) -> None:
    response = client.get("/kayttoonotto/")
    assert response.context["chart"]
    for bar in response.context["chart"]:
        assert sum(segment["count"] for segment in bar["segments"]) == bar["row"].in_use
    assert sum(row.in_use for row in response.context["rows"]) > 0


@pytest.mark.django_db
def test_the_three_service_models_of_the_sources_are_loaded(demo) -> None:
    assert set(ServiceModel.objects.values_list("slug", flat=True)) == {
        "interventiokoordinaatio-kymenlaakso",
        "terapiat-etulinjaan-vantaa-kerava",
        "varhainen-mielenterveystuki-kymenlaakso",
    }


@pytest.mark.django_db
def test_methods_the_registry_lacked_are_added_without_a_rating(demo) -> None:
    added = Method.objects.filter(
        slug__in=["ipc-interpersonaalinen-ohjanta", "motivoiva-haastattelu"]
    )
    assert added.count() == 2
    assert all(method.rating is None for method in added)


@pytest.mark.django_db
def test_adoptions_the_sources_do_not_state_are_marked_illustrative(demo) -> None:
    documented = Adoption.objects.filter(region__code__in=["kyme", "vake"])
    assert documented.exists()
    assert not documented.filter(is_illustrative=True).exists()
    others = Adoption.objects.exclude(region__code__in=["kyme", "vake", "ps"])
    assert others.exists()
    assert not others.filter(is_illustrative=False).exists()


@pytest.mark.django_db
def test_loading_the_demo_twice_gives_the_same_adoptions(demo) -> None:
    before = sorted(Adoption.objects.values_list("region__code", "method__slug", "status"))
    call_command("load_demo_data", verbosity=0)
    assert sorted(Adoption.objects.values_list("region__code", "method__slug", "status")) == before
