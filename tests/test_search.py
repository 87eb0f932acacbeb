"""Search on the method list: matching, ranking, highlighting, corrections, bad input."""

import sys

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from methods.models import Method, Term
from methods.search import highlight, index_methods, morphology, registry
from methods.search.query import form_index
from methods.search.registry import registry_version
from methods.templatetags import registry as template_tags

from .admin_forms import change_form_data
from .conftest import client_for

LIST_URL = "/en/methods/"


def slugs(response) -> list[str]:
    return [method.slug for method in response.context["page"].object_list]


@pytest.mark.django_db
def test_inflected_finnish_finds_the_base_form(client: Client, make_indexed) -> None:
    make_indexed(slug="a", summary_fi="Menetelmä masennuksen hoitoon.")
    make_indexed(slug="b", summary_fi="Menetelmä kiusaamiseen.")
    assert slugs(client.get("/menetelmat/", {"q": "masennusta"})) == ["a"]


@pytest.mark.django_db
def test_a_search_combines_with_filters(client: Client, make_indexed) -> None:
    make_indexed(slug="young", summary_en="Help with worry.", age_min=12, age_max=17)
    make_indexed(slug="small", summary_en="Help with worry.", age_min=3, age_max=6)
    assert slugs(client.get(LIST_URL, {"q": "worry", "age": 14})) == ["young"]


@pytest.mark.django_db
def test_name_matches_come_first(client: Client, make_indexed) -> None:
    make_indexed(slug="a-in-summary", name_en="Aardvark", summary_en="A compass for life.")
    make_indexed(slug="z-in-name", name_en="Zebra Compass", summary_en="Something else.")
    assert slugs(client.get(LIST_URL, {"q": "compass"})) == ["z-in-name", "a-in-summary"]


@pytest.mark.django_db
def test_the_matched_words_are_highlighted(client: Client, make_indexed) -> None:
    make_indexed(slug="a", name_fi="Testi", summary_fi="Apua masennukseen <b>nyt</b>.")
    html = client.get("/menetelmat/", {"q": "masennus"}).text
    assert "Apua <mark>masennukseen</mark> &lt;b&gt;nyt&lt;/b&gt;." in html


@pytest.mark.django_db
def test_a_misspelt_word_is_corrected_and_the_page_says_so(client: Client, make_indexed) -> None:
    make_indexed(slug="a", summary_fi="Masennuksen hoito.")
    response = client.get("/menetelmat/", {"q": "masenus"})
    assert slugs(response) == ["a"]
    assert response.context["listing"].corrections == {"masenus": "masennus"}
    assert "<del>masenus</del> <ins>masennus</ins>" in response.text


@pytest.mark.django_db
def test_nothing_found_suggests_the_nearest_method_name(client: Client, make_indexed) -> None:
    make_indexed(slug="kompassi", name_en="Youth Compass")
    response = client.get(LIST_URL, {"q": "Youth Compess xyz"})
    assert slugs(response) == []
    assert response.context["listing"].suggestion.slug == "kompassi"


@pytest.mark.django_db
def test_a_swedish_page_also_searches_the_finnish_text_it_falls_back_to(
    client: Client, make_indexed
) -> None:
    make_indexed(slug="a", summary_fi="Kiusaamisen ehkäisy.", summary_sv="")
    assert slugs(client.get("/sv/metoder/", {"q": "kiusaaminen"})) == ["a"]


@pytest.mark.django_db
def test_an_edit_in_admin_is_searchable_at_once(make_indexed, editor) -> None:
    method = make_indexed(slug="a", summary_fi="Vanha teksti.")
    client = client_for(editor)
    url = f"/admin/methods/method/{method.pk}/change/"
    data = change_form_data(client.get(url))
    data["summary_fi"] = "Uusi teksti ahdistuksesta."
    assert client.post(url, data).status_code == 302
    assert slugs(Client().get("/menetelmat/", {"q": "ahdistus"})) == ["a"]


@pytest.mark.django_db
def test_a_renamed_topic_label_is_searchable_at_once(make_indexed, editor) -> None:
    make_indexed(slug="a", topics=["bullying"])
    term = Term.objects.get(vocabulary="topic", code="bullying")
    client = client_for(editor)
    url = f"/admin/methods/term/{term.pk}/change/"
    data = change_form_data(client.get(url))
    data["label_en"] = "Harassment at school"
    assert client.post(url, data).status_code == 302
    assert slugs(Client().get(LIST_URL, {"q": "harassment"})) == ["a"]


@pytest.mark.parametrize(
    "query",
    [
        '"masennus"',
        "&|!:*()",
        "masennus & | ! : * ( )",
        "'; DROP TABLE methods_method; --",
        "% _ \\",
        "😀 masennus 🙂",
        "a\x00b",
        "x" * 10_000,
        " ".join(["sana"] * 500),
        "ä",
    ],
)
@pytest.mark.django_db
def test_any_search_string_gives_results_or_a_message(client: Client, make_indexed, query) -> None:
    make_indexed(slug="a", summary_fi="Masennus.")
    response = client.get("/menetelmat/", {"q": query})
    assert response.status_code == 200


def _search_queries(client: Client, django_assert_num_queries, expected: int) -> None:
    client.get("/menetelmat/", {"q": "other words"})  # the search loads what it knows
    with django_assert_num_queries(expected):
        client.get("/menetelmat/", {"q": "masennus", "topic": "depression"})


# The list page's two: the search is answered by the facet index, which holds the index of
# the documents' forms (methods.search.postings). One of them asks whether the registry
# changed (methods.search.registry).
SEARCH_PAGE_QUERIES = 2
# The terms (the concepts are the facets' terms), the facet index's five queries and the
# search documents for the index of their forms (methods.facets).
SEARCH_PAGE_QUERIES_AFTER_A_CHANGE = SEARCH_PAGE_QUERIES + 1 + 5 + 1


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.django_db
def test_a_search_makes_a_fixed_number_of_queries(
    client: Client, make_indexed, django_assert_num_queries, count
) -> None:
    for _ in range(count):
        make_indexed(summary_fi="Masennuksen hoito.", topics=["depression"])
    _search_queries(client, django_assert_num_queries, SEARCH_PAGE_QUERIES)


@pytest.mark.django_db
def test_a_search_after_a_change_loads_the_terms_and_the_index_once(
    client: Client, make_indexed, django_assert_num_queries
) -> None:
    make_indexed(summary_fi="Masennuksen hoito.", topics=["depression"])
    with django_assert_num_queries(SEARCH_PAGE_QUERIES_AFTER_A_CHANGE):
        client.get("/menetelmat/", {"q": "masennus", "topic": "depression"})


@pytest.fixture
def unpublished_words(make_indexed) -> list[str]:
    """Methods the public must not see, each with a word of its own: a draft, the draft an
    accepted proposal creates (evaluations.workflow), and a withdrawn method."""
    make_indexed(slug="draft", name_en="Zanzibar Compass", is_published=False)
    accepted = Method.objects.create(
        slug="proposed", name="Quokka", name_fi="Quokkaterapia", age_min=0, age_max=17
    )
    index_methods([accepted])
    withdrawn = make_indexed(slug="withdrawn", name_en="Xylophone Club")
    withdrawn.is_published = False
    withdrawn.save()
    index_methods([withdrawn])
    make_indexed(slug="public", name_en="Youth Compass", summary_fi="Masennuksen hoito.")
    return ["zanzibar", "quokkaterapia", "xylophone"]


@pytest.mark.parametrize("misspelt", ["zanzibr", "quokaterapia", "xylophon"])
@pytest.mark.django_db
def test_no_word_of_an_unpublished_method_is_suggested(
    client: Client, unpublished_words, misspelt
) -> None:
    for url in ("/menetelmat/", LIST_URL):
        response = client.get(url, {"q": misspelt})
        listing = response.context["listing"]
        assert slugs(response) == []
        assert listing.corrections == {}
        assert listing.suggestion is None
        assert not any(word in response.text.lower() for word in unpublished_words)


@pytest.mark.django_db
def test_the_correction_vocabulary_holds_published_words_only(unpublished_words) -> None:
    forms = set().union(*form_index().vocabulary.values())
    assert "compass" in forms
    assert not forms & set(unpublished_words)


def test_finnish_search_without_voikko_stops_with_the_packages_to_install(monkeypatch) -> None:
    monkeypatch.setattr(morphology, "_voikko", None)
    monkeypatch.setitem(sys.modules, "libvoikko", None)  # import libvoikko fails
    with pytest.raises(morphology.VoikkoMissing, match="libvoikko1 and voikko-fi"):
        morphology.voikko()


@pytest.mark.django_db
def test_deleting_a_method_takes_its_words_out_of_the_corrections(
    client: Client, make_indexed
) -> None:
    depression = make_indexed(slug="a", summary_fi="Masennuksen hoito.")
    make_indexed(slug="b", summary_fi="Ahdistuksen hoito.")
    corrected = client.get("/menetelmat/", {"q": "masenus"}).context["listing"].corrections
    assert corrected == {"masenus": "masennus"}
    depression.delete()
    assert client.get("/menetelmat/", {"q": "masenus"}).context["listing"].corrections == {}


@pytest.mark.django_db
def test_the_registry_version_changes_with_a_write_that_sends_no_signal(vocabularies) -> None:
    before = registry_version()
    Term.objects.bulk_create([Term(vocabulary="topic", code="uusi", label="Uusi", position=99)])
    assert registry_version() != before


@pytest.fixture
def during_a_request():
    """Between a request's start and end signals, as the test client sends them (without
    closing the test's database connection)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    yield
    request_finished.send(sender=None)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_a_request_reads_the_registry_version_once(
    make_method, during_a_request, monkeypatch
) -> None:
    make_method()
    shared_reads = []
    read_shared = registry.registry_data_version
    monkeypatch.setattr(
        registry, "registry_data_version", lambda: shared_reads.append(1) or read_shared()
    )
    first = registry_version()
    with CaptureQueriesContext(connection) as queries:
        assert registry_version() == first
    assert (len(queries), len(shared_reads)) == (0, 1)


@pytest.mark.django_db
def test_a_request_that_writes_sees_its_own_change(make_method, during_a_request) -> None:
    method = make_method()
    before = registry_version()
    method.save()
    assert registry_version() != before


@pytest.mark.django_db
def test_a_search_pages_its_matches_in_rank_order(client: Client, make_indexed) -> None:
    make_indexed(slug="in-name", name_fi="Masennuskoulu", summary_fi="Ryhmä.")
    for number in range(24):
        make_indexed(
            slug=f"m-{number:02}", name_fi=f"Menetelmä {number:02}", summary_fi="Masennus."
        )
    first = client.get("/menetelmat/", {"q": "masennus"}).context["page"]
    second = client.get("/menetelmat/", {"q": "masennus", "page": 2}).context["page"]
    assert first[0].slug == "in-name"
    assert [m.slug for m in second] == [f"m-{number:02}" for number in range(19, 24)]


def test_a_number_in_a_text_is_highlighted_without_asking_the_lemmatisers(monkeypatch) -> None:
    asked = []
    forms_of = highlight.index_forms
    monkeypatch.setattr(
        highlight,
        "index_forms",
        lambda word, language: asked.append(word) or forms_of(word, language),
    )
    matched = highlight.MatchedWords({"4711"})
    html = template_tags.highlighted("Kurssi 4711 ja 12 tapaamista", matched)
    assert html == "Kurssi <mark>4711</mark> ja 12 tapaamista"
    assert "4711" not in asked and "12" not in asked
