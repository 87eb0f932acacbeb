"""The read-only open-data API (/api/v1/): methods, vocabularies, organisations, regions.

Every record carries all three languages, stable ids and slugs, and ISO dates. Lists take
the same filters and search as the public list page and are paged with `next` links.
Bad parameters give a JSON 400 that names the parameter; unknown records a JSON 404.
Conditional GET (ETag, 304) comes from Django's ConditionalGetMiddleware.
"""

import csv
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import wraps

from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import override

from .filters import MethodFilter, without_empty_values
from .languages import LANGUAGES, texts_by_language
from .models import VOCABULARY_RELATIONS, Method, Organisation, Region, Term, Vocabulary
from .page_cache import cached_public_page

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
PAGING_PARAMETERS = ("page", "page_size")
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
        if request.method not in ("GET", "HEAD"):
            response = error(405, "Only GET is supported.")
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


# --- Records ------------------------------------------------------------------------------


def iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def term_record(term: Term) -> dict:
    return {
        "code": term.code,
        "vocabulary": term.vocabulary,
        "label": texts_by_language(term, "label"),
    }


def organisation_record(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "slug": organisation.slug,
        "name": texts_by_language(organisation, "name"),
        "website": organisation.website,
    }


def region_record(region: Region) -> dict:
    return {
        "code": region.code,
        "kind": region.kind,
        "name": texts_by_language(region, "name"),
        "cooperation_area": region.cooperation_area,
    }


def rating_record(method: Method) -> dict | None:
    level = method.rating
    if level is None:
        return None
    return {
        "scale": level.scale.code,
        "level": level.value,
        "key": level.key,
        "label": texts_by_language(level, "label"),
        "evidence_group": level.evidence_group or None,
        "evaluation_version": method.rating_version,
        "evaluated_on": iso(method.rated_on),
    }


def page_urls(method: Method, request: HttpRequest) -> dict[str, str]:
    """The method's public page in each language."""
    urls = {}
    for language in LANGUAGES:
        with override(language):
            urls[language] = request.build_absolute_uri(method.get_absolute_url())
    return urls


def method_record(method: Method, request: HttpRequest, detail: bool = False) -> dict:
    record = {
        "id": method.pk,
        "slug": method.slug,
        "url": page_urls(method, request),
        "api_url": request.build_absolute_uri(reverse("api:method", args=[method.slug])),
        "name": texts_by_language(method, "name"),
        "original_name": method.original_name,
        "acronym": method.acronym,
        "summary": texts_by_language(method, "summary"),
        "age_min": method.age_min,
        "age_max": method.age_max,
        **{
            relation: [term.code for term in getattr(method, relation).all()]
            for relation in VOCABULARY_RELATIONS
        },
        "owner": organisation_record(method.owner) if method.owner else None,
        "website": method.website,
        "rating": rating_record(method),
        "updated_at": iso(method.updated_at),
    }
    if detail:
        for field in ("aims", "description", "duration", "deliverers", "training"):
            record[field] = texts_by_language(method, field)
        for field in ("training_duration", "certification", "materials", "costs"):
            record[field] = texts_by_language(method, field)
        record["training_available_in_finland"] = method.training_available_in_finland
        record["contacts"] = [
            {
                "name": c.name,
                "role": texts_by_language(c, "role"),
                "email": c.email,
                "phone": c.phone,
            }
            for c in method.contacts.all()
        ]
    return record


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


# --- CSV ----------------------------------------------------------------------------------

CSV_COLUMNS = [
    "slug",
    "name_fi",
    "name_sv",
    "name_en",
    "age_min",
    "age_max",
    *VOCABULARY_RELATIONS,
    "owner",
    "rating_scale",
    "rating_level",
    "rating_label_fi",
    "rating_label_en",
    "evidence_group",
    "evaluated_on",
    "url",
]


def csv_row(method: Method, request: HttpRequest) -> list:
    level = method.rating
    return [
        method.slug,
        method.name_fi,
        method.name_sv or "",
        method.name_en or "",
        method.age_min,
        method.age_max,
        *[";".join(t.code for t in getattr(method, r).all()) for r in VOCABULARY_RELATIONS],
        method.owner.name_fi if method.owner else "",
        level.scale.code if level else "",
        level.value if level and level.value is not None else "",
        level.label_fi if level else _("Not yet evaluated"),
        level.label_en if level else "Not yet evaluated",
        level.evidence_group if level else "",
        iso(method.rated_on) or "",
        page_urls(method, request)["fi"],
    ]


@api_view
def methods_csv(request: HttpRequest) -> HttpResponse:
    """The filtered list (or, without filters, the whole registry) for spreadsheets.

    UTF-8 with a byte-order mark, so that Excel shows ä, ö and å right.
    """
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kasvuntuki-methods.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for method in filtered_methods(request):
        writer.writerow(csv_row(method, request))
    return with_last_modified(response, [registry_changed_at()])
