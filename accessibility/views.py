from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lib.languages import MASTER_LANGUAGE
from lib.spam import submission_allowed

from .forms import FeedbackForm

FEEDBACK_PER_ADDRESS_PER_HOUR = 10


def statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, with a feedback form that reaches the editorial office."""
    form = FeedbackForm(request.POST or None, initial={"page": request.GET.get("page", "")})
    if request.method == "POST" and form.is_valid():
        if submission_allowed(request, "feedback", FEEDBACK_PER_ADDRESS_PER_HOUR):
            feedback = form.save(commit=False)
            feedback.language = get_language() or MASTER_LANGUAGE
            feedback.save()
            return redirect(f"{reverse('accessibility')}?sent=1#feedback")
        form.add_error(None, _("Too many messages from your address. Try again in an hour."))
    ctx = {"form": form, "sent": request.GET.get("sent") == "1"}
    status = 400 if request.method == "POST" else 200
    return render(request, "accessibility/statement.html", ctx, status=status)
