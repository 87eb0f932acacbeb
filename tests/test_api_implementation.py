"""The API's implementation records: adoptions, training figures, service models and national
selections — their shapes, filters, errors, and that nothing of an unpublished method or an
unpublished service model is served."""

import csv
import io
from datetime import date

import pytest
from django.test import Client

from implementation.models import (
    AdoptionStatus,
    AgeGroup,
    NationalSelection,
    ServiceModel,
    ServiceModelMethod,
    ServiceModelPart,
)
from methods.models import Term, Vocabulary

from .implementation_factories import adopt, region, train

API = "/api/v1"


@pytest.fixture
def implemented(make_method, kymenlaakso, vantaa) -> dict:
    """Cool Kids in use in two regions with figures, a draft method adopted in one, a published
    service model carrying both, an unpublished one, and a decision on each method."""
    cool_kids = make_method(slug="cool-kids", name_fi="Cool Kids", rating="4of5")
    draft = make_method(slug="luonnos", is_published=False)
    in_kyme = adopt(
        cool_kids, kymenlaakso, level="brief_intervention", start_year=2022, notes_fi="Kouluissa."
    )
    in_kyme.service_settings.set([Term.objects.get(vocabulary=Vocabulary.SETTING, code="ecec")])
    adopt(cool_kids, vantaa, status=AdoptionStatus.PILOTING)
    hidden = adopt(draft, kymenlaakso)
    train(in_kyme, year=2024, trained=35, eligible=50, target_percent=70)
    train(hidden, year=2024, trained=1, eligible=2)
    model = ServiceModel.objects.create(
        slug="interventiokoordinaatio",
        name_fi="Interventiokoordinaatio",
        summary_fi="Koordinoi menetelmiä.",
        level="regional",
        stage="ready",
    )
    model.regions.set([kymenlaakso])
    ServiceModelPart.objects.create(service_model=model, position=1, name_fi="Koulutukset")
    for method in (cool_kids, draft):
        ServiceModelMethod.objects.create(
            service_model=model, method=method, age_group=AgeGroup.CHILDREN
        )
    ServiceModel.objects.create(
        slug="kesken", name_fi="Kesken", summary_fi="…", level="local", stage="developing"
    )
    ServiceModel.objects.filter(slug="kesken").update(is_published=False)
    for method in (cool_kids, draft):
        NationalSelection.objects.create(
            method=method,
            decided_on=date(2025, 3, 1),
            deciding_body_fi="Asiantuntijaryhmä",
            decision="selected",
            evidence_based=True,
            evidence_reason_fi="Näyttö vahva.",
            answers_need=True,
            need_reason_fi="Tarve todettu.",
            suits_target_group=True,
            target_group_reason_fi="Sopii.",
        )
    return {"in_kyme": in_kyme, "hidden": hidden, "model": model}


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.mark.django_db
def test_the_adoption_list_has_adoptions_of_published_methods_only(
    client: Client, implemented
) -> None:
    records = results(client.get(f"{API}/adoptions/"))
    assert [(r["region"], r["method"], r["status"]) for r in records] == [
        ("kyme", "cool-kids", "in_use"),
        ("vake", "cool-kids", "piloting"),
    ]


@pytest.mark.django_db
def test_an_adoption_carries_its_level_settings_years_and_notes(
    client: Client, implemented
) -> None:
    record = client.get(f"{API}/adoptions/{implemented['in_kyme'].pk}/").json()
    assert (record["care_level"], record["service_settings"]) == ("brief_intervention", ["ecec"])
    assert (record["start_year"], record["end_year"]) == (2022, None)
    assert record["notes"] == {"fi": "Kouluissa.", "sv": "", "en": ""}
    assert record["api_url"] == f"http://testserver/api/v1/adoptions/{implemented['in_kyme'].pk}/"


@pytest.mark.django_db
def test_an_adoption_of_an_unpublished_method_is_a_json_404(client: Client, implemented) -> None:
    response = client.get(f"{API}/adoptions/{implemented['hidden'].pk}/")
    assert response.status_code == 404
    assert "error" in response.json()


@pytest.mark.django_db
def test_the_regions_where_a_method_is_in_use_are_one_filtered_list(
    client: Client, implemented
) -> None:
    records = results(client.get(f"{API}/adoptions/", {"method": "cool-kids", "status": "in_use"}))
    assert [record["region"] for record in records] == ["kyme"]


@pytest.mark.django_db
def test_the_adoptions_filter_by_region(client: Client, implemented) -> None:
    records = results(client.get(f"{API}/adoptions/", {"region": "vake"}))
    assert [record["status"] for record in records] == ["piloting"]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("region", "atlantis"), ("status", "dormant"), ("method", "ei slug"), ("colour", "red")],
)
@pytest.mark.django_db
def test_a_bad_adoption_filter_is_a_400_naming_it(
    client: Client, implemented, parameter, value
) -> None:
    response = client.get(f"{API}/adoptions/", {parameter: value})
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter


@pytest.mark.django_db
def test_training_records_show_coverage_against_the_target(client: Client, implemented) -> None:
    (record,) = results(client.get(f"{API}/training-records/"))
    assert (record["region"], record["method"], record["year"]) == ("kyme", "cool-kids", 2024)
    assert (record["coverage_percent"], record["target_percent"]) == (70, 70)
    assert record["target_reached"] is True


@pytest.mark.django_db
def test_training_records_filter_by_region(client: Client, implemented) -> None:
    assert results(client.get(f"{API}/training-records/", {"region": "vake"})) == []


@pytest.mark.django_db
def test_a_service_model_has_its_parts_and_published_methods_only(
    client: Client, implemented
) -> None:
    (record,) = results(client.get(f"{API}/service-models/"))
    assert record["slug"] == "interventiokoordinaatio"
    assert [part["name"]["fi"] for part in record["parts"]] == ["Koulutukset"]
    assert record["methods"] == [
        {
            "method": "cool-kids",
            "age_group": "children",
            "care_level": None,
            "note": {"fi": "", "sv": "", "en": ""},
        }
    ]
    assert record["url"]["en"] == "http://testserver/en/service-models/interventiokoordinaatio/"


@pytest.mark.django_db
def test_an_unpublished_service_model_is_a_json_404(client: Client, implemented) -> None:
    assert client.get(f"{API}/service-models/kesken/").status_code == 404
    assert client.get(f"{API}/service-models/interventiokoordinaatio/").status_code == 200


@pytest.mark.django_db
def test_service_models_filter_by_region_and_by_a_method_they_carry(
    client: Client, implemented
) -> None:
    assert len(results(client.get(f"{API}/service-models/", {"region": "kyme"}))) == 1
    assert results(client.get(f"{API}/service-models/", {"region": "vake"})) == []
    assert results(client.get(f"{API}/service-models/", {"method": "luonnos"})) == []
    assert len(results(client.get(f"{API}/service-models/", {"method": "cool-kids"}))) == 1


@pytest.mark.django_db
def test_a_bad_service_model_level_is_a_400_naming_it(client: Client, implemented) -> None:
    response = client.get(f"{API}/service-models/", {"level": "galactic"})
    assert (response.status_code, response.json()["error"]["parameter"]) == (400, "level")


@pytest.mark.django_db
def test_national_selections_of_published_methods_only(client: Client, implemented) -> None:
    records = results(client.get(f"{API}/national-selections/"))
    assert [(r["method"], r["decision"], r["decided_on"]) for r in records] == [
        ("cool-kids", "selected", "2025-03-01")
    ]
    assert records[0]["evidence_reason"]["fi"] == "Näyttö vahva."


@pytest.mark.django_db
def test_a_post_to_an_implementation_list_is_a_405_with_allow(client: Client) -> None:
    response = client.post(f"{API}/adoptions/")
    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD, OPTIONS")


LIST_QUERIES = {
    "/adoptions/": 3,
    "/training-records/": 2,
    "/service-models/": 6,
    "/national-selections/": 2,
}


@pytest.mark.parametrize("address", list(LIST_QUERIES))
@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.django_db
def test_each_implementation_list_makes_a_fixed_number_of_queries(
    client: Client, make_method, django_assert_num_queries, address, count
) -> None:
    for number in range(count):
        method = make_method()
        adoption = adopt(method, region(f"r{number}"), level="universal")
        adoption.service_settings.set(Term.objects.filter(vocabulary=Vocabulary.SETTING)[:2])
        train(adoption, trained=1, eligible=3)
        model = ServiceModel.objects.create(
            slug=f"malli-{number}", name_fi="Malli", summary_fi="…", level="local", stage="ready"
        )
        model.regions.set([adoption.region])
        ServiceModelPart.objects.create(service_model=model, name_fi="Osa")
        ServiceModelMethod.objects.create(
            service_model=model, method=method, age_group=AgeGroup.FAMILIES
        )
        NationalSelection.objects.create(
            method=method,
            decided_on=date(2025, 1, 1),
            deciding_body_fi="Ryhmä",
            decision="not_selected",
            evidence_based=False,
            evidence_reason_fi="…",
            answers_need=True,
            need_reason_fi="…",
            suits_target_group=True,
            target_group_reason_fi="…",
        )
    with django_assert_num_queries(LIST_QUERIES[address]):
        response = client.get(f"{API}{address}", {"page_size": 100})
    assert len(response.json()["results"]) == count


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.django_db
def test_the_adoptions_csv_has_the_records_with_names_in_three_languages(
    client: Client, implemented
) -> None:
    rows = csv_rows(client.get(f"{API}/adoptions.csv", {"status": "in_use"}))
    assert [(row["region"], row["method"]) for row in rows] == [("kyme", "cool-kids")]
    assert (rows[0]["status_label_fi"], rows[0]["status_label_sv"]) == ("Käytössä", "I bruk")
    assert rows[0]["region_name_fi"] == "Kymenlaakson hyvinvointialue"


@pytest.mark.django_db
def test_the_training_csv_shows_coverage_against_target(client: Client, implemented) -> None:
    (row,) = csv_rows(client.get(f"{API}/training-records.csv"))
    assert (row["coverage_percent"], row["target_percent"], row["target_reached"]) == (
        "70",
        "70",
        "True",
    )


@pytest.mark.django_db
def test_the_service_models_csv_lists_parts_and_published_methods(
    client: Client, implemented
) -> None:
    (row,) = csv_rows(client.get(f"{API}/service-models.csv"))
    assert (row["parts_fi"], row["methods"]) == ("Koulutukset", "cool-kids (children)")


@pytest.mark.django_db
def test_the_national_selections_csv_has_published_methods_only(
    client: Client, implemented
) -> None:
    rows = csv_rows(client.get(f"{API}/national-selections.csv"))
    assert [row["method"] for row in rows] == ["cool-kids"]


@pytest.mark.django_db
def test_a_cell_a_spreadsheet_would_run_as_a_formula_stays_text(
    client: Client, implemented
) -> None:
    implemented["in_kyme"].notes_fi = '=HYPERLINK("http://example.org")'
    implemented["in_kyme"].save()
    (row,) = csv_rows(client.get(f"{API}/adoptions.csv", {"region": "kyme"}))
    assert row["notes_fi"] == '\'=HYPERLINK("http://example.org")'


@pytest.mark.django_db
def test_a_bad_csv_filter_is_a_json_400_naming_it(client: Client, implemented) -> None:
    response = client.get(f"{API}/service-models.csv", {"stage": "someday"})
    assert (response.status_code, response.json()["error"]["parameter"]) == (400, "stage")


@pytest.mark.django_db
def test_the_region_page_links_to_its_records_as_csv(client: Client, implemented) -> None:
    content = client.get("/alueet/kyme/").content.decode()
    assert 'href="/api/v1/adoptions.csv?region=kyme"' in content
    assert 'href="/api/v1/training-records.csv?region=kyme"' in content


@pytest.mark.django_db
def test_the_open_data_page_links_to_every_implementation_csv(client: Client) -> None:
    content = client.get("/avoin-data/").content.decode()
    for address in ("adoptions", "training-records", "service-models", "national-selections"):
        assert f'href="/api/v1/{address}.csv"' in content
