"""axe-core finds no WCAG 2.1 A/AA violations on any page type, in any language.

axe is injected from a pinned copy in tests/browser/vendor/ into contexts that bypass the
Content-Security-Policy, which would (rightly) refuse the injected script.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.demo_data import DEMO_PASSWORD
from accounts.models import User
from evaluations.models import Evaluation, EvaluationState
from evaluations.workflow import move

from .conftest import save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)
State = EvaluationState

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js").read_text(encoding="utf-8")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = {
    "home": {"fi": "/", "sv": "/sv/", "en": "/en/"},
    "list": {"fi": "/menetelmat/", "sv": "/sv/metoder/", "en": "/en/methods/"},
    "filtered list": {
        "fi": "/menetelmat/?age=7&topic=anxiety&q=ahdistus",
        "sv": "/sv/metoder/?age=7&topic=anxiety&q=ångest",
        "en": "/en/methods/?age=7&topic=anxiety&q=anxiety",
    },
    "empty list": {
        "fi": "/menetelmat/?q=zzzz",
        "sv": "/sv/metoder/?q=zzzz",
        "en": "/en/methods/?q=zzzz",
    },
    # The notes of a search: the concept, language, age and group it understood.
    "understood search": {
        "fi": "/menetelmat/?q=ahdistus+7-vuotias",
        "sv": "/sv/metoder/?q=ahdistus+nuoret",
        "en": "/en/methods/?q=teenagers+anxiety",
    },
    # No method for the problem: nearest concepts, filters and the proposal form.
    "none yet": {
        "fi": "/menetelmat/?q=ADHD&age=7",
        "sv": "/sv/metoder/?q=mobbnig",
        "en": "/en/methods/?q=bulying+at+scool",
    },
    "method": {
        "fi": "/menetelmat/prokoulu/",
        "sv": "/sv/metoder/nuorten-kompassi/",  # falls back to Finnish text, visibly
        "en": "/en/methods/cool-kids/",
    },
    "evaluation version": {
        "fi": "/menetelmat/kiva-koulu/arvio/1/",
        "sv": "/sv/metoder/kiva-koulu/bedomning/1/",
        "en": "/en/methods/kiva-koulu/evaluation/1/",
    },
    "criteria manual": {
        "fi": "/arviointikasikirja/2016/",
        "sv": "/sv/bedomningshandbok/2016/",
        "en": "/en/criteria-manual/2016/",
    },
    "ratings": {
        "fi": "/arviointiasteikko/",
        "sv": "/sv/om-bedomningarna/",
        "en": "/en/about-the-ratings/",
    },
    "pipeline": {"fi": "/arvioinnit/", "sv": "/sv/bedomningar/", "en": "/en/evaluations/"},
    "proposal form": {"fi": "/ehdota/", "sv": "/sv/foresla/", "en": "/en/propose/"},
    "open data": {"fi": "/avoin-data/", "sv": "/sv/oppna-data/", "en": "/en/open-data/"},
    "accessibility statement": {
        "fi": "/saavutettavuus/",
        "sv": "/sv/tillganglighet/",
        "en": "/en/accessibility/",
    },
    "not found": {"fi": "/menetelmat/ei-ole/", "sv": "/sv/metoder/nej/", "en": "/en/methods/no/"},
}
CASES = [(kind, lang) for kind in PAGE_TYPES for lang in ("fi", "sv", "en")]


@pytest.fixture
def axe_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def violations(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


def test_every_public_page_type_in_every_language_has_no_violations(axe_page, demo) -> None:
    found = {}
    for kind, language in CASES:
        axe_page.goto(PAGE_TYPES[kind][language])
        assert axe_page.locator("html").get_attribute("lang") == language, (kind, language)
        problems = violations(axe_page)
        if problems:
            found[f"{kind} ({language})"] = problems
    assert found == {}


def test_the_evaluators_admin_form_has_no_violations(axe_page, demo) -> None:
    axe_page.goto("/en/admin/login/")
    axe_page.get_by_label("Username").fill("arvioitsija")
    axe_page.get_by_label("Password").fill(DEMO_PASSWORD)
    axe_page.get_by_role("button", name="Log in").click()
    trappan = Evaluation.objects.under_way().get(method__slug="trappan")
    axe_page.goto(f"/en/admin/evaluations/evaluation/{trappan.pk}/change/")
    assert axe_page.get_by_role("heading", name="Trappan (The Stairs) – 3").is_visible()
    # modeltranslation adds its language switch from a script; axe runs once it is there.
    language_switch = axe_page.locator("#modeltranslation-main-switch")
    expect(language_switch).to_have_attribute("aria-label", "Language of the translated fields")
    assert violations(axe_page) == []


@pytest.mark.parametrize(("width", "name"), [(390, "phone"), (1280, "desktop")])
def test_screenshots_of_the_main_pages(browser, live_server, demo, width, name) -> None:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    for kind in ("home", "filtered list", "method"):
        page.goto(PAGE_TYPES[kind]["fi"])
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{kind} is wider than the {name} screen"
        save_screenshot(page, f"{kind.replace(' ', '-')}-{name}")
    context.close()


def sign_in(page, username: str) -> None:
    page.goto("/en/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def settled(page) -> None:
    """Wait until the admin's scripts have built their widgets, so axe sees the final page."""
    page.wait_for_load_state("networkidle")
    switch = page.locator("#modeltranslation-main-switch")
    if switch.count():
        expect(switch).to_have_attribute("aria-label", re.compile(".+"))


# Each role's view of the evaluation at the stage where it acts: (user, stage, its step).
ROLE_VIEWS = [
    ("arvioitsija", State.IN_EVALUATION, "peer_review"),
    ("arvioitsija2", State.PEER_REVIEW, "return"),
    ("toimituskunta", State.BOARD_DECISION, "approve"),
]


def test_the_evaluator_peer_reviewer_and_board_views_have_no_violations(
    browser, live_server, demo
) -> None:
    trappan = Evaluation.objects.under_way().get(method__slug="trappan")
    editor = User.objects.get(username="toimittaja")
    found = {}
    for username, stage, step in ROLE_VIEWS:
        if trappan.state != stage:
            move(trappan, stage, by=editor)
        context = browser.new_context(base_url=live_server.url, bypass_csp=True)
        page = context.new_page()
        sign_in(page, username)
        for prefix in ("", "/en"):
            admin = f"{prefix}/admin/evaluations/evaluation/{trappan.pk}"
            for view in (f"{prefix}/admin/", f"{admin}/change/", f"{admin}/step/{step}/"):
                page.goto(view)
                settled(page)
                problems = violations(page)
                if problems:
                    found[f"{username} {view}"] = problems
        context.close()
    assert found == {}
