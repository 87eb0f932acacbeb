"""Small HTTP helpers: the client's address behind a proxy, and query strings."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, QueryDict


def client_address(request: HttpRequest) -> str:
    """The address of the client, for throttles and login lockouts.

    Behind a load balancer REMOTE_ADDR is the balancer's own address, the same for every
    visitor. When CLIENT_IP_HEADER names the header the trusted proxy sets (e.g.
    X-Forwarded-For), the client is the entry that the outermost of TRUSTED_PROXY_COUNT proxies
    appended; entries further left were written by the client and cannot be trusted.
    """
    header = settings.CLIENT_IP_HEADER
    if header:
        forwarded = [part.strip() for part in request.headers.get(header, "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
            return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def without_empty_values(params: QueryDict) -> QueryDict:
    """The parameters less empty values, which forms send for "any" choices."""
    cleaned = QueryDict(mutable=True)
    for name in params:
        values = [value for value in params.getlist(name) if value != ""]
        if values:
            cleaned.setlist(name, values)
    return cleaned


def query_without(params: QueryDict, name: str, value: str | None = None) -> str:
    """The query string with one parameter (or one of its values) removed, from page 1."""
    copy = params.copy()
    if value is None:
        copy.pop(name, None)
    else:
        copy.setlist(name, [v for v in copy.getlist(name) if v != value])
    copy.pop("page", None)  # A changed filter starts again from the first page.
    return copy.urlencode()


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """An absolute address of one of our pages.

    From SITE_URL when it is set (production), so that no cached page, API answer or export
    ever carries a host name that a request made up; from the request otherwise.
    """
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/") + path
    if request is None:
        return path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        return path  # The 400 page for a host we do not serve must not fail in turn.
