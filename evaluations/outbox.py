"""Mail that must not be lost and must not hold up the change it tells about.

`queue` writes the mail in the current transaction and sends it once that commits; a send
that fails is logged and left in the outbox, and `send_queued_mail` (run from cron, e.g.
every five minutes) retries it. The state change itself never waits for or depends on mail.
"""

import logging
from collections.abc import Callable

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation

from .models import OutgoingMail

logger = logging.getLogger(__name__)

# After this many failed attempts a mail stays in the outbox (with its error) for a person.
MAX_ATTEMPTS = 10


def queue(address: str, language: str, compose: Callable[[], tuple[str, str]]) -> OutgoingMail:
    """Queue a mail to one address, written in that person's language.

    `compose` returns (subject, body); it runs with the recipient's language active, so its
    gettext calls and reversed links are in that language.
    """
    with translation.override(language):
        subject, body = compose()
    mail = OutgoingMail.objects.create(
        to=address, language=language, subject=" ".join(subject.split())[:300], body=body
    )
    transaction.on_commit(lambda: send(mail.pk), robust=True)
    return mail


def send(mail_id: int) -> bool:
    """Send one queued mail unless it was sent already; return whether it went out now.

    The row is locked while it is sent, so the retry command and a fresh send never send the
    same mail twice.
    """
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, sent_at=None)
            .first()
        )
        if mail is None:
            return False
        mail.attempts += 1
        message = EmailMessage(mail.subject, mail.body, to=[mail.to])
        try:
            message.send(using="default")
        except Exception as error:  # any failure (refused, timed out, down) waits for a retry
            logger.warning(
                "Mail %s to %s not sent (attempt %s): %s", mail.pk, mail.to, mail.attempts, error
            )
            mail.last_error = f"{type(error).__name__}: {error}"[:1000]
            mail.save(update_fields=["attempts", "last_error"])
            return False
        mail.sent_at = timezone.now()
        mail.last_error = ""
        mail.save(update_fields=["attempts", "last_error", "sent_at"])
        return True


def send_unsent() -> tuple[int, int]:
    """Retry every mail not sent yet (oldest first); return (sent, still unsent)."""
    waiting = OutgoingMail.objects.filter(sent_at=None, attempts__lt=MAX_ATTEMPTS)
    sent = sum(send(mail_id) for mail_id in waiting.values_list("pk", flat=True))
    return sent, OutgoingMail.objects.filter(sent_at=None).count()
