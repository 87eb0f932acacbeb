"""The public pipeline (evaluations under way, proposals waiting) and the Atom feeds."""

from datetime import date

import pytest
from django.test import Client

from evaluations.models import Evaluation, EvaluationState, Proposal, ProposalState
from evaluations.workflow import start_update

State = EvaluationState
API = "/api/v1"
PIPELINE_QUERIES = 3


def waiting_proposal(name: str = "Rauhan polku", **changes) -> Proposal:
    fields = {
        "method_name": name,
        "description": "Salainen kuvaus ehdotuksesta.",
        "proposer_name": "Pia Ehdottaja",
        "proposer_email": "pia@example.org",
        "proposer_organisation": "Esimerkkijärjestö",
    }
    return Proposal.objects.create(**{**fields, **changes})


@pytest.mark.django_db
def test_the_pipeline_lists_proposals_waiting_for_a_decision(client: Client) -> None:
    proposal = waiting_proposal()
    Proposal.objects.filter(pk=proposal.pk).update(created_at="2026-03-04T10:00:00+02:00")
    text = client.get("/arvioinnit/").text
    assert "Rauhan polku, ehdotettu 4.3.2026" in text


@pytest.mark.django_db
def test_the_pipeline_shows_a_proposal_by_name_and_date_only(client: Client) -> None:
    waiting_proposal()
    text = client.get("/arvioinnit/").text
    for private in ("Salainen kuvaus", "Pia Ehdottaja", "pia@example.org", "Esimerkkijärjestö"):
        assert private not in text


@pytest.mark.django_db
def test_decided_proposals_are_not_listed_as_waiting(client: Client) -> None:
    waiting_proposal("Hylätty menetelmä", state=ProposalState.REJECTED)
    assert "Hylätty menetelmä" not in client.get("/arvioinnit/").text


@pytest.mark.django_db
def test_an_evaluation_under_way_without_a_start_date_is_not_said_to_be_unstarted(
    client: Client, make_method, editor
) -> None:
    evaluation = start_update(make_method(slug="voima", rating="2of5"), by=editor)
    Evaluation.objects.filter(pk=evaluation.pk).update(state=State.IN_EVALUATION)
    text = client.get("/en/evaluations/").text
    assert "Not started yet" not in text
    assert "Date not recorded" in text


@pytest.mark.django_db
def test_a_queued_evaluation_is_not_started_yet(client: Client, make_method, editor) -> None:
    start_update(make_method(slug="voima", rating="2of5"), by=editor)
    assert "Not started yet" in client.get("/en/evaluations/").text


@pytest.mark.django_db
def test_the_pipeline_makes_a_fixed_number_of_queries(
    client: Client, make_method, editor, django_assert_num_queries
) -> None:
    for number in range(3):
        start_update(make_method(rating="2of5"), by=editor)
        waiting_proposal(f"Ehdotus {number}")
    with django_assert_num_queries(PIPELINE_QUERIES):
        client.get("/arvioinnit/")


# --- Feeds --------------------------------------------------------------------------------


@pytest.fixture
def published(make_method) -> Evaluation:
    method = make_method(slug="voima", name_sv="Kraft", rating="4of5", rated_on=date(2024, 5, 1))
    evaluation = method.current_evaluation()
    evaluation.save()  # a later save moves updated_at, never the publication date
    return evaluation


@pytest.mark.django_db
def test_feed_entries_are_dated_by_the_publication_date(client: Client, published) -> None:
    feed = client.get(f"{API}/feeds/evaluations.atom").content.decode()
    assert "<published>2024-05-01T12:00:00+03:00</published>" in feed
    assert "<updated>2024-05-01T12:00:00+03:00</updated>" in feed


@pytest.mark.django_db
def test_feed_entry_ids_are_stable_tag_uris(client: Client, published) -> None:
    feed = client.get(f"{API}/feeds/evaluations.atom").content.decode()
    assert "<id>tag:kasvuntuki.fi,2026:evaluation:voima:1:fi</id>" in feed


@pytest.mark.django_db
def test_there_is_a_feed_in_each_language(client: Client, published) -> None:
    feed = client.get(f"{API}/feeds/evaluations.sv.atom").content.decode()
    assert 'xml:lang="sv"' in feed
    assert "<title>Kraft:" in feed
    assert 'href="http://testserver/sv/metoder/voima/bedomning/1/"' in feed
    assert "<id>tag:kasvuntuki.fi,2026:evaluation:voima:1:sv</id>" in feed


@pytest.mark.django_db
def test_a_methods_feed_is_there_in_each_language(client: Client, published) -> None:
    feed = client.get(f"{API}/feeds/methods/voima.en.atom").content.decode()
    assert 'href="http://testserver/en/methods/voima/evaluation/1/"' in feed


@pytest.mark.parametrize("path", ["/feeds/evaluations.de.atom", "/feeds/methods/voima.xx.atom"])
@pytest.mark.django_db
def test_a_feed_in_an_unknown_language_is_not_found(client: Client, published, path) -> None:
    response = client.get(f"{API}{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
