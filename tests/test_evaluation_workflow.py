from datetime import date

import pytest
from django.utils import translation

from evaluations.models import (
    Answer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Manual,
    Proposal,
    Study,
)
from evaluations.workflow import (
    WorkflowError,
    approve,
    decide_proposal,
    move,
    publish,
    start_update,
)
from methods.models import Term, Vocabulary

State = EvaluationState


def answer_up_to(evaluation: Evaluation, level: int) -> None:
    for answer in evaluation.answers.select_related("criterion"):
        met = answer.criterion.level <= level
        answer.answer = Answer.MET if met else Answer.NOT_MET
        answer.save()


def link_study(evaluation: Evaluation, code: str, design: str, *, included: bool = True) -> None:
    study = Study.objects.create(
        citation=f"{design} study",
        year=2020,
        country="FI",
        design=Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code=design),
        quality="good",
    )
    EvaluationStudy.objects.create(evaluation=evaluation, study=study, included=included)
    evaluation.answers.get(criterion__code=code).studies.add(study)


def to_board(evaluation: Evaluation, editor) -> None:
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)


@pytest.mark.django_db
def test_a_new_evaluation_has_an_empty_answer_for_every_criterion(evaluation) -> None:
    assert evaluation.answers.count() == evaluation.manual.criteria.count() == 17
    assert set(evaluation.answers.values_list("answer", flat=True)) == {""}


@pytest.mark.django_db
def test_an_evaluation_moves_through_the_allowed_states(evaluation, editor) -> None:
    to_board(evaluation, editor)
    assert evaluation.state == State.BOARD_DECISION


@pytest.mark.django_db
def test_starting_the_evaluation_records_the_date(evaluation, editor) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor, on=date(2026, 3, 1))
    assert evaluation.started_on == date(2026, 3, 1)


@pytest.mark.parametrize(
    "target", [State.PEER_REVIEW, State.BOARD_DECISION, State.PUBLISHED, State.QUEUED]
)
@pytest.mark.django_db
def test_a_queued_evaluation_cannot_skip_ahead(evaluation, editor, target) -> None:
    with pytest.raises(WorkflowError):
        move(evaluation, target, by=editor)


@pytest.mark.django_db
def test_the_assigned_evaluator_sends_their_evaluation_to_peer_review(
    evaluation, editor, evaluator
) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    move(evaluation, State.PEER_REVIEW, by=evaluator)
    assert evaluation.state == State.PEER_REVIEW


@pytest.mark.django_db
def test_an_evaluator_cannot_move_an_evaluation_assigned_to_others(
    evaluation, editor, other_evaluator
) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    with pytest.raises(WorkflowError):
        move(evaluation, State.PEER_REVIEW, by=other_evaluator)


@pytest.mark.django_db
def test_the_peer_reviewer_returns_the_evaluation_or_sends_it_on(
    evaluation, editor, other_evaluator
) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    move(evaluation, State.PEER_REVIEW, by=editor)
    move(evaluation, State.IN_EVALUATION, by=other_evaluator, reason="Perustele 3.1 tarkemmin.")
    assert evaluation.state == State.IN_EVALUATION


@pytest.mark.django_db
def test_a_board_member_cannot_start_an_evaluation(evaluation, board_member) -> None:
    with pytest.raises(WorkflowError):
        move(evaluation, State.IN_EVALUATION, by=board_member)


@pytest.mark.django_db
def test_publishing_needs_the_boards_approval(evaluation, editor) -> None:
    answer_up_to(evaluation, 2)
    to_board(evaluation, editor)
    with translation.override("en"), pytest.raises(WorkflowError, match="not approved"):
        publish(evaluation, by=editor)


@pytest.mark.django_db
def test_only_a_board_member_approves(evaluation, editor, evaluator) -> None:
    to_board(evaluation, editor)
    for user in (editor, evaluator):
        with pytest.raises(WorkflowError):
            approve(evaluation, by=user)


@pytest.mark.django_db
def test_publishing_makes_the_computed_level_the_methods_rating(
    evaluation, editor, board_member
) -> None:
    answer_up_to(evaluation, 2)
    to_board(evaluation, editor)
    approve(evaluation, by=board_member, on=date(2026, 5, 1))
    publish(evaluation, by=editor, on=date(2026, 5, 4))
    evaluation.method.refresh_from_db()
    assert evaluation.method.rating.key == "2of5"
    assert evaluation.method.rated_on == date(2026, 5, 4)
    assert evaluation.method.current_evaluation() == evaluation
    assert evaluation.board_approved_by == board_member


@pytest.mark.django_db
def test_returning_to_the_evaluators_withdraws_the_approval(
    evaluation, editor, board_member
) -> None:
    to_board(evaluation, editor)
    approve(evaluation, by=board_member)
    move(evaluation, State.IN_EVALUATION, by=board_member, reason="Tarkistakaa tutkimukset.")
    assert evaluation.board_approved_on is None


@pytest.mark.django_db
def test_a_level_that_needs_studies_counts_only_included_ones(evaluation) -> None:
    answer_up_to(evaluation, 3)
    link_study(evaluation, "3.1", "pre_post", included=False)
    assert evaluation.rating_result().level == 2
    EvaluationStudy.objects.filter(evaluation=evaluation).update(included=True)
    assert evaluation.rating_result().level == 3


@pytest.mark.django_db
def test_publishing_is_refused_when_the_answers_give_no_level(
    evaluation, editor, board_member
) -> None:
    to_board(evaluation, editor)
    approve(evaluation, by=board_member)
    with translation.override("en"), pytest.raises(WorkflowError) as refusal:
        publish(evaluation, by=editor)
    assert "do not reach the lowest level" in str(refusal.value)
    assert "criterion 1.1 is not answered; criterion 1.2 is not answered" in str(refusal.value)
    evaluation.refresh_from_db()
    assert evaluation.state == State.BOARD_DECISION


@pytest.mark.django_db
def test_a_published_evaluation_cannot_move_again(evaluation, editor, board_member) -> None:
    answer_up_to(evaluation, 1)
    to_board(evaluation, editor)
    approve(evaluation, by=board_member)
    publish(evaluation, by=editor)
    with pytest.raises(WorkflowError):
        move(evaluation, State.IN_EVALUATION, by=editor)


@pytest.mark.django_db
def test_an_update_is_a_new_version_and_the_old_rating_stays(
    evaluation, editor, board_member
) -> None:
    answer_up_to(evaluation, 1)
    to_board(evaluation, editor)
    approve(evaluation, by=board_member)
    publish(evaluation, by=editor)
    update = start_update(evaluation.method, by=editor)
    evaluation.method.refresh_from_db()
    assert update.version == 2
    assert evaluation.method.current_evaluation() == evaluation
    assert evaluation.method.rating.key == "1of5"


@pytest.mark.django_db
def test_a_recorded_no_effect_outcome_is_published_as_such(
    evaluation, editor, board_member
) -> None:
    answer_up_to(evaluation, 5)
    link_study(evaluation, "3.1", "rct")
    evaluation.outcome = "no_effect"
    evaluation.outcome_reason = "Two good trials found no difference."
    evaluation.save()
    to_board(evaluation, editor)
    approve(evaluation, by=board_member)
    publish(evaluation, by=editor)
    evaluation.method.refresh_from_db()
    assert evaluation.method.rating.key == "no-effect"


@pytest.mark.django_db
def test_changes_to_an_evaluation_are_kept_in_its_history(evaluation, editor) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    assert evaluation.history.earliest("history_date").state == State.QUEUED
    latest = evaluation.history.latest("history_date")
    assert (latest.state, latest.history_user) == (State.IN_EVALUATION, editor)


@pytest.mark.django_db
def test_a_second_update_cannot_start_while_one_is_under_way(evaluation, editor) -> None:
    with pytest.raises(WorkflowError):
        start_update(evaluation.method, by=editor)


@pytest.mark.django_db
def test_no_effect_cannot_be_published_on_a_scale_without_it(
    make_method, editor, board_member
) -> None:
    method = make_method(slug="vanha")
    evaluation = Evaluation.objects.create(
        method=method,
        manual=Manual.objects.get(version="2016"),
        outcome="no_effect",
        outcome_reason="No difference.",
    )
    to_board(evaluation, editor)
    approve(evaluation, by=board_member)
    with pytest.raises(WorkflowError):
        publish(evaluation, by=editor)


@pytest.mark.django_db
def test_a_proposal_for_a_method_under_evaluation_cannot_start_a_second_one(
    evaluation, board_member
) -> None:
    proposal = Proposal.objects.create(
        method_name="Sama",
        description="…",
        proposer_name="P",
        proposer_email="p@example.org",
        method=evaluation.method,
        aim_met=True,
        target_group_met=True,
        theory_met=True,
        training_met=True,
        ethics_met=True,
    )
    with pytest.raises(WorkflowError):
        decide_proposal(proposal, accept=True, by=board_member)
    assert evaluation.method.evaluations.count() == 1
