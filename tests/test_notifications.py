"""Mail to the people who must act, received over real SMTP from a server on 127.0.0.1.

Each test starts an aiosmtpd server on a free port and points the default mailer at it, so
what is checked is the mail the app really sent: its recipients, its language and its links.
Mail goes out after the transaction commits; django_capture_on_commit_callbacks runs those
callbacks, as a real commit would.
"""

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.core.management import call_command

from accounts.models import User
from accounts.roles import Role, ensure_role_groups
from evaluations.models import (
    INCLUSION_CRITERIA,
    Answer,
    EvaluationState,
    OutgoingMail,
    Proposal,
    ProposalState,
)
from evaluations.workflow import approve, decide_proposal, move, publish

from .admin_forms import change_form_data
from .conftest import client_for
from .test_proposals import proposal_data

State = EvaluationState
SITE = "https://kasvuntuki.example"


@dataclass
class Received:
    to: list[str]
    subject: str
    body: str


@dataclass
class Inbox:
    """What the SMTP server received; `refuse` makes it turn every message away."""

    received: list[Received] = field(default_factory=list)
    refuse: bool = False

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refuse:
            return "451 Requested action aborted: local error in processing"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(
            Received(list(envelope.rcpt_tos), str(message["Subject"]), message.get_content())
        )
        return "250 OK"

    def to(self, address: str) -> list[Received]:
        return [mail for mail in self.received if address in mail.to]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings) -> Iterator[Inbox]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    settings.SITE_URL = SITE
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (the sending) of what happens inside the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def named(username: str, role: Role, first: str, last: str) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-password-1", first_name=first, last_name=last
    )
    user.is_staff = True
    user.save()
    user.groups.add(ensure_role_groups()[role])
    return user


@pytest.fixture
def in_evaluation(evaluation, editor):
    for answer in evaluation.answers.select_related("criterion"):
        answer.answer = Answer.MET if answer.criterion.level <= 2 else Answer.NOT_MET
        answer.save()
    move(evaluation, State.IN_EVALUATION, by=editor)
    return evaluation


def admin_link(evaluation) -> str:
    return f"{SITE}/admin/evaluations/evaluation/{evaluation.pk}/change/"


@pytest.mark.django_db
def test_evaluators_assigned_in_the_admin_are_told_in_finnish_with_a_link(
    inbox, commit, evaluation, editor, make_method
) -> None:
    newcomer = named("aino", Role.EVALUATOR, "Aino", "Arvioitsija")
    url = f"/admin/evaluations/evaluation/{evaluation.pk}/change/"
    data = change_form_data(client_for(editor).get(url))
    data["evaluators"] = [str(pk) for pk in evaluation.evaluators.values_list("pk", flat=True)]
    data["evaluators"].append(str(newcomer.pk))
    with commit():
        response = client_for(editor).post(url, data, follow=True)
    assert "Aino Arvioitsija" in response.text
    [mail] = inbox.received  # the evaluator assigned before is not told again
    assert mail.to == ["aino@example.org"]
    assert "Sinut on nimetty arvioimaan" in mail.body
    assert admin_link(evaluation) in mail.body


@pytest.mark.django_db
def test_starting_tells_the_evaluators(inbox, commit, evaluation, editor, evaluator) -> None:
    with commit():
        move(evaluation, State.IN_EVALUATION, by=editor)
    [mail] = inbox.received
    assert mail.to == [evaluator.email]
    assert admin_link(evaluation) in mail.body


@pytest.mark.django_db
def test_the_peer_reviewer_is_told_when_it_is_their_turn(
    inbox, commit, in_evaluation, evaluator, other_evaluator
) -> None:
    with commit():
        move(in_evaluation, State.PEER_REVIEW, by=evaluator)
    [mail] = inbox.received
    assert mail.to == [other_evaluator.email]
    assert "vertaisarvioi" in mail.body.lower()
    assert admin_link(in_evaluation) in mail.body


@pytest.mark.django_db
def test_a_swedish_speaking_peer_reviewer_is_told_in_swedish_with_a_swedish_link(
    inbox, commit, in_evaluation, evaluator, other_evaluator
) -> None:
    other_evaluator.language = "sv"
    other_evaluator.save()
    with commit():
        move(in_evaluation, State.PEER_REVIEW, by=evaluator)
    [mail] = inbox.received
    assert mail.subject.startswith("Din sakkunniggranskning av")
    assert f"{SITE}/sv/admin/evaluations/evaluation/{in_evaluation.pk}/change/" in mail.body


@pytest.mark.django_db
def test_a_returned_evaluation_tells_the_evaluators_the_reason(
    inbox, commit, in_evaluation, evaluator, other_evaluator
) -> None:
    move(in_evaluation, State.PEER_REVIEW, by=evaluator)
    with commit():
        move(
            in_evaluation,
            State.IN_EVALUATION,
            by=other_evaluator,
            reason="Kriteerin 3.1 tutkimus puuttuu.",
        )
    [mail] = inbox.received
    assert mail.to == [evaluator.email]
    assert "Kriteerin 3.1 tutkimus puuttuu." in mail.body
    assert str(other_evaluator) in mail.body


@pytest.mark.django_db
def test_the_board_is_told_when_its_approval_is_awaited(
    inbox, commit, in_evaluation, editor, board_member
) -> None:
    second = named("tuomas", Role.BOARD, "Tuomas", "Tieteellinen")
    move(in_evaluation, State.PEER_REVIEW, by=editor)
    with commit():
        move(in_evaluation, State.BOARD_DECISION, by=editor)
    assert sorted(address for mail in inbox.received for address in mail.to) == sorted(
        [board_member.email, second.email]
    )
    assert all(admin_link(in_evaluation) in mail.body for mail in inbox.received)


@pytest.mark.django_db
def test_editors_are_told_when_the_board_approved(
    inbox, commit, in_evaluation, editor, board_member
) -> None:
    move(in_evaluation, State.PEER_REVIEW, by=editor)
    move(in_evaluation, State.BOARD_DECISION, by=editor)
    with commit():
        approve(in_evaluation, by=board_member)
    [mail] = inbox.received
    assert mail.to == [editor.email]
    assert "julkaista" in mail.body


@pytest.mark.django_db
def test_editors_are_told_when_a_proposal_arrives(inbox, commit, client, editor) -> None:
    cache.clear()  # the proposal throttle counts per address
    form = proposal_data(method_name="Perhekoulu")
    with commit():
        response = client.post("/sv/foresla/", form)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    [mail] = inbox.received
    assert mail.to == [editor.email]
    assert "Perhekoulu" in mail.subject
    assert f"{SITE}/admin/evaluations/proposal/{proposal.pk}/change/" in mail.body


@pytest.mark.django_db
def test_the_proposer_is_told_of_the_decision_in_the_language_they_proposed_in(
    inbox, commit, board_member
) -> None:
    proposal = Proposal.objects.create(
        method_name="Perhekoulu",
        description="Vanhempien ryhmä.",
        proposer_name="Maja Svensson",
        proposer_email="maja@example.org",
        language="sv",
    )
    with commit():
        decide_proposal(proposal, accept=False, by=board_member, note="Ei teoriaperustaa.")
    [mail] = inbox.received
    assert mail.to == ["maja@example.org"]
    assert proposal.state == ProposalState.REJECTED
    assert "Hej Maja Svensson" in mail.body
    assert "Ei teoriaperustaa." in mail.body
    assert f"{SITE}/sv/foresla/{proposal.public_id}/" in mail.body


@pytest.mark.django_db
def test_the_button_says_who_was_notified(commit, inbox, in_evaluation, evaluator) -> None:
    url = f"/en/admin/evaluations/evaluation/{in_evaluation.pk}/step/peer_review/"
    with commit():
        response = client_for(evaluator).post(url, follow=True)
    assert "Sent to peer review; toinen-arvioitsija was notified." in response.text


@pytest.mark.django_db
def test_a_person_without_an_address_is_skipped_and_the_page_says_so(
    commit, inbox, in_evaluation, evaluator, other_evaluator
) -> None:
    other_evaluator.email = ""
    other_evaluator.save()
    url = f"/en/admin/evaluations/evaluation/{in_evaluation.pk}/step/peer_review/"
    with commit():
        response = client_for(evaluator).post(url, follow=True)
    assert "nobody was notified by mail" in response.text
    assert inbox.received == []


@pytest.mark.django_db
def test_a_failing_smtp_server_leaves_the_move_made_and_the_mail_queued_for_retry(
    commit, inbox, in_evaluation, evaluator, other_evaluator
) -> None:
    inbox.refuse = True
    url = f"/en/admin/evaluations/evaluation/{in_evaluation.pk}/step/peer_review/"
    with commit():
        response = client_for(evaluator).post(url, follow=True)
    assert response.status_code == 200
    in_evaluation.refresh_from_db()
    assert in_evaluation.state == State.PEER_REVIEW
    queued = OutgoingMail.objects.get(to=other_evaluator.email)
    assert (queued.sent_at, queued.attempts) == (None, 1)
    assert "451" in queued.last_error

    inbox.refuse = False
    call_command("send_queued_mail", verbosity=0)
    assert other_evaluator.email in [address for mail in inbox.received for address in mail.to]
    queued.refresh_from_db()
    assert queued.sent_at is not None


@pytest.mark.django_db
def test_a_move_refused_by_the_workflow_sends_no_mail(
    commit, inbox, in_evaluation, board_member
) -> None:
    url = f"/en/admin/evaluations/evaluation/{in_evaluation.pk}/step/peer_review/"
    queued_before = OutgoingMail.objects.count()
    with commit():
        client_for(board_member).post(url)
    assert OutgoingMail.objects.count() == queued_before
    assert inbox.received == []


@pytest.mark.django_db
def test_a_closed_account_is_not_written_to(
    commit, inbox, in_evaluation, evaluator, other_evaluator
) -> None:
    other_evaluator.is_active = False
    other_evaluator.save()
    with commit():
        move(in_evaluation, State.PEER_REVIEW, by=evaluator)
    assert inbox.received == []


@pytest.mark.django_db
def test_the_proposer_is_told_when_the_evaluation_they_proposed_is_published(
    inbox, commit, make_method, editor, evaluator, board_member
) -> None:
    proposal = Proposal.objects.create(
        method_name="Perhekoulu",
        description="Vanhempien ryhmä.",
        proposer_name="Maja Svensson",
        proposer_email="maja@example.org",
        language="sv",
        **{f"{prefix}_met": True for prefix in INCLUSION_CRITERIA},
    )
    decide_proposal(proposal, accept=True, by=board_member)
    evaluation = proposal.evaluation
    for answer in evaluation.answers.select_related("criterion"):
        answer.answer = Answer.MET if answer.criterion.level <= 2 else Answer.NOT_MET
        answer.save()
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    approve(evaluation, by=board_member)
    with commit():
        publish(evaluation, by=editor)
    [mail] = inbox.to("maja@example.org")
    assert "publicerats" in mail.body
    assert f"{SITE}/sv/foresla/{proposal.public_id}/" in mail.body
