from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from .filters import (
    MethodFilter,
    build_facets,
    localized_name_field,
    ordering_for,
    queryset_without,
    without_empty_values,
)
from .forms import FeedbackForm
from .models import VOCABULARY_RELATIONS, Method, RatingScale, Term, Vocabulary
from .page_cache import cached_public_page
from .search import suggest_name

METHODS_PER_PAGE = 20
NEWEST_ON_HOME_PAGE = 6


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    published = Method.objects.published()
    ctx = {
        "newest": published.filter(rated_on__isnull=False)
        .with_card_data()
        .order_by("-rated_on", "slug")[:NEWEST_ON_HOME_PAGE],
        "method_count": published.count(),
        "topics": Term.objects.filter(vocabulary=Vocabulary.TOPIC),
        "target_groups": Term.objects.filter(vocabulary=Vocabulary.TARGET_GROUP),
    }
    return render(request, "methods/home.html", ctx)


@cached_public_page
def method_list(request: HttpRequest) -> HttpResponse:
    base = Method.objects.published()
    params = without_empty_values(request.GET)
    filterset = MethodFilter(params, queryset=base)
    filterset.is_valid()  # Invalid parameters are left out and listed in the page.
    methods = filterset.qs
    parsed = filterset.parsed_query
    if not filterset.form.cleaned_data.get("sort"):
        # Best matches first when searching, otherwise alphabetical.
        first = ["-search_rank"] if parsed and parsed.candidates else []
        methods = methods.order_by(*first, *ordering_for("name"))
    page = Paginator(methods.with_card_data(), METHODS_PER_PAGE).get_page(request.GET.get("page"))
    facets = build_facets(filterset, base)
    chips = active_filter_chips(params, facets, filterset)
    ctx = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "facets": facets,
        "chips": chips,
        "ignored_filters": filterset.ignored_filters,
        "relaxations": relaxations(filterset, base, chips) if page.paginator.count == 0 else [],
        "search_lemmas": parsed.all_lemmas if parsed else set(),
        "corrections": parsed.corrections if parsed else {},
        "suggestion": name_suggestion(filterset, base) if page.paginator.count == 0 else None,
    }
    return render(request, "methods/method_list.html", ctx)


def name_suggestion(filterset: MethodFilter, base) -> Method | None:
    """For a search that found nothing: the published method whose name is nearest."""
    query = filterset.form.cleaned_data.get("q")
    if not query:
        return None
    names = dict(base.values_list(localized_name_field(), "slug"))
    name = suggest_name(query, [n for n in names if n])
    return base.filter(slug=names[name]).first() if name else None


@cached_public_page
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = get_object_or_404(
        Method.objects.published()
        .select_related(
            "owner",
            "rating__scale",
            "current_evaluation__manual",
            "current_evaluation__review_type",
        )
        .prefetch_related(*VOCABULARY_RELATIONS, "contacts"),
        slug=slug,
    )
    return render(request, "methods/method_detail.html", {"method": method})


@cached_public_page
def about_ratings(request: HttpRequest) -> HttpResponse:
    scales = RatingScale.objects.prefetch_related("levels")
    return render(request, "methods/about_ratings.html", {"scales": scales})


@cached_public_page
def open_data(request: HttpRequest) -> HttpResponse:
    example = Method.objects.published().order_by("slug").first()
    return render(request, "methods/open_data.html", {"example": example})


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement, with a feedback form that reaches the editorial office."""
    form = FeedbackForm(request.POST or None, initial={"page": request.GET.get("page", "")})
    if request.method == "POST" and form.is_valid():
        feedback = form.save(commit=False)
        feedback.language = get_language() or "fi"
        feedback.save()
        return redirect(f"{reverse('accessibility')}?sent=1#feedback")
    ctx = {"form": form, "sent": request.GET.get("sent") == "1"}
    status = 400 if request.method == "POST" else 200
    return render(request, "methods/accessibility.html", ctx, status=status)


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and container health checks: the app runs and reaches its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def query_without(params: QueryDict, name: str, value: str | None = None) -> str:
    """The query string with one parameter (or one of its values) removed."""
    copy = params.copy()
    if value is None:
        copy.pop(name, None)
    else:
        copy.setlist(name, [v for v in copy.getlist(name) if v != value])
    copy.pop("page", None)  # A changed filter starts again from the first page.
    return copy.urlencode()


def active_filter_chips(params: QueryDict, facets, filterset: MethodFilter) -> list[dict]:
    """A removable chip for each filter value in use, each with the URL that removes it."""
    list_url = reverse("methods:list")
    chips = []
    for facet in facets:
        for value in facet.values:
            if value.selected:
                chips.append(
                    {
                        "name": facet.name,
                        "label": f"{facet.label}: {value.label}",
                        "url": f"{list_url}?{query_without(params, facet.name, value.code)}",
                    }
                )
    cleaned = filterset.form.cleaned_data
    for name in ("q", "age", "age_from", "age_to"):
        if cleaned.get(name) not in (None, ""):
            label = filterset.filters[name].label
            chips.append(
                {
                    "name": name,
                    "label": f"{label}: {format_value(cleaned[name])}",
                    "url": f"{list_url}?{query_without(params, name)}",
                }
            )
    return chips


def format_value(value) -> str:
    if isinstance(value, float) or hasattr(value, "to_integral_value"):
        return str(int(value))
    return str(value)


def relaxations(filterset: MethodFilter, base, chips: list[dict]) -> list[dict]:
    """For an empty result: how many methods each active filter's removal would give."""
    suggestions = []
    for name in dict.fromkeys(chip["name"] for chip in chips):
        count = queryset_without(filterset, base, name).count()
        if count:
            label = str(filterset.filters[name].label)
            url = f"{reverse('methods:list')}?{query_without(filterset.data, name)}"
            suggestions.append({"label": label, "count": count, "url": url})
    return suggestions
