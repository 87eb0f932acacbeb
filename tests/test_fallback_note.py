"""A page whose texts fall back to Finnish says so once, and keeps headings and links clean."""

import pytest
from django.test import Client

NOTE = "Finns inte på svenska; visas på finska."


@pytest.mark.django_db
def test_a_method_page_without_swedish_texts_says_so_once(client: Client, make_method) -> None:
    make_method(
        slug="voima",
        name_fi="Voima",
        summary_fi="Tiivistelmä.",
        aims_fi="Tavoitteet.",
        description_fi="Sisältö.",
        training_fi="Koulutus.",
    )
    page = client.get("/sv/metoder/voima/").text
    assert page.count(NOTE) == 1


@pytest.mark.django_db
def test_the_heading_and_link_names_carry_no_note(client: Client, make_method) -> None:
    make_method(slug="voima", name_fi="Voima", summary_fi="Tiivistelmä.")
    page = client.get("/sv/metoder/voima/").text
    heading = page[page.index("<h1>") : page.index("</h1>")]
    assert heading.strip() == '<h1><span lang="fi">Voima</span>'
    listing = client.get("/sv/metoder/").text
    assert listing.count(NOTE) == 1
    assert '<a href="/sv/metoder/voima/"><span lang="fi">Voima</span></a>' in listing


@pytest.mark.django_db
def test_the_finnish_page_never_shows_the_note(client: Client, make_method) -> None:
    make_method(slug="voima", summary_fi="Tiivistelmä.")
    assert "shown in Finnish" not in client.get("/menetelmat/voima/").text
