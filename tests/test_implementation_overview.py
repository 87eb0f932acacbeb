"""The national overview: per region, methods in use by evidence, coverage, service models."""

import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from implementation.models import AdoptionStatus

from .implementation_factories import adopt, region, train

URL = "/kayttoonotto/"


def rows_by_code(response) -> dict:
    return {row.region.code: row for row in response.context["rows"]}


@pytest.mark.django_db
def test_each_region_counts_its_methods_in_use_by_evidence_group(
    client: Client, make_method, kymenlaakso, vantaa
) -> None:
    adopt(make_method(slug="a", rating="5of5"), kymenlaakso)
    adopt(make_method(slug="b", rating="3of5"), kymenlaakso)
    adopt(make_method(slug="c"), kymenlaakso)
    adopt(make_method(slug="d", rating="5of5"), vantaa, AdoptionStatus.PLANNED)
    rows = rows_by_code(client.get(URL))
    assert dict(rows["kyme"].group_counts()) == {
        "effective": 1,
        "promising": 1,
        "described": 0,
        "off_ladder": 0,
        "unrated": 1,
    }
    assert rows["kyme"].in_use == 3
    assert rows["vake"].in_use == 0


@pytest.mark.django_db
def test_coverage_adds_up_each_adoptions_latest_year(
    client: Client, make_method, kymenlaakso
) -> None:
    first = adopt(make_method(slug="a"), kymenlaakso)
    train(first, 2024, trained=1, eligible=100)
    train(first, 2025, trained=30, eligible=40)
    train(adopt(make_method(slug="b"), kymenlaakso), 2025, trained=10, eligible=60)
    row = rows_by_code(client.get(URL))["kyme"]
    assert (row.trained, row.eligible, row.coverage_percent) == (40, 100, 40)


@pytest.mark.django_db
def test_regions_without_an_effective_method_stand_out(
    client: Client, make_method, kymenlaakso, vantaa
) -> None:
    adopt(make_method(slug="a", rating="3of5"), kymenlaakso)
    page = client.get("/en/implementation/").text
    assert "no effective method" in page
    assert "no method recorded" in page


@pytest.mark.django_db
def test_the_table_sorts_by_any_column(client: Client, make_method, kymenlaakso, vantaa) -> None:
    adopt(make_method(slug="a"), vantaa)
    adopt(make_method(slug="b"), vantaa)
    adopt(make_method(slug="c"), kymenlaakso)
    codes = [row.region.code for row in client.get(f"{URL}?sort=in_use&order=desc").context["rows"]]
    assert codes[:2] == ["vake", "kyme"]


@pytest.mark.django_db
def test_an_unknown_sort_falls_back_to_region_names(client: Client, kymenlaakso, vantaa) -> None:
    response = client.get(f"{URL}?sort=%27%3B--&order=x")
    assert response.status_code == 200
    names = [row.region.name for row in response.context["rows"]]
    assert names == sorted(names, key=str.lower)


@pytest.mark.django_db
def test_the_chart_shows_the_same_numbers_as_the_table(
    client: Client, make_method, kymenlaakso
) -> None:
    adopt(make_method(slug="a", rating="5of5"), kymenlaakso)
    adopt(make_method(slug="b"), kymenlaakso)
    response = client.get(URL)
    bar = next(bar for bar in response.context["chart"] if bar["row"].region.code == "kyme")
    assert {s["group"]: s["count"] for s in bar["segments"]} == {"effective": 1, "unrated": 1}
    assert sum(s["count"] for s in bar["segments"]) == bar["row"].in_use


@pytest.mark.django_db
def test_the_table_downloads_as_csv_with_the_same_figures(
    client: Client, make_method, kymenlaakso
) -> None:
    train(adopt(make_method(slug="a", rating="5of5"), kymenlaakso), trained=7, eligible=10)
    response = client.get(f"{URL}csv/")
    assert response["Content-Type"].startswith("text/csv")
    rows = {
        r["region"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    }
    assert rows["kyme"]["methods_in_use"] == "1"
    assert rows["kyme"]["in_use_effective"] == "1"
    assert rows["kyme"]["coverage_percent"] == "70"


@pytest.mark.django_db
def test_the_overview_makes_a_fixed_number_of_queries(
    client: Client, make_method, kymenlaakso
) -> None:
    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(URL)
        return len(queries)

    adopt(make_method(slug="eka"), kymenlaakso)
    few = page_queries()
    for number in range(5):
        where = region(f"r{number}")
        train(adopt(make_method(slug=f"m{number}", rating="4of5"), where), trained=1, eligible=2)
    assert page_queries() == few
