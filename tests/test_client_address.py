"""The client's address behind a load balancer, for the throttles and the login lockout."""

from django.core.cache import cache
from django.test import RequestFactory

from lib.http import client_address
from lib.spam import submission_allowed

factory = RequestFactory()


def test_without_a_configured_header_the_connection_address_is_the_client(settings) -> None:
    settings.CLIENT_IP_HEADER = ""
    request = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(request) == "10.0.0.1"


def test_behind_one_trusted_proxy_the_client_is_the_last_forwarded_address(settings) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 1
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9"
    )
    assert client_address(request) == "203.0.113.9"


def test_addresses_a_client_wrote_itself_are_not_trusted(settings) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXY_COUNT = 2
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.2"
    )
    assert client_address(request) == "198.51.100.7"


def test_a_missing_forwarded_header_falls_back_to_the_connection_address(settings) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    request = factory.get("/", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"


def test_the_form_throttle_counts_each_client_behind_the_balancer_apart(settings) -> None:
    cache.clear()
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    first = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = factory.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert [submission_allowed(first, "test-form", 2) for _ in range(3)] == [True, True, False]
    assert submission_allowed(second, "test-form", 2) is True
