"""The states an evaluation moves through, and publishing, which turns it into a rating.

Every move goes through `move`, which refuses a transition the workflow does not allow or
this user may not make; publishing also computes the level and makes it the method's rating.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.roles import Role, has_role
from lib.languages import LANGUAGES
from methods.models import Method
from methods.search import index_methods

from . import notifications, permissions
from .models import (
    CriterionAnswer,
    Evaluation,
    EvaluationComment,
    EvaluationState,
    EvaluationStudy,
    Manual,
    Proposal,
    ProposalState,
)
from .rating import outcome_gaps

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


def save_bumping_lock(
    evaluation: Evaluation, by: AbstractBaseUser | None = None, reason: str = ""
) -> None:
    """Save, and make any form opened before this save stale (optimistic locking).

    `by` and `reason` go into the evaluation's history row.
    """
    evaluation.lock_version += 1
    if by is not None:
        evaluation._history_user = by
    if reason:
        evaluation._change_reason = reason[:100]
    evaluation.save()


# --- What the board approves ----------------------------------------------------------------

# The parts of an evaluation the board's approval covers, with the words a withdrawal names.
APPROVED_PARTS = {
    "answers": gettext_lazy("the answers"),
    "studies": gettext_lazy("the linked studies"),
    "outcome": gettext_lazy("the outcome off the ladder or its reason"),
    "summary": gettext_lazy("the summary"),
    "review_type": gettext_lazy("the review type"),
}


def _fingerprint(content: object) -> str:
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def approved_content(evaluation: Evaluation) -> dict[str, str]:
    """A fingerprint of each part the approval covers, read fresh from the database."""
    # Every language of a justification, named column by column: the bare name would read
    # only the active language's.
    justifications = [f"justification_{code}" for code in LANGUAGES]
    answers = [
        (
            row["criterion__code"],
            row["answer"],
            [row[name] or "" for name in justifications],
            row["studies"],
        )
        for row in CriterionAnswer.objects.filter(evaluation=evaluation)
        .order_by("criterion__code", "studies")
        .values("criterion__code", "answer", *justifications, "studies")
    ]
    # A study's own facts count too: the level rests on its design, country and quality.
    studies = list(
        EvaluationStudy.objects.filter(evaluation=evaluation)
        .order_by("study_id")
        .values_list(
            "study_id",
            "included",
            "reason",
            "study__citation",
            "study__year",
            "study__country",
            "study__design__code",
            "study__quality",
            "study__participants",
        )
    )
    # An empty translation may be stored as NULL or as "": the same summary.
    summaries = [getattr(evaluation, f"summary_{code}") or "" for code in LANGUAGES]
    return {
        "answers": _fingerprint(answers),
        "studies": _fingerprint(studies),
        "outcome": _fingerprint([evaluation.outcome or "", evaluation.outcome_reason or ""]),
        "summary": _fingerprint(summaries),
        "review_type": _fingerprint(evaluation.review_type_id),
    }


def changed_since_approval(evaluation: Evaluation) -> list[str]:
    """The parts (as APPROVED_PARTS names them) changed since the board approved them."""
    if evaluation.board_approved_on is None:
        return []
    now = approved_content(evaluation)
    approved = evaluation.board_approved_content or {}
    return [str(label) for part, label in APPROVED_PARTS.items() if approved.get(part) != now[part]]


def withdraw_approval_if_changed(evaluation: Evaluation, by: AbstractBaseUser) -> list[str]:
    """Withdraw the board's approval when what it approved has changed; return what changed.

    Called after every save that can change an approved evaluation (the admin form with its
    inlines); publish() checks the same, so a change by any other path cannot be published.
    """
    changed = changed_since_approval(evaluation)
    if changed:
        withdraw_approval(
            evaluation,
            by=by,
            reason=_("Approval withdrawn: %(parts)s changed") % {"parts": ", ".join(changed)},
        )
    return changed


def withdraw_approval(evaluation: Evaluation, by: AbstractBaseUser | None, reason: str) -> None:
    evaluation.board_approved_by = None
    evaluation.board_approved_on = None
    evaluation.board_approved_content = {}
    save_bumping_lock(evaluation, by=by, reason=reason)


def publication_gaps(evaluation: Evaluation) -> list[str]:
    """What an outcome off the ladder still lacks before it can be published."""
    included = [
        link.study.facts()
        for link in evaluation.evaluationstudy_set.filter(included=True).select_related(
            "study__design"
        )
    ]
    return outcome_gaps(evaluation.outcome, evaluation.outcome_reason, included)


def can_move(evaluation: Evaluation, to: str) -> bool:
    return to in ALLOWED_MOVES[evaluation.state]


def check_move(evaluation: Evaluation, to: str, by: AbstractBaseUser) -> None:
    names = {"from": evaluation.get_state_display(), "to": State(to).label}
    if not can_move(evaluation, to):
        raise WorkflowError(_("An evaluation cannot move from “%(from)s” to “%(to)s”.") % names)
    if not permissions.may_move(by, evaluation, to):
        raise WorkflowError(refusal_reason(evaluation, to, by) % names)


def refusal_reason(evaluation: Evaluation, to: str, by: AbstractBaseUser) -> str:
    """The real reason this user may not make this move (with %(from)s and %(to)s)."""
    editor = has_role(by, Role.EDITOR)
    if to == State.PUBLISHED:
        if not editor:
            return _("Editors publish: ask an editor to publish the approved evaluation.")
        return _("The scientific board has not approved this evaluation yet.")
    if evaluation.state == State.IN_EVALUATION:
        return _("Only the assigned evaluators or an editor send an evaluation to peer review.")
    if evaluation.state == State.PEER_REVIEW:
        return _(
            "Only the assigned peer reviewers or an editor move an evaluation on from peer review."
        )
    if evaluation.state == State.BOARD_DECISION:
        return _("Only the scientific board or an editor return an evaluation to the evaluators.")
    return _("Only an editor starts an evaluation.")


def is_return(evaluation: Evaluation, to: str) -> bool:
    """Whether the move sends the evaluation back to the evaluators (which needs a reason)."""
    return to == State.IN_EVALUATION and evaluation.state != State.QUEUED


def move(
    evaluation: Evaluation,
    to: str,
    by: AbstractBaseUser,
    on: date | None = None,
    reason: str = "",
) -> list[AbstractBaseUser]:
    """Move an evaluation to another state; publishing goes through `publish`.

    Returning to the evaluators needs a reason, which is kept in the comment thread. The
    people who must act next are notified by mail; the move returns who they are.
    """
    if to == State.PUBLISHED:
        publish(evaluation, by=by, on=on)
        return []
    check_move(evaluation, to, by)
    returned = is_return(evaluation, to)
    if returned:
        if not reason.strip():
            raise WorkflowError(_("Say why the evaluation is returned to the evaluators."))
        EvaluationComment.objects.create(
            evaluation=evaluation, author=by, text=reason.strip(), is_return_reason=True
        )
    if to == State.IN_EVALUATION:
        evaluation.started_on = evaluation.started_on or on or date.today()
        # A returned evaluation needs the board's approval again.
        evaluation.board_approved_by = None
        evaluation.board_approved_on = None
        evaluation.board_approved_content = {}
    evaluation.state = to
    save_bumping_lock(evaluation, by=by, reason=reason)
    return notify_next(evaluation, by=by, returned=returned, reason=reason.strip())


def notify_next(
    evaluation: Evaluation, by: AbstractBaseUser, returned: bool, reason: str
) -> list[AbstractBaseUser]:
    """Mail the people whose turn it is now that the evaluation is in its new state."""
    if returned:
        return notifications.evaluation_returned(evaluation, by=by, reason=reason)
    if evaluation.state == State.IN_EVALUATION:
        return notifications.evaluation_started(evaluation)
    if evaluation.state == State.PEER_REVIEW:
        return notifications.peer_review_due(evaluation)
    return notifications.board_decision_due(evaluation)


def add_comment(evaluation: Evaluation, by: AbstractBaseUser, text: str) -> EvaluationComment:
    """A comment in the evaluation's internal thread, by anyone who takes part in it."""
    if not permissions.can_comment(by, evaluation):
        raise WorkflowError(
            _("Only the evaluation's evaluators, peer reviewers, the board and editors comment.")
        )
    if not text.strip():
        raise WorkflowError(_("Write the comment first."))
    return EvaluationComment.objects.create(evaluation=evaluation, author=by, text=text.strip())


def approve(
    evaluation: Evaluation, by: AbstractBaseUser, on: date | None = None, notify: bool = True
) -> list[AbstractBaseUser]:
    """The scientific board's recorded approval of the evaluation and its classification.

    The editors are told that they can publish; `notify=False` is for ratings recorded after
    the fact (the demo data, imports), which nobody needs to act on.
    """
    if not permissions.can_approve(by, evaluation):
        raise WorkflowError(
            _("Only a member of the scientific board can approve, at the board decision stage.")
        )
    evaluation.board_approved_by = by
    evaluation.board_approved_on = on or date.today()
    evaluation.board_approved_content = approved_content(evaluation)
    save_bumping_lock(evaluation, by=by, reason=_("Approved by the scientific board"))
    return notifications.evaluation_approved(evaluation) if notify else []


@transaction.atomic
def publish(evaluation: Evaluation, by: AbstractBaseUser, on: date | None = None) -> None:
    """Publish: store the computed level and make it the method's rating everywhere."""
    check_move(evaluation, State.PUBLISHED, by)
    changed = changed_since_approval(evaluation)
    if changed:
        raise WorkflowError(
            _(
                "Since the board approved this evaluation, %(parts)s changed; it needs the "
                "board's approval again."
            )
            % {"parts": ", ".join(changed)}
        )
    gaps = publication_gaps(evaluation)
    if gaps:
        raise WorkflowError(
            _("“%(outcome)s” cannot be published; it still needs %(missing)s.")
            % {"outcome": evaluation.get_outcome_display(), "missing": "; ".join(gaps)}
        )
    result = evaluation.rating_result()
    level = evaluation.scale_level(result)
    if level is None and result.outcome:
        raise WorkflowError(
            _("The rating scale of this manual has no outcome “%(outcome)s”.")
            % {"outcome": evaluation.get_outcome_display()}
        )
    if level is None:
        raise WorkflowError(
            _("The answers do not reach the lowest level, so there is no rating to publish.")
            + " "
            + result.explanation
        )
    evaluation.level = level
    evaluation.published_on = on or date.today()
    evaluation.state = State.PUBLISHED
    save_bumping_lock(evaluation, by=by, reason=_("Published"))
    evaluation.method.apply_rating(evaluation)
    notifications.proposed_evaluation_published(evaluation)


@transaction.atomic
def decide_proposal(
    proposal: Proposal, accept: bool, by: AbstractBaseUser, note: str = "", on: date | None = None
) -> None:
    """The board's recorded decision on a proposal.

    Accepting needs all five inclusion criteria met and neither exclusion; it creates the
    method as an unpublished draft (unless the proposal names an existing one) and queues
    its evaluation with the current manual.
    """
    if not has_role(by, Role.BOARD):
        raise WorkflowError(_("Only a member of the scientific board can decide on proposals."))
    if proposal.state != ProposalState.PROPOSED:
        raise WorkflowError(_("This proposal has already been decided."))
    if accept and not proposal.meets_inclusion_criteria:
        raise WorkflowError(
            _("The proposal can be accepted only when all five inclusion criteria are met.")
        )
    if not accept and not note.strip():
        raise WorkflowError(_("Give the reason why the proposal is not accepted."))
    if accept:
        method = proposal.method or Method.objects.create(
            slug=unique_slug(proposal.method_name),
            name=proposal.method_name,
            name_fi=proposal.method_name,
            website=proposal.website,
            age_min=0,
            age_max=17,
        )
        index_methods([method])
        proposal.method = method
        proposal.evaluation = new_evaluation(method)
    proposal.state = ProposalState.ACCEPTED if accept else ProposalState.REJECTED
    proposal.decision_note = note
    proposal.decided_by = by
    proposal.decided_on = on or date.today()
    proposal.save()
    notifications.proposal_decided(proposal)


def next_version(method: Method) -> int:
    latest = Evaluation.objects.filter(method=method).order_by("-version").first()
    return latest.version + 1 if latest else 1


def unique_slug(name: str) -> str:
    base = slugify(name)[:100] or "menetelma"
    slug, number = base, 1
    while Method.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def start_update(method: Method, by: AbstractBaseUser) -> Evaluation:
    """A new version of a published evaluation: the old one stays as it was."""
    if not has_role(by, Role.EDITOR):
        raise WorkflowError(_("Only an editor can start an update."))
    return new_evaluation(method)


def has_evaluation_under_way(method: Method) -> bool:
    return Evaluation.objects.under_way().filter(method=method).exists()


def new_evaluation(method: Method) -> Evaluation:
    """A queued evaluation of the method with the current manual, answers ready to fill."""
    if has_evaluation_under_way(method):
        raise WorkflowError(_("An evaluation of this method is already under way."))
    evaluation = Evaluation.objects.create(
        method=method, manual=Manual.objects.latest("valid_from"), version=next_version(method)
    )
    prepare_answers(evaluation)
    return evaluation


def prepare_answers(evaluation: Evaluation) -> None:
    """An empty answer for every criterion of the manual, for the evaluators to fill in."""
    existing = set(evaluation.answers.values_list("criterion_id", flat=True))
    CriterionAnswer.objects.bulk_create(
        CriterionAnswer(evaluation=evaluation, criterion=criterion)
        for criterion in evaluation.manual.criteria.all()
        if criterion.pk not in existing
    )


# --- The moves a user may make now, as the evaluation page's buttons ----------------------


@dataclass(frozen=True)
class Step:
    """A move offered as a button: what it is called and what confirming it does."""

    key: str
    label: str
    confirmation: str
    needs_reason: bool = False


def _people(users) -> str:
    return ", ".join(str(user) for user in users) or "–"


def available_steps(evaluation: Evaluation, user: AbstractBaseUser) -> list[Step]:
    """Exactly the moves this user may make on this evaluation now."""
    steps = []

    def offer(to: str, step: Step) -> None:
        if can_move(evaluation, to) and permissions.may_move(user, evaluation, to):
            steps.append(step)

    if evaluation.state == State.QUEUED:
        offer(
            State.IN_EVALUATION,
            Step(
                "start",
                _("Start the evaluation"),
                _("The evaluators can then answer the criteria."),
            ),
        )
    offer(
        State.PEER_REVIEW,
        Step(
            "peer_review",
            _("Send to peer review"),
            _("The answers are then locked and the peer reviewers (%(people)s) review them.")
            % {"people": _people(evaluation.peer_reviewers.all())},
        ),
    )
    if evaluation.state != State.QUEUED:
        offer(
            State.IN_EVALUATION,
            Step(
                "return",
                _("Return to the evaluators"),
                _(
                    "The evaluation goes back to the evaluators (%(people)s) with your reason; "
                    "any approval of the board is withdrawn."
                )
                % {"people": _people(evaluation.evaluators.all())},
                needs_reason=True,
            ),
        )
    offer(
        State.BOARD_DECISION,
        Step(
            "board",
            _("Send to the board"),
            _("The scientific board then decides whether to approve the evaluation."),
        ),
    )
    approved_as_is = evaluation.board_approved_on is not None and not changed_since_approval(
        evaluation
    )
    if permissions.can_approve(user, evaluation) and not approved_as_is:
        steps.append(
            Step(
                "approve",
                _("Approve"),
                _(
                    "You approve exactly what is on this page now; any later change withdraws "
                    "the approval."
                ),
            )
        )
    offer(
        State.PUBLISHED,
        Step(
            "publish",
            _("Publish"),
            _(
                "The level is computed and becomes the method's public rating; nothing can be "
                "changed after that."
            ),
        ),
    )
    if (
        evaluation.is_published
        and has_role(user, Role.EDITOR)
        and not has_evaluation_under_way(evaluation.method)
        and next_version(evaluation.method) == evaluation.version + 1
    ):
        steps.append(
            Step(
                "update",
                _("Start an update"),
                _("A new version is queued; this published one stays as it is."),
            )
        )
    return steps


STEP_TARGETS = {
    "start": State.IN_EVALUATION,
    "peer_review": State.PEER_REVIEW,
    "return": State.IN_EVALUATION,
    "board": State.BOARD_DECISION,
    "publish": State.PUBLISHED,
}


def why_not(evaluation: Evaluation, key: str, by: AbstractBaseUser) -> str:
    """The real reason a button is not open to this user now."""
    to = STEP_TARGETS.get(key)
    if to and can_move(evaluation, to) and not permissions.may_move(by, evaluation, to):
        names = {"from": evaluation.get_state_display(), "to": State(to).label}
        return refusal_reason(evaluation, to, by) % names
    if key == "approve" and not has_role(by, Role.BOARD):
        return _("Only a member of the scientific board approves.")
    return _("This move is not open to you at this stage.")


def take_step(evaluation: Evaluation, key: str, by: AbstractBaseUser, reason: str = "") -> str:
    """Make the move a button stands for; return what happened, in words for the user."""
    if key not in {step.key for step in available_steps(evaluation, by)}:
        raise WorkflowError(why_not(evaluation, key, by))
    if key == "approve":
        told = approve(evaluation, by=by)
        return _("Approved, and an editor can now publish it") + "; " + notified(told)
    if key == "update":
        update = start_update(evaluation.method, by=by)
        return _("Update started: version %(version)s is queued.") % {"version": update.version}
    told = move(evaluation, STEP_TARGETS[key], by=by, reason=reason)
    done = {
        "start": _("Started"),
        "peer_review": _("Sent to peer review"),
        "return": _("Returned to the evaluators with your reason"),
        "board": _("Sent to the board for its decision"),
        "publish": _("Published: the rating is now public."),
    }[key]
    if key == "publish":
        return done
    return f"{done}; {notified(told)}"


def notified(people: list[AbstractBaseUser]) -> str:
    """ "Aino Arvioitsija was notified." – or that nobody could be, for the page's message."""
    if not people:
        return _("nobody was notified by mail: no one who acts next has an email address.")
    return ngettext("%(people)s was notified.", "%(people)s were notified.", len(people)) % {
        "people": _people(people)
    }
