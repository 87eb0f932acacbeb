"""The implementation pages in a real browser: no axe violations in three languages, nothing
wider than a phone, and screenshots at phone and desktop width."""

import pytest

from .conftest import save_screenshot
from .test_accessibility import violations

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "region": {"fi": "/alueet/kyme/", "sv": "/sv/omraden/vake/", "en": "/en/regions/ps/"},
    "regions": {"fi": "/alueet/", "sv": "/sv/omraden/", "en": "/en/regions/"},
    "overview": {
        "fi": "/kayttoonotto/",
        "sv": "/sv/implementering/?sort=coverage&order=desc",
        "en": "/en/implementation/",
    },
    "service models": {
        "fi": "/toimintamallit/",
        "sv": "/sv/verksamhetsmodeller/?region=kyme",
        "en": "/en/service-models/",
    },
    "service model": {
        "fi": "/toimintamallit/interventiokoordinaatio-kymenlaakso/",
        "sv": "/sv/verksamhetsmodeller/terapiat-etulinjaan-vantaa-kerava/",
        "en": "/en/service-models/varhainen-mielenterveystuki-kymenlaakso/",
    },
    "therapy guarantee": {
        "fi": "/terapiatakuu/",
        "sv": "/sv/terapigaranti/",
        "en": "/en/therapy-guarantee/",
    },
    "where in use": {
        "fi": "/menetelmat/cool-kids/",
        "sv": "/sv/metoder/cool-kids/",
        "en": "/en/methods/ipc-interpersonaalinen-ohjanta/",
    },
}


def test_the_implementation_pages_have_no_violations_in_any_language(
    browser, live_server, demo
) -> None:
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    found = {}
    for kind, addresses in PAGES.items():
        for language, address in addresses.items():
            page.goto(address)
            assert page.locator("html").get_attribute("lang") == language
            problems = violations(page)
            if problems:
                found[f"{kind} ({language})"] = problems
    context.close()
    assert found == {}


@pytest.mark.parametrize(("width", "name"), [(390, "phone"), (1280, "desktop")])
def test_screenshots_of_the_implementation_pages(browser, live_server, demo, width, name):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    for kind in ("region", "overview", "service model", "therapy guarantee", "where in use"):
        page.goto(PAGES[kind]["fi"])
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{kind} is wider than the {name} screen"
        save_screenshot(page, f"implementation-{kind.replace(' ', '-')}-{name}")
    context.close()
