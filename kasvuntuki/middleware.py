"""The health check, answered before the rest of the stack.

The container's health check and load balancers call /healthz on an address of their own
(127.0.0.1), which is not one of the site's host names; production does not allow loopback
host names (settings.ALLOWED_HOSTS), so the health check must not go through the host check.
It reads nothing from the request.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .views import health


def health_check(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz" and request.method in ("GET", "HEAD"):
            return health(request)
        return get_response(request)

    return middleware
