""" "My tasks" on the admin home: what is waiting for this user, by role, each with a link."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.roles import Role, has_role

from .models import Evaluation, EvaluationState, Proposal, ProposalState

State = EvaluationState
# A list longer than this shows its first rows and links to the whole list.
TASKS_SHOWN = 10


@dataclass(frozen=True)
class Task:
    label: str
    detail: str
    url: str


@dataclass(frozen=True)
class TaskList:
    title: str
    tasks: list[Task]
    all_url: str


def _evaluation_tasks(queryset: QuerySet[Evaluation]) -> list[Task]:
    rows = queryset.select_related("method").order_by("created_at", "pk")[:TASKS_SHOWN]
    return [
        Task(
            label=str(evaluation),
            detail=evaluation.get_state_display(),
            url=reverse("admin:evaluations_evaluation_change", args=[evaluation.pk]),
        )
        for evaluation in rows
    ]


def _changelist(**filters: str) -> str:
    return f"{reverse('admin:evaluations_evaluation_changelist')}?{urlencode(filters)}"


def tasks_for(user: AbstractBaseUser) -> list[TaskList]:
    """The lists of work waiting for this user; a list with nothing in it is left out."""
    lists = []
    evaluations = Evaluation.objects.all()
    if has_role(user, Role.EVALUATOR) or has_role(user, Role.EDITOR):
        assigned = evaluations.filter(
            evaluators=user, state__in=[State.QUEUED, State.IN_EVALUATION]
        )
        lists.append(
            TaskList(
                _("Evaluations assigned to me"),
                _evaluation_tasks(assigned),
                _changelist(mine="evaluator"),
            )
        )
        to_review = evaluations.filter(peer_reviewers=user, state=State.PEER_REVIEW)
        lists.append(
            TaskList(
                _("Waiting for my peer review"),
                _evaluation_tasks(to_review),
                _changelist(mine="peer_reviewer", state__exact=State.PEER_REVIEW),
            )
        )
    if has_role(user, Role.BOARD):
        awaiting = evaluations.filter(state=State.BOARD_DECISION, board_approved_on=None)
        lists.append(
            TaskList(
                _("Waiting for the board's approval"),
                _evaluation_tasks(awaiting),
                _changelist(state__exact=State.BOARD_DECISION),
            )
        )
    if has_role(user, Role.EDITOR):
        approved = evaluations.filter(state=State.BOARD_DECISION, board_approved_on__isnull=False)
        lists.append(
            TaskList(
                _("Approved by the board, waiting to be published"),
                _evaluation_tasks(approved),
                _changelist(state__exact=State.BOARD_DECISION),
            )
        )
    if has_role(user, Role.EDITOR) or has_role(user, Role.BOARD):
        proposals = Proposal.objects.filter(state=ProposalState.PROPOSED).order_by("created_at")
        lists.append(
            TaskList(
                _("Proposals waiting for a decision"),
                [
                    Task(
                        label=proposal.method_name,
                        detail=f"{timezone.localtime(proposal.created_at):%d.%m.%Y}",
                        url=reverse("admin:evaluations_proposal_change", args=[proposal.pk]),
                    )
                    for proposal in proposals.only("method_name", "created_at")[:TASKS_SHOWN]
                ],
                reverse("admin:evaluations_proposal_changelist")
                + "?"
                + urlencode({"state__exact": ProposalState.PROPOSED}),
            )
        )
    return [task_list for task_list in lists if task_list.tasks]
