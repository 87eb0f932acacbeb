"""Comparing 2–4 methods side by side, and every bad address of the comparison."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from methods.models import Method


def compare(client: Client, *slugs: str, extra: str = ""):
    query = "&".join(f"m={slug}" for slug in slugs)
    return client.get(f"/en/compare/?{query}{extra}")


def row(response, key: str):
    return next(row for row in response.context["comparison"].rows if row.key == key)


@pytest.fixture
def three(make_method):
    return [
        make_method(
            slug="a", name_fi="A", topics=["anxiety"], age_min=7, age_max=12, rating="4of5"
        ),
        make_method(
            slug="b", name_fi="B", topics=["anxiety"], age_min=7, age_max=12, rating="5of5"
        ),
        make_method(slug="c", name_fi="C", topics=["conduct"], age_min=3, age_max=6),
    ]


@pytest.mark.django_db
def test_the_methods_are_shown_side_by_side_in_the_order_given(client: Client, three) -> None:
    response = compare(client, "c", "a")
    assert [m.slug for m in response.context["comparison"].methods] == ["c", "a"]
    assert [cell.text for cell in row(response, "ages").cells] == ["3–6 years", "7–12 years"]


@pytest.mark.django_db
def test_rows_where_the_methods_differ_are_marked_in_words(client: Client, three) -> None:
    response = compare(client, "a", "b")
    assert row(response, "rating").differs
    assert not row(response, "topics").differs
    assert response.text.count('<span class="differs-mark">differs</span>') == sum(
        r.differs for r in response.context["rows"]
    )


@pytest.mark.django_db
def test_identical_rows_can_be_hidden(client: Client, three) -> None:
    response = compare(client, "a", "b", extra="&same=hide")
    assert response.context["rows"]
    assert all(r.differs for r in response.context["rows"])
    assert response.context["hidden_count"] > 0


@pytest.mark.django_db
def test_ratings_on_different_scales_are_not_put_on_one_line(client: Client, make_method) -> None:
    make_method(slug="vanha", rating="3of3")
    make_method(slug="uusi", rating="4of5")
    assert "These ratings are on different scales." in compare(client, "vanha", "uusi").text


@pytest.mark.django_db
def test_ratings_on_one_scale_carry_no_scale_warning(client: Client, three) -> None:
    assert "different scales" not in compare(client, "a", "b").text


@pytest.mark.django_db
def test_regions_where_in_use_are_compared(client: Client, three) -> None:
    from tests.implementation_factories import adopt, region

    adopt(three[0], region("kyme", "Kymenlaakson hyvinvointialue"))
    cells = [cell.text for cell in row(compare(client, "a", "b"), "regions").cells]
    assert cells == ["Kymenlaakson hyvinvointialue", "none recorded"]


@pytest.mark.parametrize("slugs", [(), ("a",)])
@pytest.mark.django_db
def test_fewer_than_two_methods_say_how_to_pick_them(client: Client, three, slugs) -> None:
    response = compare(client, *slugs)
    assert response.status_code == 200
    assert "Pick at least 2 methods to compare (at most 4)." in response.text
    assert response.context["comparison"].rows == []


@pytest.mark.django_db
def test_more_than_four_say_the_limit_and_show_the_first_four(client: Client, make_method) -> None:
    for slug in "abcdef":
        make_method(slug=slug)
    response = compare(client, *"abcdef")
    assert [m.slug for m in response.context["comparison"].methods] == list("abcd")
    assert "At most 4 methods can be compared at once" in response.text
    assert response.context["comparison"].left_out == ["e", "f"]


@pytest.mark.django_db
def test_unknown_and_unpublished_methods_are_named_and_left_out(
    client: Client, three, make_method
) -> None:
    make_method(slug="luonnos", is_published=False)
    response = compare(client, "a", "ei-ole", "luonnos", "b")
    assert [m.slug for m in response.context["comparison"].methods] == ["a", "b"]
    assert response.context["comparison"].unknown == ["ei-ole", "luonnos"]
    assert "ei-ole, luonnos" in response.text


@pytest.mark.django_db
def test_the_same_method_twice_counts_once(client: Client, three) -> None:
    response = compare(client, "a", "a", "b")
    assert [m.slug for m in response.context["comparison"].methods] == ["a", "b"]


@pytest.mark.parametrize("value", ["%3Cscript%3E", "x" * 300, "%00", "..%2F"])
@pytest.mark.django_db
def test_odd_slugs_never_fail(client: Client, three, value) -> None:
    response = compare(client, "a", value)
    assert response.status_code == 200
    assert "<script>" not in response.text


@pytest.mark.django_db
def test_the_comparison_downloads_as_csv(client: Client, three) -> None:
    response = client.get("/en/compare/csv/?m=a&m=b")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["", "A", "B"]
    assert ["Ages", "7–12 years", "7–12 years"] in rows


@pytest.mark.django_db
def test_a_name_a_spreadsheet_would_run_is_neutralised_in_the_csv(
    client: Client, make_method
) -> None:
    make_method(slug="kaava", name_fi="=1+1", name_en="=1+1")
    response = client.get("/en/compare/csv/?m=kaava")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["", "'=1+1"]


@pytest.mark.django_db
def test_the_query_count_is_the_same_for_two_and_four_methods(client: Client, make_method) -> None:
    for slug in "abcd":
        make_method(slug=slug, topics=["anxiety"], rating="4of5")

    def queries(*slugs: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert compare(client, *slugs).status_code == 200
        return len(captured)

    client.get("/menetelmat/")  # reads the facet index of this version of the registry
    assert queries("a", "b") == queries("a", "b", "c", "d")


# With this version of the facet index in the process (methods.facets): the registry's
# version (the vocabularies come from the index), the methods, their published evaluations,
# those evaluations' answers and screened studies, and the adoptions (methods.comparison).
COMPARISON_QUERIES = 6


@pytest.mark.django_db
def test_a_comparison_of_four_rated_methods_makes_six_queries(
    client: Client, make_method, django_assert_num_queries
) -> None:
    for slug in "abcd":
        make_method(slug=slug, topics=["anxiety"], rating="4of5")
    client.get("/menetelmat/")  # reads the facet index of this version of the registry
    with django_assert_num_queries(COMPARISON_QUERIES):
        assert compare(client, "a", "b", "c", "d").status_code == 200


@pytest.mark.django_db
def test_the_list_offers_a_compare_box_per_method(client: Client, three) -> None:
    page = client.get("/en/methods/").text
    assert '<form class="compare-pick" method="get" action="/en/compare/">' in page
    assert 'name="m" value="a"' in page


@pytest.mark.django_db
def test_a_method_picked_already_is_ticked_and_each_box_names_its_method(
    client: Client, three
) -> None:
    page = client.get("/en/methods/", {"m": "a"}).text
    assert 'name="m" value="a" id="compare-a" checked>' in page
    assert 'name="m" value="b" id="compare-b">' in page
    with translation.override("en"):
        name = Method.objects.get(slug="b").name  # as the English page shows it
    assert f'<label for="compare-b">Compare<span class="visually-hidden"> {name}</span>' in page
