from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from lib.page_cache import cached_public_page

from .listing import MethodListing
from .models import MAX_AGE, VOCABULARY_RELATIONS, Method, RatingScale, Term, Vocabulary

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
        "max_age": MAX_AGE,
    }
    return render(request, "methods/home.html", ctx)


@cached_public_page
def method_list(request: HttpRequest) -> HttpResponse:
    listing = MethodListing(request.GET)
    ctx = {
        "listing": listing,
        "form": listing.form,
        "page": listing.page(request.GET.get("page")),
        "search_lemmas": listing.search_lemmas,  # highlighted in the method cards
        "max_age": MAX_AGE,
    }
    return render(request, "methods/method_list.html", ctx)


@cached_public_page
def method_detail(request: HttpRequest, slug: str) -> HttpResponse:
    method = get_object_or_404(
        Method.objects.published()
        .select_related("owner", "rating__scale")
        .prefetch_related(*VOCABULARY_RELATIONS, "contacts"),
        slug=slug,
    )
    # The published evaluation is read through the evaluations' relation to the method;
    # this app never imports the evaluations app.
    evaluation = method.current_evaluation()
    return render(
        request, "methods/method_detail.html", {"method": method, "evaluation": evaluation}
    )


@cached_public_page
def about_ratings(request: HttpRequest) -> HttpResponse:
    scales = RatingScale.objects.prefetch_related("levels")
    return render(request, "methods/about_ratings.html", {"scales": scales})
