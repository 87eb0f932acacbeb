"""The read-only open-data API (/api/v1/): methods, evaluations, vocabularies, organisations,
regions, and where methods are in use: adoptions, training figures, service models and national
selection decisions. Nothing unpublished is ever served: no record of an unpublished method or
an unpublished service model.

Every record is the one of opendata.records (all three languages, codes and slugs, ISO dates)
with the API's ids and links on top. Lists take the same filters and search as the public list
page and are paged with `next` links; a page past the last one is empty. An empty parameter is
the same as none, as the list page's form sends them. The API is stricter than the list page:
an unknown parameter, a number that is not a whole number in range, or an unknown code gives a
JSON 400 that names the parameter; an unknown record a JSON 404; another method than GET, HEAD
or OPTIONS a JSON 405 with the Allow header. opendata.openapi describes exactly this.
Conditional GET (ETag, 304) comes from Django's ConditionalGetMiddleware.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from datetime import datetime
from functools import wraps

from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.utils.http import http_date
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt

from evaluations.models import Evaluation
from implementation.models import (
    Adoption,
    AdoptionStatus,
    ModelLevel,
    ModelStage,
    NationalSelection,
    SelectionDecision,
    ServiceModel,
    TrainingRecord,
)
from lib.http import absolute_url, without_empty_values
from lib.page_cache import cached_public_page
from methods.facets import facet_index
from methods.filters import MAX_QUERY_LENGTH, MethodFilter
from methods.listing import CountedPaginator, MethodListing
from methods.models import MAX_AGE, Method, Organisation, Region, Term, Vocabulary

from .records import (
    adoptions_for_records,
    api_adoption_record,
    api_evaluation_record,
    api_method_record,
    api_organisation_record,
    api_selection_record,
    api_service_model_record,
    api_training_record,
    evaluations_for_records,
    methods_for_records,
    region_record,
    selections_for_records,
    service_models_for_records,
    term_record,
    training_records_for_records,
)

DEFAULT_PAGE_SIZE = 50
METHODS_READ_AT_ONCE = 500
MAX_PAGE_SIZE = 100
PAGING_PARAMETERS = ("page", "page_size")
AGE_PARAMETERS = ("age", "age_from", "age_to")
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
# The largest database id (a 64-bit integer), for the OpenAPI document.
MAX_ID = 2**63 - 1
# What a slug may hold (Django's slug path converter): a value of another shape names nothing.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
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


def answered_as_api(view: Callable[..., HttpResponse], language: str | None) -> Callable:
    """GET only, open to every origin, and every error as JSON: a bad parameter 400, an
    unknown record 404, another HTTP method 405 with the Allow header.

    Read-only, so no form token is asked for: any other method than GET is refused anyway.
    """

    @csrf_exempt
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
            with override(language) if language else nullcontext():
                try:
                    response = view(request, *args, **kwargs)
                except BadParameter as bad:
                    response = error(400, bad.message, bad.parameter)
                except Http404:
                    response = error(404, f"Nothing is published at {request.path}.")
        response["Access-Control-Allow-Origin"] = "*"
        response["Cache-Control"] = "public, max-age=60"
        return response

    return wrapper


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An API endpoint: answered as the API answers, in English (every record carries all
    three languages anyway)."""
    return answered_as_api(view, language="en")


def feed_view(feed: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An Atom feed under /api/: answered as the API answers, in the request's language."""
    return answered_as_api(feed, language=None)


@api_view
def not_found(request: HttpRequest) -> HttpResponse:
    """Every address under /api/ that is not an endpoint: a JSON 404, never an HTML page."""
    return error(
        404, f"No such endpoint: {request.path}. The API is described at /api/v1/openapi.json."
    )


# --- Paging and filtering -----------------------------------------------------------------


def whole_number(
    params: QueryDict, name: str, default: int | None, lowest: int, highest: int | None
) -> int | None:
    """The parameter as a whole number written in digits, within bounds; 400 otherwise."""
    raw = params.get(name)
    if raw in (None, ""):
        return default
    value = None
    if re.fullmatch(r"-?[0-9]+", raw):
        try:
            value = int(raw)
        except ValueError:  # More digits than Python converts.
            value = None
    if value is None or value < lowest or (highest is not None and value > highest):
        bounds = f"from {lowest} to {highest}" if highest is not None else f"of {lowest} or more"
        raise BadParameter(name, f"{name} must be a whole number {bounds}.")
    return value


def refuse_unknown(request: HttpRequest, known: Iterable[str]) -> None:
    unknown = sorted(set(request.GET) - set(known))
    if unknown:
        raise BadParameter(unknown[0], f"Unknown parameter: {unknown[0]}.")


def paged(
    request: HttpRequest,
    items: QuerySet | Sequence,
    to_record: Callable,
    load: Callable[[list], Iterable] | None = None,
) -> dict:
    """One page of the items (`load` reads a page of ids as their objects). A page past the
    last one is empty, and links back to the last."""
    size = whole_number(request.GET, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    number = whole_number(request.GET, "page", 1, 1, None)
    if isinstance(items, QuerySet):
        # Counted by id alone: the records' joins, and a DISTINCT over all their columns,
        # change nothing in how many there are.
        paginator = CountedPaginator(items, size, items.order_by().values("pk").count())
    else:
        paginator = Paginator(items, size)

    def link(to: int) -> str:
        params = request.GET.copy()
        params["page"] = str(to)
        return absolute_url(request, f"{request.path}?{params.urlencode()}")

    if number > paginator.num_pages:
        return {
            "count": paginator.count,
            "next": None,
            "previous": link(paginator.num_pages),
            "results": [],
        }
    page = paginator.page(number)
    objects = load(page.object_list) if load else page.object_list
    return {
        "count": paginator.count,
        "next": link(number + 1) if page.has_next() else None,
        "previous": link(number - 1) if page.has_previous() else None,
        "results": [to_record(item) for item in objects],
    }


def filtered_method_ids(request: HttpRequest) -> Sequence[int]:
    """The ids of the published methods that the list page's filters and search would show,
    by slug unless a sort is asked: found in the facet index, as the list page finds them.

    Stricter than the list page, which ignores what it does not understand with a note: an
    age must be a whole number, and a search no longer than the document says.
    """
    refuse_unknown(request, [*MethodFilter.base_filters, *PAGING_PARAMETERS])
    params = without_empty_values(request.GET)
    for name in PAGING_PARAMETERS:
        params.pop(name, None)
    ages = {name: whole_number(params, name, None, 0, MAX_AGE) for name in AGE_PARAMETERS}
    if len(params.get("q", "")) > MAX_QUERY_LENGTH:
        raise BadParameter("q", f"q must be at most {MAX_QUERY_LENGTH} characters long.")
    # No age lies in a range whose lower end is above its upper end: no method is for it.
    empty_range = None not in (ages["age_from"], ages["age_to"]) and (
        ages["age_from"] > ages["age_to"]
    )
    if empty_range:
        params.pop("age_to")
    listing = MethodListing(params)
    if listing.form.errors:
        name, errors = next(iter(listing.form.errors.items()))
        raise BadParameter(name, f"{name}: {' '.join(errors)}")
    return [] if empty_range else listing.ordered_ids(order="slug")


def methods_in_order(ids: Sequence[int]) -> Iterator[Method]:
    """These published methods with everything their records show, in the order of the ids,
    read a chunk at a time (a whole registry is 10,000 of them)."""
    for start in range(0, len(ids), METHODS_READ_AT_ONCE):
        chunk = ids[start : start + METHODS_READ_AT_ONCE]
        by_id = {
            method.pk: method
            for method in methods_for_records(Method.objects.published().filter(pk__in=chunk))
        }
        yield from (by_id[id_] for id_ in chunk if id_ in by_id)


def slug_parameter(request: HttpRequest, name: str) -> str | None:
    """A slug filter: a value of another shape names nothing, and is refused."""
    value = request.GET.get(name)
    if not value:
        return None
    if not re.fullmatch(SLUG_PATTERN, value):
        raise BadParameter(name, f"{name} must be the slug of a {name}.")
    return value


def choice_parameter(request: HttpRequest, name: str, values: Iterable[str]) -> str | None:
    """A filter that takes one of a fixed set of codes."""
    value = request.GET.get(name)
    if not value:
        return None
    values = list(values)
    if value not in values:
        raise BadParameter(name, f"{name} must be one of: {', '.join(values)}.")
    return value


def region_parameter(request: HttpRequest) -> str | None:
    """A region filter must name a region: an unknown code is a mistake, not an empty list."""
    code = request.GET.get("region")
    if not code:
        return None
    if not Region.objects.filter(code=code).exists():
        raise BadParameter("region", f"Unknown region code: {code}. See /api/v1/regions/.")
    return code


def with_last_modified(response: HttpResponse, moments: Iterable[datetime | None]) -> HttpResponse:
    latest = max((moment for moment in moments if moment), default=None)
    if latest:
        response["Last-Modified"] = http_date(latest.timestamp())
    return response


def registry_changed_at() -> datetime | None:
    """When a published method last changed: kept in the facet index."""
    return facet_index().changed_at


# --- Views --------------------------------------------------------------------------------


@api_view
def method_list(request: HttpRequest) -> HttpResponse:
    body = paged(
        request,
        filtered_method_ids(request),
        lambda method: api_method_record(method, request),
        load=methods_in_order,
    )
    return with_last_modified(JsonResponse(body), [registry_changed_at()])


@api_view
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = methods_for_records(Method.objects.published()).filter(slug=slug).first()
    if method is None:
        return error(404, f"No published method has the slug {slug!r}.")
    response = JsonResponse(api_method_record(method, request))
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
    refuse_unknown(request, PAGING_PARAMETERS)
    body = paged(request, Organisation.objects.order_by("slug"), api_organisation_record)
    return JsonResponse(body)


@api_view
def regions(request: HttpRequest) -> HttpResponse:
    refuse_unknown(request, PAGING_PARAMETERS)
    return JsonResponse(paged(request, Region.objects.order_by("code"), region_record))


def published_evaluations() -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.public()
        .select_related("method", "manual__scale", "level__scale", "review_type")
        .order_by("method__slug", "version")
    )


@api_view
def evaluation_list(request: HttpRequest) -> HttpResponse:
    refuse_unknown(request, ["method", *PAGING_PARAMETERS])
    evaluations = evaluations_for_records(published_evaluations())
    method = request.GET.get("method")
    if method:
        if not re.fullmatch(SLUG_PATTERN, method):
            raise BadParameter("method", "method must be the slug of a method.")
        evaluations = evaluations.filter(method__slug=method)
    body = paged(request, evaluations, lambda e: api_evaluation_record(e, request))
    latest = evaluations.aggregate(latest=Max("updated_at"))["latest"]
    return with_last_modified(JsonResponse(body), [latest])


@api_view
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # An id past the database's integers finds nothing (Django does not ask the database).
    evaluation = evaluations_for_records(published_evaluations()).filter(pk=pk).first()
    if evaluation is None:
        return error(404, f"No published evaluation has the id {pk}.")
    record = api_evaluation_record(evaluation, request)
    return with_last_modified(JsonResponse(record), [evaluation.updated_at])


# --- Where methods are in use -------------------------------------------------------------

ADOPTION_FILTERS = ("region", "method", "status")
TRAINING_FILTERS = ("region", "method")
SERVICE_MODEL_FILTERS = ("region", "method", "level", "stage")
SELECTION_FILTERS = ("method", "decision")


def filtered_adoptions(request: HttpRequest) -> QuerySet[Adoption]:
    """Public adoptions by region, method and status: e.g. the regions where a method is in use
    are ?method=<slug>&status=in_use."""
    refuse_unknown(request, [*ADOPTION_FILTERS, *PAGING_PARAMETERS])
    adoptions = adoptions_for_records(Adoption.objects.all())
    if region := region_parameter(request):
        adoptions = adoptions.filter(region__code=region)
    if method := slug_parameter(request, "method"):
        adoptions = adoptions.filter(method__slug=method)
    if status := choice_parameter(request, "status", AdoptionStatus.values):
        adoptions = adoptions.filter(status=status)
    return adoptions


def filtered_training_records(request: HttpRequest) -> QuerySet[TrainingRecord]:
    refuse_unknown(request, [*TRAINING_FILTERS, *PAGING_PARAMETERS])
    records = training_records_for_records(TrainingRecord.objects.all())
    if region := region_parameter(request):
        records = records.filter(adoption__region__code=region)
    if method := slug_parameter(request, "method"):
        records = records.filter(adoption__method__slug=method)
    return records


def filtered_service_models(request: HttpRequest) -> QuerySet[ServiceModel]:
    refuse_unknown(request, [*SERVICE_MODEL_FILTERS, *PAGING_PARAMETERS])
    models = ServiceModel.objects.all()
    if region := region_parameter(request):
        models = models.filter(regions__code=region)
    if method := slug_parameter(request, "method"):
        models = models.filter(
            method_entries__method__slug=method, method_entries__method__is_published=True
        )
    if level := choice_parameter(request, "level", ModelLevel.values):
        models = models.filter(level=level)
    if stage := choice_parameter(request, "stage", ModelStage.values):
        models = models.filter(stage=stage)
    # The filters through many-to-many relations could repeat a model; the ids cannot.
    return service_models_for_records(ServiceModel.objects.filter(pk__in=models.values("pk")))


def filtered_selections(request: HttpRequest) -> QuerySet[NationalSelection]:
    refuse_unknown(request, [*SELECTION_FILTERS, *PAGING_PARAMETERS])
    selections = selections_for_records(NationalSelection.objects.all())
    if method := slug_parameter(request, "method"):
        selections = selections.filter(method__slug=method)
    if decision := choice_parameter(request, "decision", SelectionDecision.values):
        selections = selections.filter(decision=decision)
    return selections


@api_view
def adoption_list(request: HttpRequest) -> HttpResponse:
    adoptions = filtered_adoptions(request)
    body = paged(request, adoptions, lambda a: api_adoption_record(a, request))
    return JsonResponse(body)


@api_view
def adoption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    adoption = adoptions_for_records(Adoption.objects.filter(pk=pk)).first()
    if adoption is None:
        return error(404, f"No public adoption has the id {pk}.")
    response = JsonResponse(api_adoption_record(adoption, request))
    return with_last_modified(response, [adoption.updated_at])


@api_view
def training_record_list(request: HttpRequest) -> HttpResponse:
    return JsonResponse(paged(request, filtered_training_records(request), api_training_record))


@api_view
def service_model_list(request: HttpRequest) -> HttpResponse:
    models = filtered_service_models(request)
    body = paged(request, models, lambda m: api_service_model_record(m, request))
    return JsonResponse(body)


@api_view
def service_model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    model = service_models_for_records(ServiceModel.objects.filter(slug=slug)).first()
    if model is None:
        return error(404, f"No published service model has the slug {slug!r}.")
    response = JsonResponse(api_service_model_record(model, request))
    return with_last_modified(response, [model.updated_at])


@api_view
def selection_list(request: HttpRequest) -> HttpResponse:
    return JsonResponse(paged(request, filtered_selections(request), api_selection_record))
