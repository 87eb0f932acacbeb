"""The main journeys, walked in a real browser as people do."""

import re

import pytest
from django.core.management import call_command

from evaluations.demo_data import reload_reference_data

from .conftest import save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo() -> None:
    # A transactional test empties every table when it ends, the migrations' rows included.
    reload_reference_data()
    call_command("load_demo_data", verbosity=0)


def test_a_professional_filters_in_swedish_opens_a_method_and_switches_to_english(
    page, demo
) -> None:
    page.goto("/sv/metoder/")
    page.get_by_label("Barnets ålder").fill("10")
    page.get_by_label(re.compile(r"^Ångest, oro, stress")).check()
    page.get_by_role("button", name="Visa resultat").click()
    page.wait_for_url(re.compile(r"age=10"))
    assert "topic=anxiety" in page.url
    save_screenshot(page, "list-sv-filtered")

    page.get_by_role("link", name="FRIENDS-programmet").click()
    page.wait_for_url("**/sv/metoder/friends-ohjelma/")
    assert page.locator("h1").inner_text() == "FRIENDS-programmet"
    assert "4/5" in page.locator(".evidence-box").inner_text()

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/methods/friends-ohjelma/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_the_filter_form_can_be_used_by_keyboard_alone(page, demo) -> None:
    page.goto("/en/methods/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.get_by_label("Search", exact=True).focus()
    page.keyboard.type("kiva")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=kiva"))
    assert page.get_by_role("link", name="KiVa anti-bullying programme").is_visible()


def test_the_home_page_fits_a_phone(browser, live_server, demo) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/")
    width = page.evaluate("document.documentElement.scrollWidth")
    save_screenshot(page, "home-phone")
    context.close()
    assert width <= 390
