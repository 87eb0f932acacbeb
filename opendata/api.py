"""The read-only open-data API (/api/v1/): methods, evaluations, vocabularies, organisations,
regions. Nothing unpublished is ever served.

Every record carries all three languages, stable ids and slugs, and ISO dates. Lists take
the same filters and search as the public list page and are paged with `next` links.
Bad parameters give a JSON 400 that names the parameter; unknown records a JSON 404.
Conditional GET (ETag, 304) comes from Django's ConditionalGetMiddleware.
"""

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import wraps

from django.core.paginator import Paginator
from django.db.models import Max, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils.http import http_date
from django.utils.translation import override

from evaluations.models import CriterionAnswer, Evaluation, EvaluationStudy
from lib.http import without_empty_values
from lib.page_cache import cached_public_page
from methods.filters import MethodFilter
from methods.models import VOCABULARY_RELATIONS, Method, Organisation, Region, Term, Vocabulary

from .records import (
    evaluation_record,
    method_record,
    organisation_record,
    region_record,
    term_record,
)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
PAGING_PARAMETERS = ("page", "page_size")
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
PUBLIC_VOCABULARIES = [
    Vocabulary.TARGET_GROUP,
    Vocabulary.TOPIC,
    Vocabulary.SETTING,
    Vocabulary.DELIVERY,
    Vocabulary.CARE_LEVEL,
    Vocabulary.TRAINING_LANGUAGE,
    Vocabulary.REVIEW_TYPE,
    Vocabulary.STUDY_DESIGN,
    Vocabulary.STUDY_FOCUS,
]


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def error(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    body: dict = {"error": {"status": status, "message": message}}
    if parameter:
        body["error"]["parameter"] = parameter
    return JsonResponse(body, status=status)


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET only, in English, open to every origin, and bad parameters as JSON 400."""

    @wraps(view)
    @cached_public_page
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ALLOWED_METHODS:
            response = error(405, "Only GET, HEAD and OPTIONS are supported.")
            response["Allow"] = ", ".join(ALLOWED_METHODS)
        elif request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
        else:
            with override("en"):
                try:
                    response = view(request, *args, **kwargs)
                except BadParameter as bad:
                    response = error(400, bad.message, bad.parameter)
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=60"
        return response

    return wrapper


@api_view
def not_found(request: HttpRequest) -> HttpResponse:
    """Every address under /api/ that is not an endpoint: a JSON 404, never an HTML page."""
    return error(
        404, f"No such endpoint: {request.path}. The API is described at /api/v1/openapi.json."
    )


def methods_for_records() -> QuerySet[Method]:
    return (
        Method.objects.published()
        .select_related("owner", "rating__scale")
        .prefetch_related(*VOCABULARY_RELATIONS)
    )


# --- Paging and filtering -----------------------------------------------------------------


def whole_number(params: QueryDict, name: str, default: int, lowest: int, highest: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not lowest <= value <= highest:
        raise BadParameter(name, f"{name} must be a whole number from {lowest} to {highest}.")
    return value


def paged(request: HttpRequest, items: QuerySet | list, to_record: Callable) -> dict:
    size = whole_number(request.GET, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    paginator = Paginator(items, size)
    number = whole_number(request.GET, "page", 1, 1, max(paginator.num_pages, 1))
    page = paginator.page(number)

    def link(to: int) -> str:
        params = request.GET.copy()
        params["page"] = str(to)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": paginator.count,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
        "results": [to_record(item) for item in page.object_list],
    }


def filtered_methods(request: HttpRequest) -> QuerySet[Method]:
    """The published methods that the list page's filters and search would show."""
    unknown = sorted(set(request.GET) - set(MethodFilter.base_filters) - set(PAGING_PARAMETERS))
    if unknown:
        raise BadParameter(unknown[0], f"Unknown parameter: {unknown[0]}.")
    params = without_empty_values(request.GET)
    for name in PAGING_PARAMETERS:
        params.pop(name, None)
    filterset = MethodFilter(params, queryset=methods_for_records())
    if not filterset.is_valid():
        name, errors = next(iter(filterset.form.errors.items()))
        raise BadParameter(name, f"{name}: {' '.join(errors)}")
    methods = filterset.qs
    if not filterset.form.cleaned_data.get("sort"):
        methods = methods.order_by("slug")
    return methods


def with_last_modified(response: HttpResponse, moments: Iterable[datetime | None]) -> HttpResponse:
    latest = max((moment for moment in moments if moment), default=None)
    if latest:
        response["Last-Modified"] = http_date(latest.timestamp())
    return response


def registry_changed_at() -> datetime | None:
    return Method.objects.published().aggregate(latest=Max("updated_at"))["latest"]


# --- Views --------------------------------------------------------------------------------


@api_view
def method_list(request: HttpRequest) -> HttpResponse:
    body = paged(request, filtered_methods(request), lambda m: method_record(m, request))
    return with_last_modified(JsonResponse(body), [registry_changed_at()])


@api_view
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = methods_for_records().prefetch_related("contacts").filter(slug=slug).first()
    if method is None:
        return error(404, f"No published method has the slug {slug!r}.")
    response = JsonResponse(method_record(method, request, detail=True))
    return with_last_modified(response, [method.updated_at])


@api_view
def vocabularies(request: HttpRequest) -> HttpResponse:
    terms = Term.objects.filter(vocabulary__in=PUBLIC_VOCABULARIES)
    body: dict[str, list] = {vocabulary: [] for vocabulary in PUBLIC_VOCABULARIES}
    for term in terms:
        body[term.vocabulary].append(term_record(term))
    return JsonResponse(body)


@api_view
def organisations(request: HttpRequest) -> HttpResponse:
    return JsonResponse(paged(request, Organisation.objects.order_by("slug"), organisation_record))


@api_view
def regions(request: HttpRequest) -> HttpResponse:
    return JsonResponse(paged(request, Region.objects.order_by("code"), region_record))


def published_evaluations() -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.public()
        .select_related("method", "manual__scale", "level__scale", "review_type")
        .order_by("method__slug", "version")
    )


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
