from datetime import date

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info

from lib.http import absolute_url


def kept_query(request: HttpRequest) -> str:
    """The query string, parsed and encoded again rather than copied as the client sent it;
    none for a request whose parameters cannot be parsed (its 400 page renders this too)."""
    try:
        return request.GET.urlencode()
    except TooManyFieldsSent:
        return ""


def language_links(request: HttpRequest) -> dict:
    """The current page in each language, for the language switcher and hreflang links.

    The query string is kept, so a filtered list stays filtered and a search keeps its words
    in the other language (the search reads a query in any of the three languages). Links
    are built only from a path that resolved to one of our pages: a raw path such as
    "//evil.example/" would otherwise become a link to another site. An unknown page (404)
    links to the front page of each language.
    """
    match = getattr(request, "resolver_match", None)
    path = request.path if match else None
    query = kept_query(request) if match else ""
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = translate_url(path, code) if path else translate_url("/", code)
        if query:
            url = f"{url}?{query}"
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": url,
                "absolute_url": absolute_url(request, url),
            }
        )
    return {
        "language_links": links,
        "source_code_url": settings.SOURCE_CODE_URL,
        # Printed at the foot of every page of a printout (print CSS).
        "print_url": absolute_url(request, f"{path}?{query}" if query else path or "/"),
        "print_date": date.today(),
    }
