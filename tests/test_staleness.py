"""Old or undated ratings say how current their evidence is; the list filters by review age."""

from datetime import date

import pytest
from django.test import Client

from methods.models import Method, years_before

STALE_NOTE = "Evidence last reviewed in 2018"


def test_the_same_day_years_before_is_found_even_for_a_leap_day() -> None:
    assert years_before(date(2024, 2, 29), 5) == date(2019, 2, 28)
    assert years_before(date(2026, 12, 2), 5) == date(2021, 12, 2)


@pytest.mark.django_db
def test_an_evaluation_older_than_the_setting_is_stale(make_method, settings) -> None:
    settings.EVIDENCE_STALE_AFTER_YEARS = 5
    method = make_method(slug="vanha", rating="4of5", rated_on=date(2018, 3, 1))
    assert method.review_is_stale(5, today=date(2026, 12, 2))
    assert not method.review_is_stale(10, today=date(2026, 12, 2))


@pytest.mark.django_db
def test_an_undated_rating_is_stale_and_an_unrated_method_is_not(make_method) -> None:
    rated = make_method(slug="a", rating="4of5")
    Method.objects.filter(pk=rated.pk).update(rated_on=None)
    rated.refresh_from_db()
    assert rated.review_is_stale(5)
    assert not make_method(slug="b").review_is_stale(5)


@pytest.mark.django_db
def test_the_card_and_the_method_page_carry_the_note(client: Client, make_method) -> None:
    make_method(slug="vanha", rating="4of5", rated_on=date(2018, 3, 1))
    assert STALE_NOTE in client.get("/en/methods/").text
    assert STALE_NOTE in client.get("/en/methods/vanha/").text


@pytest.mark.django_db
def test_a_recent_rating_shows_its_date_without_a_note(client: Client, make_method) -> None:
    make_method(slug="uusi", rating="4of5", rated_on=date.today())
    page = client.get("/en/methods/uusi/").text
    assert f"Evaluated {date.today():%-d.%-m.%Y}" in page
    assert "Evidence last reviewed" not in page


@pytest.mark.django_db
def test_an_undated_rating_says_the_date_is_not_recorded(client: Client, make_method) -> None:
    method = make_method(slug="a", rating="4of5")
    Method.objects.filter(pk=method.pk).update(rated_on=None)
    assert "Evaluation date not recorded" in client.get("/en/methods/a/").text


@pytest.mark.django_db
def test_the_note_on_an_old_rating_is_in_the_page_language(
    client: Client, make_method, settings
) -> None:
    settings.EVIDENCE_STALE_AFTER_YEARS = 5
    make_method(slug="vanha", rating="4of5", rated_on=date(2018, 3, 1))
    html = client.get("/sv/metoder/vanha/").text
    assert (
        '<p class="review-date review-stale">Bedömd 1.3.2018. <strong>Evidensen bedömdes '
        "senast 2018, för mer än 5 år sedan.</strong></p>"
    ) in html


@pytest.mark.django_db
def test_the_list_filters_to_ratings_reviewed_in_the_last_years(
    client: Client, make_method
) -> None:
    make_method(slug="uusi", rating="4of5", rated_on=years_before(date.today(), 1))
    make_method(slug="vanha", rating="4of5", rated_on=years_before(date.today(), 8))
    make_method(slug="arvioimaton")
    slugs = [m.slug for m in client.get("/menetelmat/?reviewed_within=5").context["page"]]
    assert slugs == ["uusi"]


@pytest.mark.parametrize("value", ["0", "51", "abc", "2.5"])
@pytest.mark.django_db
def test_a_bad_review_window_is_ignored_with_a_note(client: Client, make_method, value) -> None:
    make_method(slug="a")
    response = client.get(f"/en/methods/?reviewed_within={value}")
    assert response.status_code == 200
    assert response.context["listing"].ignored_filters
