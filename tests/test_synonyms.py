"""Synonyms of the vocabulary terms: demo data for every term in three languages, kept by
editors in admin, and searchable as soon as they are saved."""

import pytest
from django.test import Client

from lib.languages import LANGUAGES
from methods.demo_data import read_csv, read_synonyms
from methods.models import Term
from methods.search import index_methods

from .admin_forms import change_form_data
from .conftest import client_for


def test_the_demo_synonyms_cover_every_term_in_three_languages() -> None:
    terms = {(row["vocabulary"], row["code"]) for row in read_csv("vocabularies.csv")}
    synonyms = read_synonyms()
    assert set(synonyms) == terms
    for key, by_language in synonyms.items():
        for language in LANGUAGES:
            assert by_language[language].strip(), (key, language)


@pytest.mark.django_db
def test_the_demo_loader_writes_the_synonyms_one_per_line(vocabularies) -> None:
    anxiety = Term.objects.get(vocabulary="topic", code="anxiety")
    assert "ahdistuneisuus" in anxiety.synonyms_fi.splitlines()
    assert "ångest" in anxiety.synonyms_sv.splitlines()
    assert "anxious" in anxiety.synonyms_en.splitlines()


@pytest.mark.django_db
def test_the_term_admin_edits_synonyms_in_three_languages(editor, vocabularies) -> None:
    term = Term.objects.get(vocabulary="topic", code="bullying")
    response = client_for(editor).get(f"/admin/methods/term/{term.pk}/change/")
    for language in LANGUAGES:
        assert f'name="synonyms_{language}"' in response.text


@pytest.mark.django_db
def test_a_synonym_saved_in_admin_finds_the_terms_methods_at_once(editor, make_method) -> None:
    index_methods([make_method(slug="a", name_en="Safe School", topics=["bullying"])])
    assert not Client().get("/en/methods/", {"q": "ragging"}).context["page"].object_list
    term = Term.objects.get(vocabulary="topic", code="bullying")
    client = client_for(editor)
    url = f"/admin/methods/term/{term.pk}/change/"
    data = change_form_data(client.get(url))
    data["synonyms_en"] = f"{data['synonyms_en']}\nragging"
    assert client.post(url, data).status_code == 302
    page = Client().get("/en/methods/", {"q": "ragging"}).context["page"]
    assert [method.slug for method in page.object_list] == ["a"]
