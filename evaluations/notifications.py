"""Mail to the people who must act next in the evaluation workflow.

Each function queues one mail per person (evaluations.outbox: sent after the transaction
commits, retried if sending fails) and returns the people it wrote to, so that the page can
say who was notified. Mail is written in the recipient's language: the proposer's is the
language of the proposal; staff choose theirs on their user record (`User.language`, Finnish
unless they change it). A person without an email address, or whose account is closed, is
skipped.
"""

from collections.abc import Callable, Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import Role
from lib.http import absolute_url
from lib.languages import MASTER_LANGUAGE

from .models import Evaluation, Proposal, ProposalState
from .outbox import queue

SIGNATURE = "\n\n-- \nKasvun tuki"


def language_of(user: User) -> str:
    return user.language or MASTER_LANGUAGE


def members_of(role: Role) -> list[User]:
    return list(User.objects.filter(groups__name=role, is_active=True).order_by("pk"))


def evaluation_link(evaluation: Evaluation) -> str:
    """The evaluation's page in the admin, in the language active while the mail is written."""
    return absolute_url(None, reverse("admin:evaluations_evaluation_change", args=[evaluation.pk]))


def tell(users: Iterable[User], compose: Callable[[User], tuple[str, str]]) -> list[User]:
    """Queue compose(user)'s (subject, body) to each user who has an address."""
    told = []
    for user in users:
        if not user.email or not user.is_active:
            continue
        queue(user.email, language_of(user), lambda user=user: compose(user))
        told.append(user)
    return told


def _evaluation_mail(evaluation: Evaluation, user: User, subject: str, news: str) -> tuple:
    body = (
        _("Hello %(name)s,") % {"name": user}
        + "\n\n"
        + news
        + "\n\n"
        + _("Open the evaluation: %(link)s") % {"link": evaluation_link(evaluation)}
        + SIGNATURE
    )
    return subject, body


def _names(evaluation: Evaluation) -> dict[str, object]:
    return {"method": evaluation.method, "version": evaluation.version}


def _tell_of(evaluation: Evaluation, users: Iterable[User], subject, news) -> list[User]:
    """Queue one mail of `subject` and `news` to each user. Both are lazy texts, formatted
    with the evaluation's %(method)s, %(version)s and %(state)s only while each mail is
    written, so that each reads in its recipient's language."""

    def compose(user: User) -> tuple[str, str]:
        names = {**_names(evaluation), "state": evaluation.get_state_display()}
        return _evaluation_mail(evaluation, user, subject % names, news % names)

    return tell(users, compose)


def evaluators_assigned(evaluation: Evaluation, users: Iterable[User]) -> list[User]:
    return _tell_of(
        evaluation,
        users,
        gettext_lazy("You are an evaluator of %(method)s"),
        gettext_lazy(
            "You have been assigned to evaluate %(method)s (version %(version)s). "
            "The evaluation is now at the stage “%(state)s”."
        ),
    )


def evaluation_started(evaluation: Evaluation) -> list[User]:
    return _tell_of(
        evaluation,
        evaluation.evaluators.all(),
        gettext_lazy("The evaluation of %(method)s has started"),
        gettext_lazy(
            "The evaluation of %(method)s (version %(version)s) has started: you can now "
            "answer the criteria and screen the studies."
        ),
    )


def evaluation_returned(evaluation: Evaluation, by: User, reason: str) -> list[User]:
    def compose(user: User) -> tuple[str, str]:
        return _evaluation_mail(
            evaluation,
            user,
            _("The evaluation of %(method)s was returned to you") % _names(evaluation),
            _(
                "%(who)s returned the evaluation of %(method)s (version %(version)s) to the "
                "evaluators. The reason:"
            )
            % {**_names(evaluation), "who": by}
            + "\n\n"
            + reason,
        )

    return tell(evaluation.evaluators.all(), compose)


def peer_review_due(evaluation: Evaluation, users: Iterable[User] | None = None) -> list[User]:
    return _tell_of(
        evaluation,
        evaluation.peer_reviewers.all() if users is None else users,
        gettext_lazy("Your peer review of %(method)s, please"),
        gettext_lazy(
            "The evaluation of %(method)s (version %(version)s) has been sent to peer "
            "review, and you are its peer reviewer. Review the answers, then return the "
            "evaluation to the evaluators or send it to the board."
        ),
    )


def board_decision_due(evaluation: Evaluation) -> list[User]:
    return _tell_of(
        evaluation,
        members_of(Role.BOARD),
        gettext_lazy("%(method)s awaits the board's approval"),
        gettext_lazy(
            "The evaluation of %(method)s (version %(version)s) has passed peer review "
            "and awaits the scientific board's decision: approve it or return it to the "
            "evaluators."
        ),
    )


def evaluation_approved(evaluation: Evaluation) -> list[User]:
    return _tell_of(
        evaluation,
        members_of(Role.EDITOR),
        gettext_lazy("%(method)s was approved and can be published"),
        gettext_lazy(
            "The scientific board approved the evaluation of %(method)s (version "
            "%(version)s). An editor can now publish it."
        ),
    )


def proposal_received(proposal: Proposal) -> list[User]:
    def compose(user: User) -> tuple[str, str]:
        link = absolute_url(None, reverse("admin:evaluations_proposal_change", args=[proposal.pk]))
        body = (
            _("Hello %(name)s,") % {"name": user}
            + "\n\n"
            + _(
                "%(proposer)s proposed the method %(method)s for evaluation. Check it "
                "against the inclusion criteria for the board's decision."
            )
            % {"proposer": proposal.proposer_name, "method": proposal.method_name}
            + "\n\n"
            + _("Open the proposal: %(link)s") % {"link": link}
            + SIGNATURE
        )
        return _("New proposal: %(method)s") % {"method": proposal.method_name}, body

    return tell(members_of(Role.EDITOR), compose)


def proposal_decided(proposal: Proposal) -> bool:
    """Tell the proposer what became of the proposal, in the language they proposed it in."""
    if not proposal.proposer_email:
        return False

    def compose() -> tuple[str, str]:
        link = absolute_url(
            None, reverse("proposal_status", kwargs={"public_id": proposal.public_id})
        )
        if proposal.state == ProposalState.ACCEPTED:
            news = _("The scientific board accepted your proposal: %(method)s will be evaluated.")
        else:
            news = _("The scientific board did not accept your proposal of %(method)s.")
        body = _("Hello %(name)s,") % {"name": proposal.proposer_name} + "\n\n"
        body += news % {"method": proposal.method_name}
        if proposal.decision_note:
            body += "\n\n" + _("The board's reasoning:") + "\n" + proposal.decision_note
        body += "\n\n" + _("Follow the status of your proposal: %(link)s") % {"link": link}
        subject = _("Your proposal %(method)s: %(state)s") % {
            "method": proposal.method_name,
            "state": proposal.get_state_display(),
        }
        return subject, body + SIGNATURE

    queue(proposal.proposer_email, proposal.language or MASTER_LANGUAGE, compose)
    return True


def proposed_evaluation_published(evaluation: Evaluation) -> int:
    """Tell the proposers of the method that the evaluation they asked for is published."""
    proposals = Proposal.objects.filter(evaluation=evaluation).exclude(proposer_email="")
    for proposal in proposals:

        def compose(proposal: Proposal = proposal) -> tuple[str, str]:
            link = absolute_url(
                None, reverse("proposal_status", kwargs={"public_id": proposal.public_id})
            )
            body = (
                _("Hello %(name)s,") % {"name": proposal.proposer_name}
                + "\n\n"
                + _(
                    "The evaluation of %(method)s that you proposed has been completed and "
                    "its rating published."
                )
                % {"method": proposal.method_name}
                + "\n\n"
                + _("Follow the status of your proposal: %(link)s") % {"link": link}
                + SIGNATURE
            )
            return _("The evaluation of %(method)s is published") % {
                "method": proposal.method_name
            }, body

        queue(proposal.proposer_email, proposal.language or MASTER_LANGUAGE, compose)
    return len(proposals)
