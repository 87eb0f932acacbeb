"""The public criteria manual: a page per version, linked from every rating made under it."""

import pytest
from django.test import Client

from evaluations.models import Manual

MANUAL_PAGE_QUERIES = 3


@pytest.mark.django_db
def test_each_manual_version_has_a_page_with_its_criteria_and_guidance(client: Client) -> None:
    manual = Manual.objects.get(version="2022")
    criterion = manual.criteria.exclude(guidance_en="").first() or manual.criteria.first()
    text = client.get("/en/criteria-manual/2022/").text
    assert criterion.text_en in text
    assert (criterion.guidance_en or "") in text


@pytest.mark.django_db
def test_the_manual_page_lists_the_levels_of_its_scale(client: Client) -> None:
    manual = Manual.objects.get(version="2022")
    text = client.get("/en/criteria-manual/2022/").text
    for level in manual.scale.levels.all():
        assert level.label_en in text


@pytest.mark.parametrize("path", ["/arviointikasikirja/2022/", "/sv/bedomningshandbok/2022/"])
@pytest.mark.django_db
def test_the_manual_page_is_there_in_finnish_and_swedish(client: Client, path) -> None:
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_an_unknown_manual_version_is_not_found(client: Client) -> None:
    assert client.get("/en/criteria-manual/1999/").status_code == 404


@pytest.mark.django_db
def test_the_method_page_and_the_version_page_link_to_the_manual(
    client: Client, make_method
) -> None:
    make_method(slug="voima", rating="4of5")
    for path in ("/menetelmat/voima/", "/menetelmat/voima/arvio/1/"):
        assert 'href="/arviointikasikirja/2022/"' in client.get(path).text


@pytest.mark.django_db
def test_the_manual_page_makes_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries
) -> None:
    with django_assert_num_queries(MANUAL_PAGE_QUERIES):
        client.get("/en/criteria-manual/2022/")
