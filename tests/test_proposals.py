"""The public proposal form, the proposer's status page and the board's decision."""

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client

from evaluations.models import EvaluationState, Proposal, ProposalState
from evaluations.workflow import WorkflowError, decide_proposal
from lib.spam import TOKEN_SALT, new_form_token

PROPOSE_URL = "/en/propose/"


def aged_token(seconds: float = 30) -> str:
    return new_form_token(age_seconds=seconds)


def proposal_data(**changes) -> dict[str, str]:
    data = {
        "method_name": "Rauhan polku",
        "description": "A group method for 8–12-year-olds with anxiety.",
        "website": "https://example.org/rauhan-polku",
        "proposer_name": "Pia Ehdottaja",
        "proposer_email": "pia@example.org",
        "proposer_organisation": "Example ry",
        "consent": "on",
        "form_token": aged_token(),
        "homepage": "",
    }
    return {**data, **changes}


@pytest.fixture(autouse=True)
def empty_throttle():
    cache.clear()


@pytest.mark.parametrize("url", ["/ehdota/", "/sv/foresla/", "/en/propose/"])
@pytest.mark.django_db
def test_the_form_is_there_in_three_languages(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="method_name"' in response.text


@pytest.mark.django_db
def test_a_proposal_is_saved_and_the_proposer_gets_a_status_address(client: Client) -> None:
    response = client.post(PROPOSE_URL, proposal_data())
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/propose/{proposal.public_id}/"
    assert (proposal.method_name, proposal.language) == ("Rauhan polku", "en")
    status_page = client.get(response["Location"])
    assert "Rauhan polku" in status_page.text
    assert "Proposed" in status_page.text


@pytest.mark.parametrize(
    ("field", "make_value"),
    [
        ("homepage", lambda: "http://spam.example"),
        ("form_token", lambda: aged_token(seconds=0)),
        ("form_token", lambda: aged_token(seconds=7 * 60 * 60)),
        ("form_token", lambda: "forged"),
        ("form_token", lambda: ""),
        ("form_token", lambda: signing.dumps({"t": "x"}, salt=TOKEN_SALT)),
    ],
    ids=["honeypot", "too-fast", "too-old", "forged", "missing", "malformed"],
)
@pytest.mark.django_db
def test_spam_guards_refuse_the_form(client: Client, field, make_value) -> None:
    response = client.post(PROPOSE_URL, proposal_data(**{field: make_value()}))
    assert response.status_code == 400
    assert not Proposal.objects.exists()


@pytest.mark.django_db
def test_more_than_five_proposals_an_hour_from_one_address_are_refused(client: Client) -> None:
    for _ in range(5):
        assert client.post(PROPOSE_URL, proposal_data()).status_code == 302
    refused = client.post(PROPOSE_URL, proposal_data())
    assert refused.status_code == 400
    assert "Too many proposals" in refused.text
    assert Proposal.objects.count() == 5


@pytest.mark.django_db
def test_a_bad_email_is_explained_in_finnish_and_nothing_typed_is_lost(client: Client) -> None:
    response = client.post("/ehdota/", proposal_data(proposer_email="not-an-address"))
    assert response.status_code == 400
    assert "Syötä kelvollinen sähköpostiosoite." in response.text
    assert 'value="Rauhan polku"' in response.text
    assert "A group method for 8–12-year-olds with anxiety." in response.text


@pytest.mark.django_db
def test_consent_is_required(client: Client) -> None:
    data = proposal_data()
    del data["consent"]
    assert client.post(PROPOSE_URL, data).status_code == 400


@pytest.mark.parametrize("tail", ["00000000-0000-0000-0000-000000000000/", "not-a-uuid/"])
@pytest.mark.django_db
def test_an_unknown_status_address_is_not_found(client: Client, tail: str) -> None:
    assert client.get(f"{PROPOSE_URL}{tail}").status_code == 404


def checked_proposal(**changes) -> Proposal:
    fields = {
        "method_name": "Rauhan polku",
        "description": "…",
        "proposer_name": "Pia",
        "proposer_email": "pia@example.org",
        "aim_met": True,
        "target_group_met": True,
        "theory_met": True,
        "training_met": True,
        "ethics_met": True,
    }
    return Proposal.objects.create(**{**fields, **changes})


@pytest.mark.django_db
def test_accepting_creates_a_draft_method_and_queues_its_evaluation(board_member) -> None:
    proposal = checked_proposal()
    decide_proposal(proposal, accept=True, by=board_member)
    method = proposal.method
    assert (method.name_fi, method.is_published) == ("Rauhan polku", False)
    assert proposal.evaluation.state == EvaluationState.QUEUED
    assert proposal.evaluation.answers.count() == 17
    assert (proposal.state, proposal.decided_by) == (ProposalState.ACCEPTED, board_member)


@pytest.mark.parametrize(
    "changes", [{"theory_met": None}, {"ethics_met": False}, {"is_assessment_method": True}]
)
@pytest.mark.django_db
def test_a_proposal_failing_the_inclusion_criteria_cannot_be_accepted(
    board_member, changes
) -> None:
    proposal = checked_proposal(**changes)
    with pytest.raises(WorkflowError):
        decide_proposal(proposal, accept=True, by=board_member)
    assert proposal.state == ProposalState.PROPOSED


@pytest.mark.django_db
def test_only_the_board_decides(editor) -> None:
    with pytest.raises(WorkflowError):
        decide_proposal(checked_proposal(), accept=True, by=editor)


@pytest.mark.django_db
def test_not_accepting_needs_a_reason(board_member) -> None:
    proposal = checked_proposal()
    with pytest.raises(WorkflowError):
        decide_proposal(proposal, accept=False, by=board_member, note=" ")
    decide_proposal(proposal, accept=False, by=board_member, note="Not for children.")
    assert proposal.state == ProposalState.REJECTED


@pytest.mark.django_db
def test_the_pipeline_shows_evaluations_under_way_but_not_their_contents(
    client: Client, board_member
) -> None:
    proposal = checked_proposal()
    decide_proposal(proposal, accept=True, by=board_member)
    evaluation = proposal.evaluation
    evaluation.summary_fi = "Luonnos: ei julkinen"
    evaluation.save()
    page = client.get("/arvioinnit/").text
    assert "Rauhan polku" in page
    assert "Jonossa" in page
    assert "Luonnos: ei julkinen" not in page


@pytest.mark.django_db
def test_an_overlong_description_is_refused(client: Client) -> None:
    response = client.post(PROPOSE_URL, proposal_data(description="x" * 200_000))
    assert response.status_code == 400
    assert not Proposal.objects.exists()
