""" "My tasks" on the admin home, per role, and the evaluation list's "assigned to me" filter."""

from datetime import UTC, datetime

import pytest

from accounts.roles import Role, ensure_role_groups
from evaluations.models import EvaluationState, Proposal
from evaluations.workflow import approve, move

from .conftest import _user_with_role, client_for

State = EvaluationState
HOME = "/en/admin/"


def change_url(evaluation) -> str:
    return f"/en/admin/evaluations/evaluation/{evaluation.pk}/change/"


def proposal(name: str = "Perhekoulu") -> Proposal:
    return Proposal.objects.create(
        method_name=name,
        description="Vanhempien ryhmä.",
        proposer_name="Maija",
        proposer_email="maija@example.org",
    )


@pytest.mark.django_db
def test_an_evaluator_sees_the_evaluation_assigned_to_them(evaluation, editor, evaluator) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    text = client_for(evaluator).get(HOME).text
    assert "Evaluations assigned to me" in text
    assert change_url(evaluation) in text


@pytest.mark.django_db
def test_the_peer_reviewer_sees_only_what_waits_for_their_review(
    evaluation, editor, other_evaluator
) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    assert change_url(evaluation) not in client_for(other_evaluator).get(HOME).text
    move(evaluation, State.PEER_REVIEW, by=editor)
    text = client_for(other_evaluator).get(HOME).text
    assert "Waiting for my peer review" in text
    assert change_url(evaluation) in text


@pytest.mark.django_db
def test_the_board_sees_what_waits_for_its_approval_until_it_approves(
    evaluation, editor, board_member
) -> None:
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    assert change_url(evaluation) in client_for(board_member).get(HOME).text
    approve(evaluation, by=board_member)
    assert change_url(evaluation) not in client_for(board_member).get(HOME).text


@pytest.mark.django_db
def test_an_editor_sees_an_approved_evaluation_waiting_to_be_published(
    evaluation, editor, board_member
) -> None:
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    approve(evaluation, by=board_member)
    text = client_for(editor).get(HOME).text
    assert "waiting to be published" in text
    assert change_url(evaluation) in text


@pytest.mark.django_db
def test_editors_and_the_board_see_proposals_waiting_for_a_decision(editor, board_member) -> None:
    waiting = proposal()
    url = f"/en/admin/evaluations/proposal/{waiting.pk}/change/"
    assert url in client_for(editor).get(HOME).text
    assert url in client_for(board_member).get(HOME).text


@pytest.mark.django_db
def test_a_proposal_is_dated_in_finnish_time(editor) -> None:
    late_evening = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)  # 00.30 on 2 December in Helsinki
    Proposal.objects.filter(pk=proposal().pk).update(created_at=late_evening)
    assert "02.12.2026" in client_for(editor).get(HOME).text


@pytest.mark.django_db
def test_an_evaluator_does_not_see_proposals(evaluator) -> None:
    proposal()
    assert "Proposals waiting" not in client_for(evaluator).get(HOME).text


@pytest.mark.django_db
def test_someone_with_nothing_waiting_is_told_so(evaluator) -> None:
    assert "Nothing is waiting for you now." in client_for(evaluator).get(HOME).text


@pytest.mark.django_db
def test_a_regional_coordinator_sees_no_evaluation_tasks(db) -> None:
    coordinator = _user_with_role("koordinaattori", Role.COORDINATOR)
    assert "My tasks" not in client_for(coordinator).get(HOME).text


@pytest.mark.django_db
def test_the_admin_home_costs_the_same_queries_however_many_tasks(
    make_method, editor, django_assert_num_queries
) -> None:
    ensure_role_groups()
    for number in range(3):
        proposal(f"Menetelmä {number}")
    client = client_for(editor)
    client.get(HOME)  # sessions and content types warm up
    with django_assert_num_queries(10):
        client.get(HOME)
    for number in range(3, 15):
        proposal(f"Menetelmä {number}")
    with django_assert_num_queries(10):
        client.get(HOME)


@pytest.mark.django_db
def test_the_list_filters_the_evaluations_assigned_to_me(
    evaluation, make_method, editor, evaluator, other_evaluator
) -> None:
    from evaluations.workflow import new_evaluation

    unassigned = new_evaluation(make_method(slug="muu"))
    base = "/en/admin/evaluations/evaluation/"
    mine = client_for(editor).get(base + "?mine=evaluator").text
    assert change_url(unassigned).removeprefix("/en") not in mine
    evaluation.evaluators.add(editor)
    mine = client_for(editor).get(base + "?mine=evaluator").text
    assert f"/admin/evaluations/evaluation/{evaluation.pk}/change/" in mine
    reviewing = client_for(other_evaluator).get(base + "?mine=peer_reviewer").text
    assert f"/admin/evaluations/evaluation/{evaluation.pk}/change/" in reviewing


@pytest.mark.django_db
def test_the_list_filters_by_state(evaluation, make_method, editor) -> None:
    from evaluations.workflow import new_evaluation

    queued = new_evaluation(make_method(slug="muu"))
    move(evaluation, State.IN_EVALUATION, by=editor)
    text = (
        client_for(editor).get("/en/admin/evaluations/evaluation/?state__exact=in_evaluation").text
    )
    assert f"/admin/evaluations/evaluation/{evaluation.pk}/change/" in text
    assert f"/admin/evaluations/evaluation/{queued.pk}/change/" not in text


@pytest.mark.django_db
def test_an_unknown_filter_value_is_no_error(editor) -> None:
    response = client_for(editor).get("/en/admin/evaluations/evaluation/?mine=%00%27x")
    assert response.status_code == 200
