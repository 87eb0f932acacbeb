"""Atom feeds of newly published and updated evaluations: all of them, and per method."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from evaluations.models import Evaluation
from methods.models import Method

from .api import published_evaluations

FEED_LENGTH = 50


class EvaluationFeed(Feed):
    """Newly published and updated evaluations, newest first (Atom)."""

    feed_type = Atom1Feed
    title = _("Kasvun tuki: new and updated evaluations")
    subtitle = _("Ratings of psychosocial methods for children, young people and families.")

    def link(self) -> str:
        return reverse("methods:list")

    def items(self) -> QuerySet[Evaluation]:
        return published_evaluations().order_by("-published_on", "-pk")[:FEED_LENGTH]

    def item_title(self, evaluation: Evaluation) -> str:
        return f"{evaluation.method.name_fi}: {evaluation.level}"

    def item_description(self, evaluation: Evaluation) -> str:
        return evaluation.summary_fi or str(evaluation.level)

    def item_link(self, evaluation: Evaluation) -> str:
        return evaluation.method.get_absolute_url()

    def item_guid(self, evaluation: Evaluation) -> str:
        return f"kasvuntuki-evaluation-{evaluation.pk}"

    def item_updateddate(self, evaluation: Evaluation):
        return evaluation.updated_at

    def item_pubdate(self, evaluation: Evaluation):
        return evaluation.updated_at


class MethodEvaluationFeed(EvaluationFeed):
    """The evaluations of one method (Atom)."""

    def get_object(self, request: HttpRequest, slug: str) -> Method:
        return get_object_or_404(Method.objects.published(), slug=slug)

    def title(self, method: Method) -> str:
        return f"Kasvun tuki: {method.name_fi}"

    def link(self, method: Method) -> str:
        return method.get_absolute_url()

    def items(self, method: Method) -> QuerySet[Evaluation]:
        return published_evaluations().filter(method=method).order_by("-version")
