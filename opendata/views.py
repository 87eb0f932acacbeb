from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lib.page_cache import cached_public_page
from methods.models import Method


@cached_public_page
def open_data(request: HttpRequest) -> HttpResponse:
    """How to use the registry as data: the API, CSV, feeds, the licence and how to cite."""
    example = Method.objects.published().order_by("slug").first()
    return render(request, "opendata/open_data.html", {"example": example})
