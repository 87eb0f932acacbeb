"""The home page and the page that explains the ratings."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_the_home_page_offers_search_and_filters(client: Client, vocabularies) -> None:
    html = client.get("/en/").text
    assert 'action="/en/methods/"' in html
    for name in ('name="q"', 'name="age"', 'name="topic"', 'name="target_group"'):
        assert name in html


@pytest.mark.django_db
def test_the_home_page_shows_the_newest_evaluated_methods_first(
    client: Client, make_method
) -> None:
    from datetime import date

    make_method(name_fi="Vanha arvio", rating="3of5", rated_on=date(2021, 1, 1))
    make_method(name_fi="Uusi arvio", rating="4of5", rated_on=date(2026, 1, 1))
    make_method(name_fi="Arvioimaton")
    newest = [m.name for m in client.get("/").context["newest"]]
    assert newest == ["Uusi arvio", "Vanha arvio"]


@pytest.mark.django_db
def test_the_ratings_page_explains_both_scales_and_the_outcomes(client: Client) -> None:
    html = client.get("/en/about-the-ratings/").text
    for expected in [
        "Strong documented evidence",
        "Theoretically justified",
        "No effect",
        "Negative effects",
        "Rating scale 0–3",
        "Implementation readiness",
    ]:
        assert expected in html


@pytest.mark.django_db
def test_the_ratings_page_is_in_swedish_too(client: Client) -> None:
    html = client.get("/sv/om-bedomningarna/").text
    assert "Stark dokumenterad evidens" in html
    assert "Negativa effekter" in html


# The registry's version and the newest rated methods; their number, their cards' terms and
# the search form's terms come from the facet index and the facet terms (methods.facets).
HOME_PAGE_QUERIES = 2
# After a change those are read again: the facet terms, and the index's five queries.
HOME_PAGE_QUERIES_AFTER_A_CHANGE = HOME_PAGE_QUERIES + 6


@pytest.fixture
def ten_methods(make_method) -> None:
    for number in range(10):
        rating = "3of5" if number < 3 else None
        make_method(topics=["anxiety"], target_groups=["youth"], rating=rating)


@pytest.mark.django_db
def test_the_home_page_makes_a_fixed_number_of_queries(
    client: Client, ten_methods, django_assert_num_queries
) -> None:
    client.get("/")  # reads the facet index of this version of the registry
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        client.get("/")


@pytest.mark.django_db
def test_the_home_page_after_a_change_reads_the_index_again(
    client: Client, ten_methods, django_assert_num_queries
) -> None:
    with django_assert_num_queries(HOME_PAGE_QUERIES_AFTER_A_CHANGE):
        client.get("/")
