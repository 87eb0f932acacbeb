"""Secure by default: production settings, headers on every response, cookies, throttling."""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from accounts.models import User

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/", "/en/methods/", "/sv/om-bedomningarna/", "/api/v1/methods/", "/admin/login/"]


def test_production_settings_pass_the_deployment_check() -> None:
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2#Lm9!zR4vT8" * 3,
        "ALLOWED_HOSTS": "kasvuntuki.fi",
        "SITE_URL": "https://kasvuntuki.fi",
        # Without it mail goes to the console, which the deployment check rightly refuses.
        "EMAIL_HOST": "smtp.kasvuntuki.fi",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.django_db
def test_every_response_carries_the_security_headers(client: Client, path: str) -> None:
    response = client.get(path, secure=True)
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'unsafe-inline'" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_session_and_csrf_cookies_are_secure(client: Client) -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    login_page = client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/",
        {
            "username": "toimittaja",
            "password": "a-long-password-1",
            "csrfmiddlewaretoken": login_page.cookies["csrftoken"].value,
        },
        secure=True,
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"
    assert login_page.cookies["csrftoken"]["secure"]


def login(client: Client, password: str):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "toimittaja", "password": password}
    )


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_a_while() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    client = Client()
    for _ in range(4):
        assert login(client, "wrong-password").status_code == 200
    assert login(client, "wrong-password").status_code == 429  # the fifth failure locks
    locked = login(client, "a-long-password-1")
    assert locked.status_code == 429
    assert "Liian monta epäonnistunutta kirjautumista" in locked.text
    assert "_auth_user_id" not in client.session


def login_from(address: str, password: str):
    return Client(REMOTE_ADDR=address).post(
        "/admin/login/?next=/admin/", {"username": "toimittaja", "password": password}
    )


@pytest.mark.django_db
def test_failures_spread_over_addresses_lock_the_account_too() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    for attempt in range(5):
        login_from(f"198.51.100.{attempt % 3 + 1}", "wrong-password")
    assert login_from("203.0.113.9", "a-long-password-1").status_code == 429


@pytest.mark.django_db
def test_a_locked_account_opens_again_after_the_cool_off() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    for attempt in range(5):
        login_from(f"198.51.100.{attempt + 1}", "wrong-password")
    an_hour_ago = timezone.now() - timedelta(hours=1, minutes=1)
    AccessAttempt.objects.update(attempt_time=an_hour_ago)
    assert login_from("203.0.113.9", "a-long-password-1").status_code == 302


@pytest.mark.django_db
def test_the_lockout_counts_the_client_address_from_the_proxy_header(settings) -> None:
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    login_from("10.0.0.1", "wrong-password")
    [attempt] = AccessAttempt.objects.all()
    assert attempt.ip_address == "10.0.0.1"
    behind_proxy = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.7")
    behind_proxy.post("/admin/login/", {"username": "toimittaja", "password": "wrong"})
    assert AccessAttempt.objects.filter(ip_address="192.0.2.7").exists()


@pytest.mark.django_db
def test_a_few_failures_do_not_lock_the_account() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    client = Client()
    for _ in range(3):
        login(client, "wrong-password")
    assert login(client, "a-long-password-1").status_code == 302


def browser_known_to_belong_to_toimittaja() -> Client:
    """A browser in which toimittaja has signed in and out before, from the usual address."""
    browser = Client(REMOTE_ADDR="192.0.2.50")
    assert login(browser, "a-long-password-1").status_code == 302
    assert "kt_known_device" in browser.cookies
    browser.post("/admin/logout/")
    return browser


def lock_toimittaja_from_elsewhere() -> None:
    for attempt in range(5):
        login_from(f"198.51.100.{attempt + 1}", "wrong-password")
    assert login_from("203.0.113.9", "a-long-password-1").status_code == 429


@pytest.mark.django_db
def test_a_locked_user_name_still_signs_in_from_a_browser_known_to_be_theirs() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    own_browser = browser_known_to_belong_to_toimittaja()
    lock_toimittaja_from_elsewhere()
    assert login(own_browser, "a-long-password-1").status_code == 302


@pytest.mark.django_db
def test_signing_in_from_a_known_browser_lifts_the_lock_everywhere() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    own_browser = browser_known_to_belong_to_toimittaja()
    lock_toimittaja_from_elsewhere()
    login(own_browser, "a-long-password-1")
    assert login_from("203.0.113.9", "a-long-password-1").status_code == 302


@pytest.mark.django_db
def test_a_known_browser_is_still_locked_after_its_own_failures() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    own_browser = browser_known_to_belong_to_toimittaja()
    for _ in range(5):
        login(own_browser, "wrong-password")
    assert login(own_browser, "a-long-password-1").status_code == 429


@pytest.mark.django_db
def test_a_known_device_cookie_vouches_only_for_its_own_user() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    User.objects.create_user("arvioija", password="another-password-2", is_staff=True)
    browser = Client(REMOTE_ADDR="192.0.2.50")
    browser.post("/admin/login/", {"username": "arvioija", "password": "another-password-2"})
    browser.post("/admin/logout/")
    lock_toimittaja_from_elsewhere()
    assert login(browser, "a-long-password-1").status_code == 429


@pytest.mark.django_db
def test_a_forged_known_device_cookie_is_ignored() -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    lock_toimittaja_from_elsewhere()
    forger = Client(REMOTE_ADDR="192.0.2.50")
    forger.cookies["kt_known_device"] = "toimittaja:forged-signature"
    assert login(forger, "a-long-password-1").status_code == 429


@pytest.mark.django_db
def test_the_health_check_answers_on_plain_http_from_the_container(
    client: Client, settings
) -> None:
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
@pytest.mark.django_db
def test_a_refused_next_address_lands_on_the_admin_home(unsafe) -> None:
    User.objects.create_user("toimittaja", password="a-long-password-1", is_staff=True)
    response = Client().post(
        f"/admin/login/?next={unsafe}",
        {"username": "toimittaja", "password": "a-long-password-1"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
