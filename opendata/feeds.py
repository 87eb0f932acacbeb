"""Atom feeds of newly published and updated evaluations: all of them, and per method, in
each language of the site.

Entries are dated by the evaluation's publication date (an evaluation whose date was not
recorded has none, rather than the time its row was last saved), link to the page of that
published version, and carry a tag URI as their id, which no export, import or new database
changes.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from evaluations.models import Evaluation
from lib.http import absolute_url
from lib.languages import LANGUAGES, MASTER_LANGUAGE
from methods.models import Method

from .api import published_evaluations

FEED_LENGTH = 50
# The authority and date of the tag URIs (RFC 4151): fixed once, so ids never change.
TAG_AUTHORITY = "kasvuntuki.fi,2026"


def published_at(day: date | None) -> datetime | None:
    """A publication date as the feed's moment: noon in Finland, the day it was published."""
    if day is None:
        return None
    return datetime.combine(day, time(12), tzinfo=ZoneInfo(settings.TIME_ZONE))


def entry_id(evaluation: Evaluation, language: str) -> str:
    return (
        f"tag:{TAG_AUTHORITY}:evaluation:{evaluation.method.slug}:{evaluation.version}:{language}"
    )


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose summaries are plain text: Django marks every summary as HTML, so a reader
    would interpret markup that a summary merely quotes."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class EvaluationFeed(Feed):
    """Newly published and updated evaluations, newest first (Atom).

    Addresses are absolute from SITE_URL (lib.http.absolute_url); Django would otherwise build
    them from the request's Host header.
    """

    feed_type = PlainTextAtomFeed
    title = _("Kasvun tuki: new and updated evaluations")
    subtitle = _("Ratings of psychosocial methods for children, young people and families.")

    def __call__(self, request: HttpRequest, *args, language: str | None = None, **kwargs):
        """In the language of the address (feeds/evaluations.sv.atom), else the request's."""
        language = language or translation.get_language() or MASTER_LANGUAGE
        if language not in LANGUAGES:
            raise Http404
        with translation.override(language):
            response: HttpResponse = super().__call__(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    def link(self) -> str:
        return absolute_url(None, reverse("methods:list"))

    def feed_url(self) -> str:
        return absolute_url(None, reverse("api:feed"))

    def items(self) -> QuerySet[Evaluation]:
        return published_evaluations().order_by(F("published_on").desc(nulls_last=True), "-pk")[
            :FEED_LENGTH
        ]

    def item_title(self, evaluation: Evaluation) -> str:
        # The translated fields fall back to Finnish where a translation is missing.
        return f"{evaluation.method.name}: {evaluation.level}"

    def item_description(self, evaluation: Evaluation) -> str:
        return evaluation.summary or evaluation.summary_fi or str(evaluation.level)

    def item_link(self, evaluation: Evaluation) -> str:
        return absolute_url(
            None,
            reverse(
                "methods:evaluation",
                kwargs={"slug": evaluation.method.slug, "version": evaluation.version},
            ),
        )

    def item_guid(self, evaluation: Evaluation) -> str:
        return entry_id(evaluation, translation.get_language())

    def item_updateddate(self, evaluation: Evaluation):
        return published_at(evaluation.published_on)

    def item_pubdate(self, evaluation: Evaluation):
        return published_at(evaluation.published_on)


class MethodEvaluationFeed(EvaluationFeed):
    """The evaluations of one method (Atom)."""

    def get_object(self, request: HttpRequest, slug: str) -> Method:
        return get_object_or_404(Method.objects.published(), slug=slug)

    def title(self, method: Method) -> str:
        return f"Kasvun tuki: {method.name}"

    def link(self, method: Method) -> str:
        return absolute_url(None, method.get_absolute_url())

    def feed_url(self, method: Method) -> str:
        return absolute_url(None, reverse("api:method_feed", args=[method.slug]))

    def items(self, method: Method) -> QuerySet[Evaluation]:
        return published_evaluations().filter(method=method).order_by("-version")
