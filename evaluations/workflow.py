"""The states an evaluation moves through, and publishing, which turns it into a rating.

Every move goes through `move`, which refuses a transition the workflow does not allow;
publishing also computes the level and makes it the method's public rating.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Evaluation, EvaluationState

State = EvaluationState

ALLOWED_MOVES: dict[str, set[str]] = {
    State.QUEUED: {State.IN_EVALUATION},
    State.IN_EVALUATION: {State.PEER_REVIEW},
    State.PEER_REVIEW: {State.IN_EVALUATION, State.BOARD_DECISION},
    State.BOARD_DECISION: {State.IN_EVALUATION, State.PUBLISHED},
    State.PUBLISHED: set(),
}


class WorkflowError(Exception):
    """A move the workflow refuses; the message is shown to the user."""


def can_move(evaluation: Evaluation, to: str) -> bool:
    return to in ALLOWED_MOVES[evaluation.state]


def move(evaluation: Evaluation, to: str, on: date | None = None) -> None:
    """Move an evaluation to another state (publishing has its own function)."""
    if to == State.PUBLISHED:
        publish(evaluation, on=on)
        return
    check_move(evaluation, to)
    evaluation.state = to
    if to == State.IN_EVALUATION and evaluation.started_on is None:
        evaluation.started_on = on or date.today()
    evaluation.save()


def check_move(evaluation: Evaluation, to: str) -> None:
    if not can_move(evaluation, to):
        raise WorkflowError(
            _("An evaluation cannot move from “%(from)s” to “%(to)s”.")
            % {"from": evaluation.get_state_display(), "to": State(to).label}
        )


@transaction.atomic
def publish(evaluation: Evaluation, on: date | None = None) -> None:
    """Publish: store the computed level and make it the method's rating everywhere."""
    check_move(evaluation, State.PUBLISHED)
    result = evaluation.rating_result()
    level = evaluation.scale_level(result)
    if level is None:
        raise WorkflowError(
            _("The answers do not reach the lowest level, so there is no rating to publish.")
            + " "
            + result.explanation
        )
    published_on = on or date.today()
    evaluation.level = level
    evaluation.published_on = published_on
    evaluation.state = State.PUBLISHED
    evaluation.save()
    evaluation.method.apply_rating(evaluation)
