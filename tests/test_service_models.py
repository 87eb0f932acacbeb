"""Service models: the list with its filters, and a model's page."""

import pytest
from django.test import Client

from implementation.models import ServiceModel, ServiceModelMethod, ServiceModelPart
from methods.models import Term, Vocabulary

from .implementation_factories import care_level


def service_model(slug: str, *regions, level="regional", stage="ready", **fields) -> ServiceModel:
    model = ServiceModel.objects.create(
        slug=slug,
        name_fi=fields.pop("name_fi", slug),
        summary_fi="Lyhyt kuvaus.",
        level=level,
        stage=stage,
        **fields,
    )
    model.regions.set(regions)
    return model


def listed(client: Client, query: str = "") -> list[str]:
    return [m.slug for m in client.get(f"/toimintamallit/{query}").context["service_models"]]


@pytest.mark.django_db
def test_the_list_filters_by_region_level_stage_and_topic(
    client: Client, vocabularies, kymenlaakso, vantaa
) -> None:
    anxiety = Term.objects.get(vocabulary=Vocabulary.TOPIC, code="anxiety")
    service_model("kyme-malli", kymenlaakso, stage="ready").topics.add(anxiety)
    service_model("vake-malli", vantaa, level="local", stage="developing")
    assert listed(client, "?region=kyme") == ["kyme-malli"]
    assert listed(client, "?level=local") == ["vake-malli"]
    assert listed(client, "?stage=developing") == ["vake-malli"]
    assert listed(client, "?topic=anxiety") == ["kyme-malli"]


@pytest.mark.django_db
def test_unknown_filter_values_are_left_out_with_a_note(client: Client, kymenlaakso) -> None:
    service_model("malli", kymenlaakso)
    response = client.get("/en/service-models/?region=nowhere&level=%3Cb%3E&stage=x&topic=y")
    assert response.status_code == 200
    assert [m.slug for m in response.context["service_models"]] == ["malli"]
    assert len(response.context["ignored"]) == 4
    assert "<b>" not in response.text


@pytest.mark.django_db
def test_unpublished_models_are_not_listed_or_shown(client: Client, kymenlaakso) -> None:
    service_model("luonnos", kymenlaakso, is_published=False)
    assert listed(client) == []
    assert client.get("/toimintamallit/luonnos/").status_code == 404


@pytest.mark.django_db
def test_the_model_page_shows_its_parts_and_its_methods_by_age_group(
    client: Client, make_method, kymenlaakso
) -> None:
    model = service_model("malli", kymenlaakso, name_fi="Interventiokoordinaatio")
    ServiceModelPart.objects.create(service_model=model, position=1, name_fi="Koulutukset")
    cool_kids = make_method(slug="cool-kids", name_fi="Cool Kids", rating="4of5")
    ServiceModelMethod.objects.create(
        service_model=model,
        method=cool_kids,
        age_group="children",
        care_level=care_level("brief_intervention"),
    )
    ServiceModelMethod.objects.create(
        service_model=model,
        method=make_method(slug="piilo", is_published=False),
        age_group="children",
    )
    response = client.get("/en/service-models/malli/")
    groups = response.context["methods_by_group"]
    assert [entry.method.slug for entry in groups["Children (0–12)"]] == ["cool-kids"]
    assert "Koulutukset" in response.text
    assert "piilo" not in response.text
