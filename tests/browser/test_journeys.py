"""The main journeys, walked in a real browser as people do."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.demo_data import DEMO_PASSWORD
from evaluations.demo_data import reload_reference_data
from evaluations.models import Evaluation

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
    page.locator("summary", has_text="Fenomen").click()  # facets open on demand
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


def tab_to(page, element_id: str, limit: int = 60) -> None:
    """Press Tab until the element has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"#{element_id} was not reached with Tab")


def test_a_search_and_a_filter_by_keyboard_alone(page, demo) -> None:
    page.goto("/en/methods/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    tab_to(page, "id_q")
    page.keyboard.type("bullying")
    tab_to(page, "id_age")
    page.keyboard.type("9")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=bullying"))
    assert "age=9" in page.url
    assert page.get_by_role("link", name="KiVa anti-bullying programme").is_visible()
    # Open the method from the results with the keyboard too.
    page.get_by_role("link", name="KiVa anti-bullying programme").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/methods/kiva-koulu/")


def test_a_decision_maker_filters_by_target_group_and_evidence_and_downloads_csv(
    page, demo
) -> None:
    page.goto("/en/methods/")
    page.locator("summary", has_text="Target group").click()  # facets open on demand
    page.get_by_label(re.compile(r"^Parents")).check()
    page.locator("summary", has_text="Evidence group").click()  # opens the collapsed facet
    page.get_by_label(re.compile(r"^Effective")).check()
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url(re.compile(r"group=effective"))
    heading = page.locator("#results-heading").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this list as CSV").click()
    rows = Path(download_info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("slug,name_fi")
    assert f"{len(rows) - 1} methods" == heading
    assert all(",effective," in row for row in rows[1:])


def test_an_evaluator_signs_in_and_answers_criteria(page, demo) -> None:
    page.goto("/en/admin/login/")
    page.get_by_label("Username").fill("arvioitsija")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    trappan = Evaluation.objects.get(method__slug="trappan")
    page.goto(f"/en/admin/evaluations/evaluation/{trappan.pk}/change/")
    page.locator("#id_answers-0-answer").select_option("met")
    page.locator("#id_answers-0-justification_fi").fill("The aims are stated in the manual.")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert "criterion 1.1 is not answered" not in page.content()
    assert "criterion 1.2 is not answered" in page.content()
    save_screenshot(page, "admin-evaluator-form")
    assert trappan.answers.get(criterion__code="1.1").answer == "met"


def test_the_home_page_fits_a_phone(browser, live_server, demo) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/")
    width = page.evaluate("document.documentElement.scrollWidth")
    save_screenshot(page, "home-phone")
    context.close()
    assert width <= 390
