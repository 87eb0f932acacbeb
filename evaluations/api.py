"""Published evaluations in the open-data API, with their criterion answers and studies,
and the Atom feeds of new and updated ratings. Nothing unpublished is ever served."""

from django.contrib.syndication.views import Feed
from django.db.models import Max, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from methods.api import api_view, error, iso, paged, with_last_modified
from methods.languages import texts_by_language
from methods.models import Method

from .models import CriterionAnswer, Evaluation, EvaluationStudy

FEED_LENGTH = 50


def published_evaluations() -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.published()
        .filter(method__is_published=True)
        .select_related("method", "manual__scale", "level__scale", "review_type")
        .order_by("method__slug", "version")
    )


def study_record(link: EvaluationStudy) -> dict:
    return {
        "id": link.study.pk,
        **link.study.public_record(),
        "included": link.included,
        "reason": link.reason,
    }


def evaluation_record(evaluation: Evaluation, request: HttpRequest, detail: bool = False) -> dict:
    level = evaluation.level
    record = {
        "id": evaluation.pk,
        "method": evaluation.method.slug,
        "version": evaluation.version,
        "manual": evaluation.manual.version,
        "scale": evaluation.manual.scale.code,
        "level": level.value,
        "level_key": level.key,
        "level_label": texts_by_language(level, "label"),
        "outcome": evaluation.outcome or None,
        "review_type": evaluation.review_type.code if evaluation.review_type else None,
        "summary": texts_by_language(evaluation, "summary"),
        "change_note": texts_by_language(evaluation, "change_note"),
        "started_on": iso(evaluation.started_on),
        "published_on": iso(evaluation.published_on),
        "api_url": request.build_absolute_uri(reverse("api:evaluation", args=[evaluation.pk])),
    }
    if detail:
        record["evaluators"] = evaluation.public_names()
        record["answers"] = [
            {
                "criterion": answer.criterion.code,
                "area": answer.criterion.area,
                "criterion_level": answer.criterion.level,
                "answer": answer.answer or None,
                "justification": answer.justification,
                "studies": [study.pk for study in answer.studies.all()],
            }
            for answer in evaluation.answers.all()
        ]
        record["studies"] = [study_record(link) for link in evaluation.evaluationstudy_set.all()]
    return record


@api_view
def evaluation_list(request: HttpRequest) -> HttpResponse:
    evaluations = published_evaluations()
    method = request.GET.get("method")
    if method:
        evaluations = evaluations.filter(method__slug=method)
    body = paged(request, evaluations, lambda e: evaluation_record(e, request))
    latest = evaluations.aggregate(latest=Max("updated_at"))["latest"]
    return with_last_modified(JsonResponse(body), [latest])


@api_view
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    answers = CriterionAnswer.objects.select_related("criterion").prefetch_related("studies")
    links = EvaluationStudy.objects.select_related("study__design").prefetch_related("study__focus")
    evaluation = (
        published_evaluations()
        .prefetch_related(
            Prefetch("answers", queryset=answers),
            Prefetch("evaluationstudy_set", queryset=links),
            "evaluators",
            "peer_reviewers",
        )
        .filter(pk=pk)
        .first()
    )
    if evaluation is None:
        return error(404, f"No published evaluation has the id {pk}.")
    record = evaluation_record(evaluation, request, detail=True)
    return with_last_modified(JsonResponse(record), [evaluation.updated_at])


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
