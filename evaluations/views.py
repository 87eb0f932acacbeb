from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lib.languages import MASTER_LANGUAGE
from lib.page_cache import cached_public_page
from lib.spam import submission_allowed

from . import notifications
from .forms import ProposalForm
from .models import (
    EXCLUSIONS,
    INCLUSION_CRITERIA,
    Area,
    Evaluation,
    Manual,
    Proposal,
    ProposalState,
)

PROPOSALS_PER_ADDRESS_PER_HOUR = 5


@cached_public_page
def pipeline(request: HttpRequest) -> HttpResponse:
    """Evaluations under way and queued, and the latest published: no contents, only status."""
    under_way = (
        Evaluation.objects.under_way()
        .select_related("method", "manual")
        .order_by("state", "started_on", "created_at")
    )
    recent = Evaluation.objects.public().select_related("method", "level__scale")
    recent = recent.order_by("-published_on", "-pk")[:10]
    # Waiting for the board's decision: the public sees the name and the date only.
    proposed = (
        Proposal.objects.filter(state=ProposalState.PROPOSED)
        .only("method_name", "created_at")
        .order_by("created_at")
    )
    ctx = {"under_way": under_way, "recent": recent, "proposed": proposed}
    return render(request, "evaluations/pipeline.html", ctx)


@cached_public_page
def manual(request: HttpRequest, version: str) -> HttpResponse:
    """One version of the criteria manual: its scale's levels, and its criteria by area."""
    manual = get_object_or_404(Manual.objects.select_related("scale"), version=version)
    criteria = list(manual.criteria.order_by("position", "code"))
    areas = [
        (label, [criterion for criterion in criteria if criterion.area == area])
        for area, label in Area.choices
    ]
    ctx = {
        "manual": manual,
        "levels": manual.scale.levels.all(),  # highest first, as the scale orders them
        "areas": [(label, of_area) for label, of_area in areas if of_area],
    }
    return render(request, "evaluations/manual.html", ctx)


def propose(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if submission_allowed(request, "proposal", PROPOSALS_PER_ADDRESS_PER_HOUR):
            proposal = form.save(commit=False)
            proposal.language = get_language() or MASTER_LANGUAGE
            proposal.save()
            notifications.proposal_received(proposal)
            return redirect("proposal_status", public_id=proposal.public_id)
        form.add_error(None, _("Too many proposals from your address. Try again in an hour."))
    ctx = {
        "form": form,
        "inclusion_criteria": INCLUSION_CRITERIA.values(),
        "exclusions": EXCLUSIONS,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "evaluations/propose.html", ctx, status=status)


def proposal_status(request: HttpRequest, public_id) -> HttpResponse:
    proposal = get_object_or_404(Proposal.objects.select_related("evaluation"), public_id=public_id)
    return render(request, "evaluations/proposal_status.html", {"proposal": proposal})
