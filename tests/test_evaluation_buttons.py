"""The evaluation page's buttons: exactly the moves the user may make now, a confirmation that
says what happens, messages that say what happened, refusals with the real reason, and the
internal comment thread, where a return leaves its reason."""

import pytest
from django.utils import translation

from evaluations.models import Answer, Evaluation, EvaluationComment, EvaluationState
from evaluations.workflow import (
    WorkflowError,
    approve,
    available_steps,
    move,
    new_evaluation,
)

from .conftest import client_for

State = EvaluationState


@pytest.fixture
def evaluation(evaluation: Evaluation) -> Evaluation:
    """The shared queued evaluation (tests/conftest.py), answered up to level 2."""
    for answer in evaluation.answers.select_related("criterion"):
        answer.answer = Answer.MET if answer.criterion.level <= 2 else Answer.NOT_MET
        answer.save()
    return evaluation


def keys(evaluation: Evaluation, user) -> list[str]:
    return [step.key for step in available_steps(evaluation, user)]


def step_url(evaluation: Evaluation, key: str) -> str:
    return f"/en/admin/evaluations/evaluation/{evaluation.pk}/step/{key}/"


@pytest.mark.django_db
def test_a_queued_evaluation_offers_the_editor_only_the_start(evaluation, editor) -> None:
    assert keys(evaluation, editor) == ["start"]


@pytest.mark.django_db
def test_the_evaluator_may_only_send_to_peer_review(evaluation, editor, evaluator) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    assert keys(evaluation, evaluator) == ["peer_review"]


@pytest.mark.django_db
def test_the_peer_reviewer_may_return_or_send_to_the_board(
    evaluation, editor, other_evaluator
) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    move(evaluation, State.PEER_REVIEW, by=editor)
    assert keys(evaluation, other_evaluator) == ["return", "board"]


@pytest.mark.django_db
def test_the_board_may_return_or_approve_and_never_publish(
    evaluation, editor, board_member
) -> None:
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    assert keys(evaluation, board_member) == ["return", "approve"]
    approve(evaluation, by=board_member)
    assert keys(evaluation, board_member) == ["return"]


@pytest.mark.django_db
def test_the_page_shows_the_buttons_of_the_user(evaluation, editor) -> None:
    text = client_for(editor).get(f"/en/admin/evaluations/evaluation/{evaluation.pk}/change/").text
    assert step_url(evaluation, "start") in text
    assert step_url(evaluation, "publish") not in text


@pytest.mark.django_db
def test_a_button_asks_for_confirmation_saying_what_happens(evaluation, editor) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    response = client_for(editor).get(step_url(evaluation, "peer_review"))
    assert "peer reviewers (toinen-arvioitsija) review them" in response.text
    assert Evaluation.objects.get(pk=evaluation.pk).state == State.IN_EVALUATION


@pytest.mark.django_db
def test_confirming_makes_the_move_and_says_what_happened(evaluation, editor) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    response = client_for(editor).post(step_url(evaluation, "peer_review"), follow=True)
    assert Evaluation.objects.get(pk=evaluation.pk).state == State.PEER_REVIEW
    assert "Sent to peer review; toinen-arvioitsija was notified." in response.text


@pytest.mark.django_db
def test_a_board_member_who_tries_to_publish_is_told_that_editors_publish(
    evaluation, editor, board_member
) -> None:
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    approve(evaluation, by=board_member)
    response = client_for(board_member).post(step_url(evaluation, "publish"))
    assert response.status_code == 403
    assert "Editors publish" in response.text
    assert Evaluation.objects.get(pk=evaluation.pk).state == State.BOARD_DECISION


@pytest.mark.django_db
def test_returning_needs_a_reason(evaluation, editor, other_evaluator) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    move(evaluation, State.PEER_REVIEW, by=editor)
    response = client_for(other_evaluator).post(step_url(evaluation, "return"), {"reason": " "})
    assert response.status_code == 400
    assert Evaluation.objects.get(pk=evaluation.pk).state == State.PEER_REVIEW


@pytest.mark.django_db
def test_the_reason_for_returning_is_kept_in_the_thread(
    evaluation, editor, other_evaluator
) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    move(evaluation, State.PEER_REVIEW, by=editor)
    client_for(other_evaluator).post(
        step_url(evaluation, "return"), {"reason": "Kriteerin 2.1 perustelu puuttuu."}
    )
    comment = EvaluationComment.objects.get()
    assert (comment.author, comment.is_return_reason) == (other_evaluator, True)
    assert Evaluation.objects.get(pk=evaluation.pk).state == State.IN_EVALUATION


@pytest.mark.django_db
def test_the_workflow_refuses_a_return_without_a_reason(evaluation, editor) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    move(evaluation, State.PEER_REVIEW, by=editor)
    with translation.override("en"), pytest.raises(WorkflowError, match="Say why"):
        move(evaluation, State.IN_EVALUATION, by=editor)


@pytest.mark.django_db
def test_peer_reviewers_and_the_board_comment_in_the_thread(
    evaluation, other_evaluator, board_member
) -> None:
    url = f"/en/admin/evaluations/evaluation/{evaluation.pk}/comment/"
    client_for(other_evaluator).post(url, {"text": "Tutkimus 2 on laadultaan heikko."})
    client_for(board_member).post(url, {"text": "Samaa mieltä."})
    page = client_for(board_member).get(f"/en/admin/evaluations/evaluation/{evaluation.pk}/change/")
    assert "Tutkimus 2 on laadultaan heikko." in page.text
    assert "Samaa mieltä." in page.text


@pytest.mark.django_db
def test_someone_not_taking_part_cannot_comment(evaluation, make_method, evaluator) -> None:
    others = new_evaluation(make_method(slug="muu"))
    url = f"/en/admin/evaluations/evaluation/{others.pk}/comment/"
    assert client_for(evaluator).post(url, {"text": "Hei"}).status_code == 404
    assert not EvaluationComment.objects.exists()


@pytest.mark.django_db
def test_comments_are_never_public(client, evaluation, editor, board_member) -> None:
    from evaluations.workflow import add_comment, publish

    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    add_comment(evaluation, by=board_member, text="Sisäinen huomio.")
    approve(evaluation, by=board_member)
    publish(evaluation, by=editor)
    for url in ("/menetelmat/voima/", "/menetelmat/voima/arvio/1/"):
        assert "Sisäinen huomio." not in client.get(url).text
    assert "Sisäinen huomio." not in client.get(f"/api/v1/evaluations/{evaluation.pk}/").text
