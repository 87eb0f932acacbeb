"""The decision-maker's tools in a real browser: compare and the gap map pass axe in three
languages; a journey from the list to a comparison and its CSV; printing to PDF."""

from pathlib import Path

import pytest

from .conftest import ARTIFACTS, save_screenshot
from .test_accessibility import violations

pytestmark = pytest.mark.django_db(transaction=True)

COMPARE = "?m=cool-kids&m=friends-ohjelma&m=ihmeelliset-vuodet-ryhmanhallintamenetelma"
PAGES = {
    "compare": {
        "fi": f"/vertaa/{COMPARE}",
        "sv": f"/sv/jamfor/{COMPARE}",
        "en": "/en/compare/?m=kiva-koulu",
    },
    "gap map": {
        "fi": "/nayttokartta/",
        "sv": "/sv/evidenskarta/?columns=target_group",
        "en": "/en/evidence-gap-map/?columns=care_level&setting=primary_school",
    },
}


def test_compare_and_the_gap_map_have_no_violations(browser, live_server, demo) -> None:
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    found = {}
    for kind, addresses in PAGES.items():
        for language, address in addresses.items():
            page.goto(address)
            problems = violations(page)
            if problems:
                found[f"{kind} ({language})"] = problems
    context.close()
    assert found == {}


def test_a_decision_maker_compares_three_methods_and_downloads_them(
    browser, live_server, demo
) -> None:
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.goto("/en/methods/?topic=anxiety&topic=conduct")
    boxes = page.locator('.compare-pick input[name="m"]')
    for index in range(3):
        boxes.nth(index).check()
    page.get_by_role("button", name="Compare the ticked methods").click()
    assert page.locator(".compare-table thead th").count() == 4
    page.get_by_label("Hide the rows where the methods are the same").check()
    page.get_by_role("button", name="Update").click()
    assert "same=hide" in page.url
    assert page.locator("tr.row-same").count() == 0
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the comparison as CSV").click()
    assert download.value.suggested_filename == "kasvuntuki-comparison.csv"
    context.close()


@pytest.mark.parametrize(("width", "name"), [(390, "phone"), (1280, "desktop")])
def test_screenshots_of_compare_and_the_gap_map(browser, live_server, demo, width, name):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    for kind in PAGES:
        page.goto(PAGES[kind]["fi"])
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        save_screenshot(page, f"{kind.replace(' ', '-')}-{name}")
    page.goto("/menetelmat/")
    save_screenshot(page, f"list-{name}")
    context.close()


@pytest.mark.parametrize(
    ("kind", "address"),
    [
        ("method", "/en/methods/cool-kids/"),
        ("compare", f"/en/compare/{COMPARE}"),
        ("gap-map", "/en/evidence-gap-map/"),
    ],
)
def test_the_pages_print_to_pdf_without_navigation(browser, live_server, demo, kind, address):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto(address)
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-footer").is_visible()
    assert page.locator(".print-footer").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    pdf: Path = ARTIFACTS / f"print-{kind}.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000
    context.close()
