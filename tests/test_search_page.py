"""What the method list says about a search: the concept and language it understood, the
ages and groups it took as filters, and the truth when nothing matches; bad input."""

import pytest
from django.test import Client
from django.utils.html import escape

LIST_URL = "/en/methods/"


@pytest.fixture
def anxiety_method(make_indexed):
    return make_indexed(
        slug="cool-kids",
        name_en="Cool Kids",
        summary_en="Help for anxious children.",
        topics=["anxiety"],
        target_groups=["youth"],
        age_min=7,
        age_max=17,
    )


def slugs(response) -> list[str]:
    return [method.slug for method in response.context["page"].object_list]


@pytest.mark.django_db
def test_the_page_names_the_concept_it_understood(client: Client, anxiety_method) -> None:
    html = client.get(LIST_URL, {"q": "worry"}).text
    assert "Showing methods for the topic “Anxiety, worry, stress”" in html


@pytest.mark.django_db
def test_one_click_searches_the_words_literally(client: Client, anxiety_method) -> None:
    listing = client.get(LIST_URL, {"q": "worry"}).context["listing"]
    assert listing.literal_url == f"{LIST_URL}?q=%22worry%22"
    assert f'href="{escape(listing.literal_url)}"' in client.get(LIST_URL, {"q": "worry"}).text


@pytest.mark.django_db
def test_a_literal_search_names_no_concept(client: Client, anxiety_method) -> None:
    response = client.get(LIST_URL, {"q": '"worry"'})
    assert response.context["listing"].understood == []
    assert "Showing methods for" not in response.text


@pytest.mark.django_db
def test_the_page_says_a_query_was_read_in_another_language(client: Client, anxiety_method) -> None:
    response = client.get(LIST_URL, {"q": "ahdistus"})
    assert slugs(response) == ["cool-kids"]
    assert "The search words were read as Finnish." in response.text


@pytest.mark.django_db
def test_a_query_in_the_pages_language_gets_no_language_note(
    client: Client, anxiety_method
) -> None:
    assert "The search words were read as" not in client.get(LIST_URL, {"q": "worry"}).text


@pytest.mark.django_db
def test_an_age_in_the_query_is_a_chip_that_removes_it_from_the_query(
    client: Client, anxiety_method
) -> None:
    listing = client.get(LIST_URL, {"q": "anxiety 7 year old"}).context["listing"]
    chip = next(chip for chip in listing.chips if chip.name == "age")
    assert chip.label == "Child's age: 7"
    assert chip.url == f"{LIST_URL}?q=anxiety"


@pytest.mark.django_db
def test_a_group_in_the_query_is_a_chip_that_removes_it_from_the_query(
    client: Client, anxiety_method
) -> None:
    listing = client.get(LIST_URL, {"q": "teenagers anxiety"}).context["listing"]
    chip = next(chip for chip in listing.chips if chip.name == "target_group")
    assert chip.url == f"{LIST_URL}?q=anxiety"


@pytest.mark.django_db
def test_a_problem_without_methods_says_none_yet_and_links_the_proposal_form(
    client: Client, anxiety_method
) -> None:
    response = client.get(LIST_URL, {"q": "ADHD"})
    assert slugs(response) == []
    assert "The registry has no method for “ADHD” yet." in response.text
    assert 'href="/en/propose/"' in response.text


@pytest.mark.django_db
def test_a_concept_without_methods_says_none_yet(client: Client, anxiety_method) -> None:
    response = client.get(LIST_URL, {"q": "self-esteem"})
    assert response.context["listing"].has_none_yet


@pytest.mark.django_db
def test_a_concept_with_methods_is_not_none_yet_when_other_words_found_nothing(
    client: Client, anxiety_method
) -> None:
    listing = client.get(LIST_URL, {"q": "anxiety xylophone"}).context["listing"]
    assert not listing.has_none_yet


@pytest.mark.django_db
def test_nothing_found_shows_the_nearest_concepts(client: Client, anxiety_method) -> None:
    listing = client.get(LIST_URL, {"q": "bulying"}).context["listing"]
    assert [concept.label for concept in listing.nearest_concepts] == ["Bullying"]


@pytest.mark.django_db
def test_nothing_found_shows_the_filters_that_would_give_results(
    client: Client, anxiety_method
) -> None:
    response = client.get(LIST_URL, {"q": "anxiety", "age": "3"})
    assert slugs(response) == []
    assert "Without “Child&#x27;s age”: 1 method" in response.text


@pytest.mark.django_db
def test_a_generic_word_alone_is_too_general(client: Client, anxiety_method) -> None:
    response = client.get(LIST_URL, {"q": "program"})
    assert slugs(response) == []
    assert "“program” is too general to search for by itself." in response.text
    assert not response.context["listing"].has_none_yet


@pytest.mark.django_db
def test_a_query_of_stop_words_shows_all_methods_and_says_why(
    client: Client, anxiety_method
) -> None:
    response = client.get(LIST_URL, {"q": "and the"})
    assert slugs(response) == ["cool-kids"]
    assert "“and the” has no words to search for, so all methods are shown." in response.text


@pytest.mark.parametrize(
    "query",
    [
        "ja tai sekä",
        "and or the",
        "?!.,;:-",
        "😀🙂🎉",
        "a" * 200,
        "ahdistus тревога 焦虑 قلق",
        "'; DROP TABLE methods_method; --",
        "1 OR 1=1",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "&amp; &lt;",
    ],
)
@pytest.mark.django_db
def test_bad_input_gives_a_clear_page_that_echoes_it_escaped(
    client: Client, anxiety_method, query: str
) -> None:
    response = client.get(LIST_URL, {"q": query})
    assert response.status_code == 200
    assert "results-heading" in response.text
    assert escape(query) in response.text
    if escape(query) != query:
        assert query not in response.text


@pytest.mark.django_db
def test_a_finnish_query_finds_on_the_swedish_page(client: Client, anxiety_method) -> None:
    response = client.get("/sv/metoder/", {"q": "ahdistuneisuushäiriö"})
    assert slugs(response) == ["cool-kids"]


@pytest.mark.django_db
def test_the_understood_concept_is_said_in_finnish_and_swedish(
    client: Client, anxiety_method
) -> None:
    finnish = client.get("/menetelmat/", {"q": "ahdistus"}).text
    swedish = client.get("/sv/metoder/", {"q": "ångest"}).text
    assert "Näytetään menetelmät, joiden ilmiö on ”Ahdistus, huoli, stressi”" in finnish
    assert "Visar metoder där fenomen är ”Ångest, oro, stress”" in swedish
