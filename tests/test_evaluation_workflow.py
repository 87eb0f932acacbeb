from datetime import date

import pytest
from django.utils import translation

from evaluations.models import (
    AnswerChoice,
    CriterionAnswer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Manual,
    Study,
)
from evaluations.workflow import WorkflowError, move, publish
from methods.models import Term, Vocabulary

State = EvaluationState


@pytest.fixture
def evaluation(make_method) -> Evaluation:
    method = make_method(slug="voima")
    return Evaluation.objects.create(method=method, manual=Manual.objects.get(version="2022"))


def answer_up_to(evaluation: Evaluation, level: int) -> None:
    for criterion in evaluation.manual.criteria.all():
        met = criterion.level <= level
        CriterionAnswer.objects.create(
            evaluation=evaluation,
            criterion=criterion,
            answer=AnswerChoice.MET if met else AnswerChoice.NOT_MET,
        )


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


def to_board(evaluation: Evaluation) -> None:
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state)


@pytest.mark.django_db
def test_an_evaluation_moves_through_the_allowed_states(evaluation: Evaluation) -> None:
    to_board(evaluation)
    assert evaluation.state == State.BOARD_DECISION


@pytest.mark.django_db
def test_starting_the_evaluation_records_the_date(evaluation: Evaluation) -> None:
    move(evaluation, State.IN_EVALUATION, on=date(2026, 3, 1))
    assert evaluation.started_on == date(2026, 3, 1)


@pytest.mark.parametrize(
    "target", [State.PEER_REVIEW, State.BOARD_DECISION, State.PUBLISHED, State.QUEUED]
)
@pytest.mark.django_db
def test_a_queued_evaluation_cannot_skip_ahead(evaluation: Evaluation, target) -> None:
    with pytest.raises(WorkflowError):
        move(evaluation, target)


@pytest.mark.django_db
def test_publishing_makes_the_computed_level_the_methods_rating(evaluation: Evaluation) -> None:
    answer_up_to(evaluation, 2)
    to_board(evaluation)
    publish(evaluation, on=date(2026, 5, 4))
    evaluation.method.refresh_from_db()
    assert evaluation.method.rating.key == "2of5"
    assert evaluation.method.rated_on == date(2026, 5, 4)
    assert evaluation.method.rating_version == 1


@pytest.mark.django_db
def test_a_level_that_needs_studies_counts_only_included_ones(evaluation: Evaluation) -> None:
    answer_up_to(evaluation, 3)
    link_study(evaluation, "3.1", "pre_post", included=False)
    assert evaluation.rating_result().level == 2
    EvaluationStudy.objects.filter(evaluation=evaluation).update(included=True)
    assert evaluation.rating_result().level == 3


@pytest.mark.django_db
def test_publishing_is_refused_when_the_answers_give_no_level(evaluation: Evaluation) -> None:
    to_board(evaluation)
    with translation.override("en"), pytest.raises(WorkflowError) as refusal:
        publish(evaluation)
    assert "do not reach the lowest level" in str(refusal.value)
    assert "criterion 1.1 is not answered; criterion 1.2 is not answered" in str(refusal.value)
    evaluation.refresh_from_db()
    assert evaluation.state == State.BOARD_DECISION


@pytest.mark.django_db
def test_a_published_evaluation_cannot_move_again(evaluation: Evaluation) -> None:
    answer_up_to(evaluation, 1)
    to_board(evaluation)
    publish(evaluation)
    with pytest.raises(WorkflowError):
        move(evaluation, State.IN_EVALUATION)


@pytest.mark.django_db
def test_a_recorded_no_effect_outcome_is_published_as_such(evaluation: Evaluation) -> None:
    answer_up_to(evaluation, 5)
    evaluation.outcome = "no_effect"
    evaluation.outcome_reason = "Two good trials found no difference."
    evaluation.save()
    to_board(evaluation)
    publish(evaluation)
    evaluation.method.refresh_from_db()
    assert evaluation.method.rating.key == "no-effect"


@pytest.mark.django_db
def test_changes_to_an_evaluation_are_kept_in_its_history(evaluation: Evaluation) -> None:
    move(evaluation, State.IN_EVALUATION)
    states = [row.state for row in evaluation.history.order_by("history_date")]
    assert states == [State.QUEUED, State.IN_EVALUATION]
