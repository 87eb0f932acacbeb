"""The evidence gap map: its counts are the method list's counts, cell by cell."""

import csv
import io

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from methods.listing import MethodListing
from methods.models import Method, ScaleLevel

URL = "/en/evidence-gap-map/"


@pytest.fixture
def registry(make_method) -> None:
    make_method(
        slug="a",
        topics=["anxiety"],
        age_min=7,
        age_max=12,
        rating="5of5",
        target_groups=["primary"],
        service_settings=["primary_school"],
    )
    make_method(
        slug="b",
        topics=["anxiety", "depression"],
        age_min=10,
        age_max=17,
        rating="3of5",
        target_groups=["youth"],
        care_levels=["brief_intervention"],
    )
    make_method(slug="c", topics=["anxiety"], age_min=3, age_max=6, target_groups=["preschool"])
    make_method(slug="d", topics=["conduct"], age_min=0, age_max=5)
    # An outcome off the ladder, as publishing an evaluation with "No effect" records it.
    Method.objects.filter(slug="d").update(rating=ScaleLevel.objects.get(key="no-effect"))
    make_method(
        slug="luonnos", topics=["anxiety"], age_min=7, age_max=12, rating="5of5", is_published=False
    )


def cells(response):
    gap_map = response.context["map"]
    for topic, row in gap_map.rows:
        for column, cell in zip(gap_map.columns, row, strict=True):
            yield topic, column, cell


def list_count(link: str) -> int:
    """What the method list shows for an address (its own state object, without rendering)."""
    path, query = link.split("?")
    assert path == "/en/methods/"
    return MethodListing(QueryDict(query)).count


@pytest.mark.parametrize(
    "query",
    ["", "?columns=target_group&delivery=group", "?columns=care_level&setting=primary_school"],
)
@pytest.mark.django_db
def test_every_count_equals_the_list_it_links_to(client: Client, registry, query) -> None:
    response = client.get(URL + query)
    checked = 0
    for _topic, _column, cell in cells(response):
        for group, count, link in cell.entries():
            assert list_count(link) == count, (group, link)
            checked += 1
    assert checked > 0


@pytest.mark.django_db
def test_a_cell_counts_methods_by_evidence_group_and_names_the_best(
    client: Client, registry
) -> None:
    found = {(t.code, c.key): cell for t, c, cell in cells(client.get(URL))}
    school_age_anxiety = found[("anxiety", "7-12")]
    assert school_age_anxiety.counts["effective"] == 1
    assert school_age_anxiety.counts["promising"] == 1
    assert school_age_anxiety.best.key == "5of5"
    assert found[("conduct", "0-2")].counts["off_ladder"] == 1


@pytest.mark.django_db
def test_cells_without_an_evaluated_method_stand_out_in_words(client: Client, registry) -> None:
    response = client.get(URL)
    found = {(t.code, c.key): cell for t, c, cell in cells(response)}
    assert found[("anxiety", "3-6")].is_gap  # only a method not yet evaluated
    assert found[("bullying", "7-12")].is_gap  # nothing at all
    assert not found[("anxiety", "7-12")].is_gap
    assert "No evaluated method" in response.text


@pytest.mark.django_db
def test_unpublished_methods_are_not_counted(client: Client, registry) -> None:
    effective = [
        (t.code, c.key) for t, c, cell in cells(client.get(URL)) if cell.counts["effective"]
    ]
    assert effective == [("anxiety", "7-12")]  # "a" only; the unpublished one is left out


@pytest.mark.django_db
def test_it_is_a_real_table_with_a_caption_and_headers(client: Client, registry) -> None:
    page = client.get(URL).text
    assert "<caption" in page
    assert '<th scope="col">7–12</th>' in page
    assert '<th scope="row">Anxiety' in page


@pytest.mark.parametrize("query", ["?columns=zzz", "?setting=nowhere", "?delivery=%3Cb%3E"])
@pytest.mark.django_db
def test_unknown_values_are_left_out_with_a_note(client: Client, registry, query) -> None:
    response = client.get(URL + query)
    assert response.status_code == 200
    assert response.context["map"].ignored
    assert "<b>" not in response.text


@pytest.mark.django_db
def test_the_map_downloads_as_csv(client: Client, registry) -> None:
    response = client.get("/en/evidence-gap-map/csv/")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if (r["topic"], r["age"]) == ("anxiety", "7-12"))
    assert (row["effective"], row["promising"], row["best_level"]) == ("1", "1", "5of5")


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_number_of_methods(
    client: Client, make_method
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    make_method(slug="eka", topics=["anxiety"], rating="4of5")
    few = queries()
    for number in range(8):
        make_method(slug=f"m{number}", topics=["anxiety", "conduct"], rating="3of5")
    assert queries() == few


@pytest.mark.django_db
def test_each_count_of_a_cell_is_shown_as_a_link_to_its_list(client: Client, registry) -> None:
    response = client.get(URL)
    html = response.text
    labels = response.context["group_labels"]
    shown = [
        (group, count, link)
        for _topic, _column, cell in cells(response)
        for group, count, link in cell.entries()
        if count
    ]
    assert shown
    for group, count, link in shown:
        assert (
            f'<a href="{escape(link)}"><span class="gap-count gap-{group}">{count}</span> '
            f"{escape(labels[group])}</a>"
        ) in html
