"""Known devices: a lockout of a user name does not shut its owner out of their own browser.

The login lockout counts failures per user name across all addresses, so that guesses spread
over many addresses cannot go on for ever. That alone would let anyone lock a colleague out by
typing wrong passwords under their name. The defence (OWASP's "device cookies"): a browser in
which the user has signed in before carries a signed cookie naming that user. From such a
browser only the failures of that browser's own address count, and a successful login there
clears the lock on the user name everywhere.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

COOKIE_NAME = "kt_known_device"
COOKIE_SALT = "accounts.known-device"
COOKIE_MAX_AGE = 60 * 60 * 24 * 180  # half a year: long enough for someone who signs in monthly

# The lockout parameters (see AXES_LOCKOUT_PARAMETERS): per user name and address always, per
# user name across addresses only for browsers that are not known to belong to that user.
EVERY_CLIENT = [["username", "ip_address"], "username"]
KNOWN_DEVICE = [["username", "ip_address"]]


def known_username(request: HttpRequest) -> str | None:
    """The user name this browser's known-device cookie vouches for, if any and valid."""
    try:
        return signing.get_cookie_signer(salt=COOKIE_SALT).unsign(
            request.COOKIES.get(COOKIE_NAME, ""), max_age=COOKIE_MAX_AGE
        )
    except signing.BadSignature:
        return None


def lockout_parameters(request_or_attempt: object, credentials: dict | None = None) -> list:
    """django-axes asks this which failures count against a login attempt."""
    username = (credentials or {}).get("username")
    from_known_device = (
        isinstance(request_or_attempt, HttpRequest)
        and username is not None
        and known_username(request_or_attempt) == username
    )
    return KNOWN_DEVICE if from_known_device else EVERY_CLIENT


@receiver(user_logged_in)
def remember_device_and_unlock(sender: type, request: HttpRequest | None, user, **kwargs) -> None:
    if request is None:
        return
    username = user.get_username()
    if known_username(request) == username:
        AccessAttempt.objects.filter(username=username).delete()
    request.known_device_username = username  # the middleware below sets the cookie


def known_device_middleware(get_response):
    """Gives a browser the known-device cookie when its user has just signed in there."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        username = getattr(request, "known_device_username", None)
        if username:
            response.set_cookie(
                COOKIE_NAME,
                signing.get_cookie_signer(salt=COOKIE_SALT).sign(username),
                max_age=COOKIE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    return middleware
