"""The method list's "used in region" filter, with counts."""

import pytest
from django.test import Client

from implementation.models import AdoptionStatus

from .implementation_factories import adopt


@pytest.mark.django_db
def test_the_list_filters_to_methods_in_use_in_the_region(
    client: Client, make_method, kymenlaakso, vantaa
) -> None:
    adopt(make_method(slug="kaytossa"), kymenlaakso)
    adopt(make_method(slug="suunniteltu"), kymenlaakso, AdoptionStatus.PLANNED)
    adopt(make_method(slug="muualla"), vantaa)
    slugs = [m.slug for m in client.get("/menetelmat/?region=kyme").context["page"]]
    assert slugs == ["kaytossa"]


@pytest.mark.django_db
def test_the_region_facet_counts_methods_in_use(
    client: Client, make_method, kymenlaakso, vantaa
) -> None:
    adopt(make_method(slug="a"), kymenlaakso)
    adopt(make_method(slug="b"), kymenlaakso)
    adopt(make_method(slug="c"), kymenlaakso, AdoptionStatus.ENDED)
    adopt(make_method(slug="d"), vantaa)
    facets = {f.name: f for f in client.get("/menetelmat/").context["listing"].facets}
    counts = {value.code: value.count for value in facets["region"].values}
    assert (counts["kyme"], counts["vake"]) == (2, 1)


@pytest.mark.django_db
def test_two_regions_are_alternatives(client: Client, make_method, kymenlaakso, vantaa) -> None:
    adopt(make_method(slug="a"), kymenlaakso)
    adopt(make_method(slug="b"), vantaa)
    page = client.get("/menetelmat/?region=kyme&region=vake").context["page"]
    assert sorted(m.slug for m in page) == ["a", "b"]


@pytest.mark.django_db
def test_an_unknown_region_code_is_ignored_with_a_note(client: Client, make_method) -> None:
    make_method(slug="a")
    response = client.get("/en/methods/?region=atlantis")
    assert response.status_code == 200
    assert response.context["listing"].ignored_filters


@pytest.mark.django_db
def test_an_adoption_ended_after_a_request_is_no_longer_counted(
    client: Client, make_method, kymenlaakso
) -> None:
    adoption = adopt(make_method(slug="a"), kymenlaakso)
    assert [m.slug for m in client.get("/menetelmat/?region=kyme").context["page"]] == ["a"]
    adoption.status = AdoptionStatus.ENDED
    adoption.save()
    assert list(client.get("/menetelmat/?region=kyme").context["page"]) == []
