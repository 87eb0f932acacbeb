"""Who may see and do what with evaluations: one place, used by admin and workflow alike.

- Editors see everything, edit the evaluation's details until publication and answers while
  it is "in evaluation", make every allowed move, and publish once
  the board has approved.
- Evaluators see the evaluations assigned to them (as evaluator or peer reviewer). They edit
  answers only as an assigned evaluator while the evaluation is "in evaluation", and send it to
  peer review; as peer reviewers they return it to the evaluators or send it to the board.
- Board members see everything read-only; at "board decision" they approve or return it.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role, roles_of

from .models import Evaluation, EvaluationState

State = EvaluationState
User = AbstractBaseUser | AnonymousUser


# The roles of the evaluation process; other roles (regional coordinators) see none of it.
EVALUATION_ROLES = frozenset({Role.EDITOR, Role.EVALUATOR, Role.BOARD})


def takes_part(user: User) -> bool:
    return bool(roles_of(user) & EVALUATION_ROLES)


def visible_evaluations(user: User, queryset: QuerySet[Evaluation]) -> QuerySet[Evaluation]:
    if has_role(user, Role.EDITOR) or has_role(user, Role.BOARD):
        return queryset
    if has_role(user, Role.EVALUATOR):
        return queryset.filter(Q(evaluators=user) | Q(peer_reviewers=user)).distinct()
    return queryset.none()


def is_assigned_evaluator(user: User, evaluation: Evaluation) -> bool:
    return has_role(user, Role.EVALUATOR) and evaluation.evaluators.filter(pk=user.pk).exists()


def is_assigned_peer_reviewer(user: User, evaluation: Evaluation) -> bool:
    return has_role(user, Role.EVALUATOR) and evaluation.peer_reviewers.filter(pk=user.pk).exists()


def can_edit_details(user: User, evaluation: Evaluation | None) -> bool:
    """The evaluation's own fields: assignments, summary, outcome. Editors only."""
    if not has_role(user, Role.EDITOR):
        return False
    return evaluation is None or not evaluation.is_published


def can_edit_answers(user: User, evaluation: Evaluation) -> bool:
    """Criterion answers and screened studies, only while the evaluation is "in evaluation".

    So nothing changes under the peer reviewers or after the board's approval: to change an
    answer later, the evaluation goes back to the evaluators, which withdraws the approval.
    """
    if evaluation.state != State.IN_EVALUATION:
        return False
    return has_role(user, Role.EDITOR) or is_assigned_evaluator(user, evaluation)


def can_approve(user: User, evaluation: Evaluation) -> bool:
    return has_role(user, Role.BOARD) and evaluation.state == State.BOARD_DECISION


def may_move(user: User, evaluation: Evaluation, to: str) -> bool:
    """Whether this user may make this move (the workflow decides whether it exists)."""
    if not roles_of(user):
        return False
    editor = has_role(user, Role.EDITOR)
    match (evaluation.state, to):
        case (State.IN_EVALUATION, State.PEER_REVIEW):
            return editor or is_assigned_evaluator(user, evaluation)
        case (State.PEER_REVIEW, State.IN_EVALUATION) | (State.PEER_REVIEW, State.BOARD_DECISION):
            return editor or is_assigned_peer_reviewer(user, evaluation)
        case (State.BOARD_DECISION, State.IN_EVALUATION):
            return editor or has_role(user, Role.BOARD)
        case (State.BOARD_DECISION, State.PUBLISHED):
            return editor and evaluation.board_approved_on is not None
        case _:
            return editor


def can_comment(user: User, evaluation: Evaluation) -> bool:
    """Everyone who may see the evaluation in the workflow writes in its thread."""
    if has_role(user, Role.EDITOR) or has_role(user, Role.BOARD):
        return True
    return is_assigned_evaluator(user, evaluation) or is_assigned_peer_reviewer(user, evaluation)
