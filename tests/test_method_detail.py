from datetime import date

import pytest
from django.test import Client

from evaluations.workflow import start_update
from methods import facets
from methods.models import Contact, Organisation, Term
from methods.search import registry
from tests.evaluation_factories import publish_evaluation_with_level


@pytest.mark.django_db
def test_it_shows_the_method_in_finnish(client: Client, make_method) -> None:
    make_method(slug="voima", name_fi="Voimaperheet", summary_fi="Perheille etänä.")
    response = client.get("/menetelmat/voima/")
    assert response.status_code == 200
    assert "Voimaperheet" in response.text
    assert "Perheille etänä." in response.text


@pytest.mark.django_db
def test_it_shows_the_rating_as_level_over_scale_with_its_label(
    client: Client, make_method
) -> None:
    make_method(slug="voima", rating="4of5")
    response = client.get("/menetelmat/voima/")
    assert "4/5" in response.text
    assert "Kohtalainen dokumentoitu näyttö" in response.text


@pytest.mark.django_db
def test_it_shows_the_summary_and_manual_of_the_current_evaluation(
    client: Client, make_method
) -> None:
    method = make_method(slug="voima", rating="4of5")
    evaluation = method.current_evaluation()
    evaluation.summary_en = "Two Finnish trials show fewer behaviour problems."
    evaluation.save()
    text = client.get("/en/methods/voima/").text
    assert "Two Finnish trials show fewer behaviour problems." in text
    assert "Criteria manual 2022" in text


@pytest.mark.django_db
def test_an_old_rating_keeps_its_own_scale(client: Client, make_method) -> None:
    make_method(slug="kiva", rating="3of3")
    response = client.get("/en/methods/kiva/")
    assert "3/3" in response.text
    assert "Rating scale 0–3" in response.text


@pytest.mark.django_db
def test_a_method_without_a_published_evaluation_says_it_is_not_yet_evaluated(
    client: Client, make_method
) -> None:
    make_method(slug="uusi")
    response = client.get("/en/methods/uusi/")
    assert "Not yet evaluated" in response.text
    assert "/5" not in response.text


@pytest.mark.django_db
def test_it_links_to_the_explanation_of_the_scale(client: Client, make_method) -> None:
    make_method(slug="voima")
    assert 'href="/en/about-the-ratings/"' in client.get("/en/methods/voima/").text


@pytest.mark.django_db
def test_it_shows_classification_training_owner_and_contacts(client: Client, make_method) -> None:
    owner = Organisation.objects.create(slug="mieli", name_fi="MIELI ry", name_en="MIELI")
    method = make_method(
        slug="voima",
        owner=owner,
        age_min=3,
        age_max=5,
        topics=["conduct"],
        training_languages=["sv"],
        training_en="Two days of training.",
        website="https://example.org/voima",
    )
    Contact.objects.create(method=method, name="Anna Esimerkki", email="anna@example.org")
    text = Client().get("/en/methods/voima/").text
    for expected in [
        "3–5 years",
        "Behavioural problems and disorders",
        "Swedish",
        "Two days of training.",
        "MIELI",
        "https://example.org/voima",
        "anna@example.org",
    ]:
        assert expected in text


@pytest.mark.django_db
def test_a_missing_translation_falls_back_to_finnish_with_a_visible_note(
    client: Client, make_method
) -> None:
    make_method(slug="voima", summary_fi="Suomeksi kirjoitettu tiivistelmä.", summary_en="")
    text = client.get("/en/methods/voima/").text
    assert "Suomeksi kirjoitettu tiivistelmä." in text
    assert "Not available in English; shown in Finnish." in text
    assert '<div lang="fi">' in text


@pytest.mark.django_db
def test_a_translated_text_has_no_fallback_note(client: Client, make_method) -> None:
    make_method(
        slug="voima", name_en="Strength", summary_fi="Tiivistelmä.", summary_en="A summary."
    )
    text = client.get("/en/methods/voima/").text
    assert "A summary." in text
    assert "Not available in English" not in text


@pytest.mark.django_db
def test_a_long_text_is_shown_as_escaped_paragraphs(client: Client, make_method) -> None:
    make_method(slug="voima", description_en="First <b>part</b>.\n\nSecond part.")
    text = client.get("/en/methods/voima/").text
    assert "<div><p>First &lt;b&gt;part&lt;/b&gt;.</p>\n\n<p>Second part.</p></div>" in text


@pytest.mark.django_db
def test_a_long_text_in_finnish_on_an_english_page_says_its_language(
    client: Client, make_method
) -> None:
    make_method(slug="voima", description_fi="Ensimmäinen osa.")
    text = client.get("/en/methods/voima/").text
    assert '<div lang="fi"><p>Ensimmäinen osa.</p></div>' in text


@pytest.mark.django_db
def test_an_unknown_method_gives_a_translated_404(client: Client) -> None:
    response = client.get("/en/methods/no-such-method/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert '<html lang="en">' in response.text


@pytest.mark.django_db
def test_an_unknown_method_gives_a_finnish_404_at_the_root(client: Client) -> None:
    response = client.get("/menetelmat/ei-ole/")
    assert response.status_code == 404
    assert '<html lang="fi">' in response.text


@pytest.mark.django_db
def test_an_unpublished_method_is_not_found(client: Client, make_method) -> None:
    make_method(slug="luonnos", is_published=False)
    assert client.get("/menetelmat/luonnos/").status_code == 404


# With this version of the facet index in the process (one that has not read it yet reads it
# first: methods.facets): the registry's version (the six vocabularies come from the index),
# the method, the contacts, all its evaluations (the shown one, the rating history and "an
# update under way"), the answers with the ids of the studies they rest on, the screened
# studies, the evaluators' and peer reviewers' names (one query), and every region with the
# method's adoption there.
DETAIL_PAGE_QUERIES = 8


@pytest.mark.django_db
def test_the_method_page_makes_a_fixed_number_of_queries(
    client: Client, make_method, django_assert_num_queries
) -> None:
    method = make_method(
        slug="voima",
        topics=["conduct", "parenting"],
        target_groups=["parents"],
        service_settings=["ecec"],
        rating="4of5",
    )
    for number in range(3):
        Contact.objects.create(method=method, name=f"Yhteyshenkilö {number}")
    client.get("/menetelmat/")  # reads the facet index of this version of the registry
    with django_assert_num_queries(DETAIL_PAGE_QUERIES):
        client.get("/menetelmat/voima/")


@pytest.mark.django_db
def test_with_no_index_kept_the_method_page_reads_its_terms_instead_of_building_one(
    client: Client, make_method, django_assert_num_queries
) -> None:
    make_method(slug="voima", topics=["conduct"], rating="4of5")
    registry.forget(shared=True)  # a process after the shared cache was emptied
    with django_assert_num_queries(DETAIL_PAGE_QUERIES + 1):  # the terms, in one query
        response = client.get("/en/methods/voima/")
    assert Term.objects.get(code="conduct").label_en in response.text


@pytest.mark.django_db
def test_the_method_page_shows_its_own_terms_in_the_terms_order(
    client: Client, make_method
) -> None:
    make_method(slug="voima", topics=["parenting", "conduct"], target_groups=["parents"])
    make_method(slug="muu", topics=["anxiety"])
    client.get("/menetelmat/")  # the index is read before the page, as it usually is
    html = client.get("/en/methods/voima/").text
    labels = {term.code: term.label_en for term in Term.objects.all()}
    ordered = sorted(
        ["parenting", "conduct"], key=lambda code: Term.objects.get(code=code).position
    )
    first, second = (labels[code] for code in ordered)
    assert html.index(first) < html.index(second)
    assert labels["parents"] in html and labels["anxiety"] not in html


@pytest.mark.django_db
def test_a_method_the_index_does_not_hold_has_its_terms_read_from_the_database(
    make_method, monkeypatch
) -> None:
    index = facets.facet_index()  # read before the method was published
    method = make_method(slug="uusi", topics=["anxiety"])
    monkeypatch.setattr(facets.facet_index, "if_kept", lambda: index)
    facets.with_terms_from_index([method])
    assert [term.code for term in method.topics.all()] == ["anxiety"]


@pytest.mark.django_db
def test_it_shows_the_criteria_met_by_area_and_the_studies(client: Client, make_method) -> None:
    make_method(slug="voima", rating="4of5")
    text = client.get("/en/methods/voima/").text
    assert "Method description" in text
    assert "Implementation readiness" in text
    assert "Test record: a Finnish randomised controlled trial" in text


@pytest.mark.django_db
def test_evaluators_names_are_shown_unless_they_chose_anonymity(
    client: Client, make_method
) -> None:
    method = make_method(slug="voima", rating="2of5")
    assert "Aino Arvioitsija" in client.get("/en/methods/voima/").text
    evaluation = method.current_evaluation()
    evaluation.show_names = False
    evaluation.save()
    assert "Aino Arvioitsija" not in client.get("/en/methods/voima/").text


@pytest.mark.django_db
def test_it_tells_how_to_cite_this_version(client: Client, make_method) -> None:
    make_method(slug="voima", name_en="Strength", rating="2of5", rated_on=date(2025, 3, 24))
    text = client.get("/en/methods/voima/").text
    assert "Kasvun tuki. Strength: evaluation, version 1. Published 24.3.2025." in text


@pytest.mark.django_db
def test_the_rating_history_lists_published_versions_only(
    client: Client, make_method, editor
) -> None:
    method = make_method(slug="voima", rating="2of5", rated_on=date(2024, 1, 1))
    publish_evaluation_with_level(method, "1-5", 3, version=2, on=date(2026, 1, 1))
    start_update(method, by=editor)  # version 3, in progress: not public
    history = Client().get("/en/methods/voima/").context["rating_history"]
    versions = [evaluation.version for evaluation in history]
    assert versions == [2, 1]


@pytest.mark.django_db
def test_an_update_under_way_shows_nothing_of_its_draft(
    client: Client, make_method, editor
) -> None:
    method = make_method(slug="voima", rating="2of5")
    draft = start_update(method, by=editor)
    draft.summary_fi = "Luonnos, ei julkinen."
    draft.save()
    draft.answers.update(justification="Salainen perustelu.")
    text = client.get("/menetelmat/voima/").text
    assert "Luonnos, ei julkinen." not in text
    assert "Salainen perustelu." not in text


# The demo's evaluations, as the public reads them.


@pytest.mark.django_db
def test_a_strong_rating_lists_the_studies_it_rests_on(client: Client, demo) -> None:
    text = client.get("/en/methods/voimaperheet/").text
    assert "5/5" in text
    assert "Sourander (2016). Internet-Assisted Parent Training Intervention" in text
    assert "Sourander (2022). Effectiveness of an Internet-Based" in text
    assert 'href="https://doi.org/10.1001/jamapsychiatry.2015.3411"' in text


@pytest.mark.django_db
def test_the_page_shows_the_evaluators_justification_in_the_pages_language(
    client: Client, demo
) -> None:
    swedish = client.get("/sv/metoder/voimaperheet/").text
    assert "En finländsk randomiserad studie (Sourander 2016, 464 familjer)" in swedish
    assert "Suomalainen satunnaistettu tutkimus (Sourander 2016" not in swedish


@pytest.mark.django_db
def test_a_justification_not_in_english_is_shown_in_finnish_with_a_note(
    client: Client, demo
) -> None:
    text = client.get("/en/methods/mdft/").text
    assert '<span lang="fi">Tässä demossa listatut tutkimukset ovat länsieurooppalaisia' in text
    assert "Not available in English; shown in Finnish." in text


@pytest.mark.django_db
def test_a_rating_below_the_real_one_says_its_studies_are_not_listed(client: Client, demo) -> None:
    assert "Studies not listed in this demo." in client.get("/en/methods/mdft/").text
    assert "Studies not listed in this demo." not in client.get("/en/methods/voimaperheet/").text


@pytest.mark.django_db
def test_the_rating_history_says_when_the_date_is_not_recorded(client: Client, demo) -> None:
    history = client.get("/en/methods/voimaperheet/").text.split("Rating history")[-1]
    assert '<td data-label="Published">Date not recorded</td>' in history
    dated = client.get("/en/methods/prokoulu/").text.split("Rating history")[-1]
    assert '<td data-label="Published">7.6.2023</td>' in dated


@pytest.mark.django_db
def test_a_study_excluded_after_the_evaluation_is_not_listed_as_evidence(
    client: Client, demo
) -> None:
    text = client.get("/en/methods/prokoulu/").text
    assert "Sørlie (2007)." in text
    assert "From Fidelity to Sustainability" not in text


@pytest.mark.django_db
def test_a_study_without_country_or_year_says_they_are_not_stated(client: Client, demo) -> None:
    text = client.get("/en/methods/cool-kids/").text
    assert "Kaasbøll (n.d.)." in text
    assert "country not stated · year not stated" in text
