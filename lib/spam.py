"""Spam guards and the submission throttle of the public forms, without any third-party service.

A field hidden from people that bots fill in, and a signed timestamp that must be at least a
few seconds old (people take longer to write than scripts) and at most a few hours. A token is
good for one submission: one that was accepted once is refused after it, so a script cannot
wait once and replay the same token without limit.
"""

import hashlib
import secrets
import time

from django import forms
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .http import client_address

MIN_SECONDS_TO_FILL = 3
MAX_SECONDS_TO_FILL = 6 * 60 * 60
TOKEN_SALT = "kasvuntuki.public-form"


def new_form_token(age_seconds: float = 0) -> str:
    """A token for a form opened `age_seconds` ago (tests pass an age; the form, none)."""
    payload = {"t": time.time() - age_seconds, "n": secrets.token_urlsafe(12)}
    return signing.dumps(payload, salt=TOKEN_SALT)


def use_token(token: str) -> bool:
    """Mark the token used; False if it was used before. The mark lives in the shared cache
    for as long as the token could otherwise be accepted."""
    key = "form-token-used:" + hashlib.sha256(token.encode()).hexdigest()
    return cache.add(key, True, timeout=MAX_SECONDS_TO_FILL)


class SpamGuardedForm(forms.Form):
    """Mix into a public form; render `homepage` hidden (class "hp") and `form_token`."""

    homepage = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form_token"].initial = new_form_token()

    def clean_homepage(self) -> str:
        if self.cleaned_data["homepage"]:
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean_form_token(self) -> str:
        token = self.cleaned_data["form_token"]
        expired = _("The form was open too long. Please send it again.")
        try:
            started = float(signing.loads(token, salt=TOKEN_SALT, max_age=MAX_SECONDS_TO_FILL)["t"])
        except signing.SignatureExpired as error:
            raise forms.ValidationError(expired) from error
        except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
            raise forms.ValidationError(_("Please send the form again.")) from error
        age = time.time() - started
        if age > MAX_SECONDS_TO_FILL:
            raise forms.ValidationError(expired)
        if age < MIN_SECONDS_TO_FILL:
            raise forms.ValidationError(_("The form was sent too fast. Please send it again."))
        return token

    def is_valid(self) -> bool:
        """Valid, and the token not used before. A form refused for another reason keeps its
        token unused, so the person can correct it and send it again."""
        valid = super().is_valid()
        if valid and not use_token(self.cleaned_data["form_token"]):
            self.add_error("form_token", _("This form was already sent. Please send it again."))
            valid = False
        if "form_token" in self.errors:
            # The page shown again carries a fresh token; the refused one would be refused again.
            self.data = self.data.copy()
            self.data[self.add_prefix("form_token")] = new_form_token()
        return valid


def submission_allowed(request: HttpRequest, form_name: str, per_hour: int) -> bool:
    """Count a submission of a public form from this client; False once over the hourly limit.

    The count lives in the shared cache, so every worker and app server sees the same one.
    """
    key = f"submissions:{form_name}:{client_address(request)}"
    cache.add(key, 0, timeout=60 * 60)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60 * 60)
        sent = 1
    return sent <= per_hour
