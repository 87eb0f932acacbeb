import re

import pytest
from django.test import Client


def switcher_links(html: str) -> dict[str, str]:
    nav = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return {lang: url for url, lang in re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav)}


@pytest.mark.parametrize(
    ("url", "lang"),
    [
        ("/", "fi"),
        ("/sv/", "sv"),
        ("/en/", "en"),
        ("/menetelmat/", "fi"),
        ("/sv/metoder/", "sv"),
        ("/en/methods/", "en"),
        ("/arviointiasteikko/", "fi"),
        ("/sv/om-bedomningarna/", "sv"),
        ("/en/about-the-ratings/", "en"),
    ],
)
@pytest.mark.django_db
def test_each_language_has_its_own_translated_address(client: Client, url, lang) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_page_and_its_filters(client: Client) -> None:
    html = client.get("/menetelmat/?topic=depression&age=7").text
    assert switcher_links(html) == {
        "fi": "/menetelmat/?topic=depression&amp;age=7",
        "sv": "/sv/metoder/?topic=depression&amp;age=7",
        "en": "/en/methods/?topic=depression&amp;age=7",
    }


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_method(client: Client, make_method) -> None:
    make_method(slug="voima")
    links = switcher_links(client.get("/sv/metoder/voima/").text)
    assert links["fi"] == "/menetelmat/voima/"
    assert links["en"] == "/en/methods/voima/"


@pytest.mark.django_db
def test_every_page_lists_its_hreflang_alternates(client: Client) -> None:
    html = client.get("/en/methods/").text
    for lang, path in [("fi", "/menetelmat/"), ("sv", "/sv/metoder/"), ("en", "/en/methods/")]:
        assert f'<link rel="alternate" hreflang="{lang}" href="http://testserver{path}">' in html


@pytest.mark.django_db
def test_interface_strings_are_translated_into_swedish(client: Client) -> None:
    html = client.get("/sv/metoder/").text
    assert "Metoder" in html
    assert "Målgrupp" in html


@pytest.mark.django_db
def test_vocabulary_labels_follow_the_page_language(client: Client, make_method) -> None:
    make_method(slug="voima", topics=["depression", "bullying"])
    assert "Mobbning" in client.get("/sv/metoder/voima/").text
    assert "Kiusaaminen" in client.get("/menetelmat/voima/").text


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_search_words_encoded(client: Client) -> None:
    html = client.get("/menetelmat/", {"q": 'ahdistus & "pelko" <b>'}).text
    assert switcher_links(html)["sv"] == "/sv/metoder/?q=ahdistus+%26+%22pelko%22+%3Cb%3E"
