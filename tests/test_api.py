"""The open-data API, CSV and feeds: shapes, filters, paging, caching headers, errors, and
that nothing unpublished ever leaks."""

import csv
import io

import pytest
from django.test import Client
from django.urls import set_script_prefix
from openapi_spec_validator import validate

from evaluations.models import Evaluation
from evaluations.workflow import start_update
from methods.facets import facet_index
from methods.search import index_methods
from opendata import records

API = "/api/v1"


@pytest.fixture
def registry(make_method, editor):
    """Two published methods (one rated, with an update under way) and one draft."""
    rated = make_method(
        slug="rated", name_fi="Arvioitu", name_en="Rated", topics=["anxiety"], rating="4of5"
    )
    plain = make_method(slug="plain", name_fi="Arvioimaton", summary_fi="Masennuksen hoito.")
    draft = make_method(slug="draft", is_published=False)
    index_methods([rated, plain, draft])
    update = start_update(rated, by=editor)
    update.summary_fi = "Luonnos, ei julkinen."
    update.save()
    return {"rated": rated, "plain": plain, "draft": draft, "update": update}


def slugs(response) -> list[str]:
    return [record["slug"] for record in response.json()["results"]]


@pytest.mark.django_db
def test_the_method_list_has_published_methods_in_all_languages(client: Client, registry) -> None:
    response = client.get(f"{API}/methods/")
    assert slugs(response) == ["plain", "rated"]
    rated = response.json()["results"][1]
    assert rated["name"] == {"fi": "Arvioitu", "sv": "", "en": "Rated"}
    assert rated["rating"]["key"] == "4of5"
    assert rated["url"]["sv"] == "http://testserver/sv/metoder/rated/"


@pytest.mark.django_db
def test_the_list_takes_the_filters_and_search_of_the_list_page(client: Client, registry) -> None:
    assert slugs(client.get(f"{API}/methods/", {"topic": "anxiety"})) == ["rated"]
    assert slugs(client.get(f"{API}/methods/", {"level": "unrated"})) == ["plain"]
    assert slugs(client.get(f"{API}/methods/", {"q": "masennusta"})) == ["plain"]


@pytest.mark.django_db
def test_pages_link_to_the_next_one(client: Client, registry) -> None:
    body = client.get(f"{API}/methods/", {"page_size": 1}).json()
    assert body["count"] == 2
    assert body["next"] == "http://testserver/api/v1/methods/?page_size=1&page=2"
    assert client.get(body["next"]).json()["next"] is None


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page_size=0", "page_size"),
        ("page_size=abc", "page_size"),
        ("page_size=1000", "page_size"),
        ("page=-1", "page"),
        ("page=1.5", "page"),
        ("age_to=0.5", "age_to"),
        ("age=3.0", "age"),
        ("age=30", "age"),
        ("topic=nope", "topic"),
        ("age=abc", "age"),
        ("level=99of5", "level"),
        ("colour=blue", "colour"),
        ("q=" + "x" * 300, "q"),
        ("q=" + "+" * 2 + "x" * 199, "q"),
    ],
)
@pytest.mark.django_db
def test_a_bad_parameter_gives_a_json_400_naming_it(
    client: Client, registry, query, parameter
) -> None:
    response = client.get(f"{API}/methods/?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == parameter


@pytest.mark.parametrize(
    "path",
    [
        "/methods/draft/",
        "/methods/nope/",
        "/evaluations/999999/",
        f"/evaluations/{2**64}/",
        "/feeds/methods/draft.atom",
    ],
)
@pytest.mark.django_db
def test_unknown_or_unpublished_records_give_a_json_404(client: Client, registry, path) -> None:
    response = client.get(f"{API}{path}")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize("path", ["/api/", "/api/v2/methods/", "/api/v1/methods/a%0Ab/"])
@pytest.mark.django_db
def test_every_other_address_under_the_api_gives_a_json_404(client: Client, path) -> None:
    response = client.get(path)
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")


@pytest.mark.django_db
def test_a_page_past_the_last_is_empty_and_links_back_to_the_last(client: Client, registry) -> None:
    body = client.get(f"{API}/methods/", {"page_size": 1, "page": 99}).json()
    assert (body["count"], body["results"], body["next"]) == (2, [], None)
    assert body["previous"] == "http://testserver/api/v1/methods/?page_size=1&page=2"


@pytest.mark.django_db
def test_an_age_range_upside_down_holds_no_method(client: Client, registry) -> None:
    assert slugs(client.get(f"{API}/methods/", {"age_from": 10, "age_to": 5})) == []


@pytest.mark.django_db
def test_an_empty_parameter_is_the_same_as_none(client: Client, registry) -> None:
    assert slugs(client.get(f"{API}/methods/?age=&topic=&page=&q=")) == ["plain", "rated"]


@pytest.mark.django_db
def test_a_method_record_has_its_details(client: Client, registry) -> None:
    body = client.get(f"{API}/methods/rated/").json()
    assert set(body["training"]) == {"fi", "sv", "en"}
    assert body["contacts"] == []


@pytest.mark.django_db
def test_a_revalidation_with_the_etag_gets_304(client: Client, registry) -> None:
    first = client.get(f"{API}/methods/")
    again = client.get(f"{API}/methods/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_a_revalidation_with_the_date_gets_304(client: Client, registry) -> None:
    first = client.get(f"{API}/methods/rated/")
    again = client.get(f"{API}/methods/rated/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_any_web_page_may_read_the_api(client: Client, registry) -> None:
    assert client.get(f"{API}/methods/")["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path", ["/methods/", "/methods/rated/", "/methods.csv", "/feeds/evaluations.atom", "/nope/"]
)
@pytest.mark.django_db
def test_the_api_is_read_only_and_says_which_methods_it_answers(registry, path) -> None:
    response = Client(enforce_csrf_checks=True).delete(f"{API}{path}")
    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD, OPTIONS")
    assert response.json()["error"]["status"] == 405


@pytest.mark.django_db
def test_an_evaluation_names_its_evaluators_and_peer_reviewers(client: Client, registry) -> None:
    evaluation = client.get(f"{API}/evaluations/").json()["results"][0]
    assert (evaluation["evaluators"], evaluation["peer_reviewers"]) == (
        ["Aino Arvioitsija"],
        ["Ville Vertainen"],
    )


@pytest.mark.django_db
def test_an_evaluation_names_no_one_when_they_chose_anonymity(client: Client, registry) -> None:
    Evaluation.objects.filter(method=registry["rated"]).update(show_names=False)
    evaluation = client.get(f"{API}/evaluations/").json()["results"][0]
    assert (evaluation["evaluators"], evaluation["peer_reviewers"]) == ([], [])


@pytest.mark.django_db
def test_evaluations_are_published_ones_only_with_answers_and_studies(
    client: Client, registry
) -> None:
    listed = client.get(f"{API}/evaluations/").json()["results"]
    assert [(e["method"], e["version"]) for e in listed] == [("rated", 1)]
    detail = client.get(listed[0]["api_url"]).json()
    assert len(detail["answers"]) == 17
    assert detail["studies"][0]["design"] in {"rct", "pre_post", "quasi"}
    unpublished = client.get(f"{API}/evaluations/{registry['update'].pk}/")
    assert unpublished.status_code == 404


@pytest.mark.django_db
def test_no_unpublished_text_appears_anywhere(client: Client, registry) -> None:
    for path in [
        "/methods/",
        "/methods.csv",
        "/evaluations/",
        "/feeds/evaluations.atom",
        "/feeds/methods/rated.atom",
    ]:
        body = client.get(f"{API}{path}").content.decode()
        assert "Luonnos, ei julkinen." not in body
        assert "/draft/" not in body


@pytest.mark.django_db
def test_vocabularies_organisations_and_regions_are_served(client: Client, registry) -> None:
    vocabularies = client.get(f"{API}/vocabularies/").json()
    assert vocabularies["topic"][0]["label"]["sv"]
    assert client.get(f"{API}/organisations/").status_code == 200
    assert client.get(f"{API}/regions/").json()["count"] == 0


@pytest.mark.django_db
def test_the_csv_opens_in_excel_with_nordic_letters(client: Client, registry) -> None:
    response = client.get(f"{API}/methods.csv", {"topic": "anxiety"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffslug,name_fi")
    assert "rated,Arvioitu,,Rated" in text
    assert "plain" not in text
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.django_db
def test_the_csv_says_not_yet_evaluated_in_each_language(client: Client, registry) -> None:
    text = client.get(f"{API}/methods.csv").content.decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    labels = [rows["plain"][f"rating_label_{language}"] for language in ("fi", "sv", "en")]
    assert labels == ["Ei vielä arvioitu", "Inte ännu bedömd", "Not yet evaluated"]


@pytest.mark.django_db
def test_the_feed_lists_published_evaluations(client: Client, registry) -> None:
    feed = client.get(f"{API}/feeds/evaluations.atom").content.decode()
    assert "<title>Arvioitu: 4/5 Kohtalainen dokumentoitu näyttö</title>" in feed
    assert client.get(f"{API}/feeds/methods/draft.atom").status_code == 404


@pytest.mark.django_db
def test_feed_summaries_are_marked_as_plain_text(client: Client, make_method) -> None:
    method = make_method(slug="arvioitu", rating="3of5")
    evaluation = method.current_evaluation()
    evaluation.summary_fi = "Tulokset <b>ovat</b> hyviä."
    evaluation.save()
    feed = client.get(f"{API}/feeds/evaluations.atom").content.decode()
    assert '<summary type="text">Tulokset &lt;b&gt;ovat&lt;/b&gt; hyviä.</summary>' in feed


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil.example")', "+1", "-2", "@SUM(A1)"])
@pytest.mark.django_db
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    client: Client, make_method, name
) -> None:
    make_method(slug="kaava", name_fi=name)
    text = client.get(f"{API}/methods.csv").content.decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["name_fi"] == "'" + name
    assert row["age_min"] == "0"


@pytest.mark.django_db
def test_the_openapi_document_is_valid(client: Client) -> None:
    validate(client.get(f"{API}/openapi.json").json())


@pytest.mark.django_db
def test_the_open_data_page_gives_the_licence_and_examples(client: Client) -> None:
    html = client.get("/en/open-data/").text
    assert "CC BY 4.0" in html
    assert "/api/v1/methods/?age=7&amp;group=effective" in html


# The registry's version (methods.search.registry), the page's methods and their contacts;
# the list, its length, its order and the methods' terms come from the facet index
# (methods.facets), as on the list page.
API_LIST_QUERIES = 3
# After a change the facet terms (methods.filters) and the facet index are read again.
API_LIST_QUERIES_AFTER_A_CHANGE = API_LIST_QUERIES + 6


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.django_db
def test_the_api_list_makes_a_fixed_number_of_queries(
    client: Client, make_method, django_assert_num_queries, count
) -> None:
    for number in range(count):
        make_method(topics=["anxiety"], rating="3of5" if number < 2 else None)
    client.get(f"{API}/methods/")  # reads the facet index of this version of the registry
    with django_assert_num_queries(API_LIST_QUERIES):
        client.get(f"{API}/methods/", {"topic": "anxiety", "page_size": 100})


@pytest.mark.django_db
def test_the_api_list_after_a_change_reads_the_facet_index_once(
    client: Client, make_method, django_assert_num_queries
) -> None:
    client.get(f"{API}/methods/")
    make_method(topics=["anxiety"], rating="3of5")
    with django_assert_num_queries(API_LIST_QUERIES_AFTER_A_CHANGE):
        client.get(f"{API}/methods/", {"topic": "anxiety"})


@pytest.mark.django_db
def test_the_api_lists_by_slug_unless_sorted(client: Client, make_method) -> None:
    make_method(slug="b-first-by-name", name_en="A method")
    make_method(slug="a-last-by-name", name_en="Z method")
    assert slugs(client.get(f"{API}/methods/")) == ["a-last-by-name", "b-first-by-name"]
    by_name = client.get(f"{API}/methods/", {"sort": "name"})
    assert slugs(by_name) == ["b-first-by-name", "a-last-by-name"]


@pytest.mark.django_db
def test_the_api_pages_in_the_same_order_as_it_counts(client: Client, make_method) -> None:
    for number in range(5):
        make_method(slug=f"method-{number}", topics=["anxiety"])
    pages = [
        client.get(f"{API}/methods/", {"topic": "anxiety", "page_size": 2, "page": page}).json()
        for page in (1, 2, 3)
    ]
    assert [page["count"] for page in pages] == [5, 5, 5]
    listed = [record["slug"] for page in pages for record in page["results"]]
    assert listed == [f"method-{number}" for number in range(5)]


API_EVALUATION_LIST_QUERIES = 9


@pytest.mark.parametrize("count", [1, 4])
@pytest.mark.django_db
def test_the_evaluation_list_makes_a_fixed_number_of_queries(
    client: Client, make_method, django_assert_num_queries, count
) -> None:
    for _ in range(count):
        make_method(rating="4of5")
    with django_assert_num_queries(API_EVALUATION_LIST_QUERIES):
        client.get(f"{API}/evaluations/")


CLASSIFIED = {
    "topics": ["depression", "anxiety"],
    "target_groups": ["youth", "parents"],
    "service_settings": ["primary_school"],
    "delivery_formats": ["group"],
    "care_levels": ["early_support"],
    "training_languages": ["sv", "fi"],
}


@pytest.mark.django_db
def test_a_records_terms_from_the_index_are_those_in_the_database(make_method) -> None:
    method = make_method(**CLASSIFIED)
    assert records.term_codes_of(method, facet_index()) == {
        relation: sorted(codes) for relation, codes in CLASSIFIED.items()
    }


@pytest.mark.django_db
def test_a_method_the_index_does_not_hold_yet_has_its_terms_read_from_the_database(
    make_method,
) -> None:
    method = make_method(**CLASSIFIED)

    class IndexWithoutIt:
        def codes_of(self, method_id: int) -> None:
            return None

    codes = records.term_codes_of(method, IndexWithoutIt())  # type: ignore[arg-type]
    assert codes["topics"] == ["anxiety", "depression"]


@pytest.mark.django_db
def test_a_records_page_addresses_follow_the_script_prefix(make_method, settings) -> None:
    settings.SITE_URL = ""
    method = make_method(slug="x")
    assert records.page_urls(method, None)["sv"] == "/sv/metoder/x/"
    set_script_prefix("/kasvuntuki/")
    try:
        urls = records.page_urls(method, None)
    finally:
        set_script_prefix("/")
    assert urls == {
        "fi": "/kasvuntuki/menetelmat/x/",
        "sv": "/kasvuntuki/sv/metoder/x/",
        "en": "/kasvuntuki/en/methods/x/",
    }
