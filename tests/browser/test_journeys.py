"""The main journeys, walked in a real browser as people do."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.demo_data import DEMO_PASSWORD
from evaluations.models import Evaluation, Study
from methods.models import Term, Vocabulary

from .conftest import save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)


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
    trappan = Evaluation.objects.under_way().get(method__slug="trappan")
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


class Role:
    """One demo user's own browser, signed in to the English admin."""

    def __init__(self, browser, live_server, username: str) -> None:
        self.context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        self.page = self.context.new_page()
        self.page.goto("/en/admin/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url("**/en/admin/")

    def open(self, evaluation: Evaluation) -> None:
        self.page.goto(f"/en/admin/evaluations/evaluation/{evaluation.pk}/change/")

    def take_step(self, evaluation: Evaluation, label: str, reason: str = "") -> str:
        """Press the step's button, confirm it (with the reason if asked), return the message."""
        self.open(evaluation)
        self.page.locator(".workflow-steps").get_by_role("link", name=label).click()
        if reason:
            self.page.get_by_label("Why is it returned?").fill(reason)
        self.page.get_by_role("button", name=f"Confirm: {label}").click()
        self.page.wait_for_url(f"**/evaluation/{evaluation.pk}/change/")
        return self.page.locator(".messagelist").inner_text()


@pytest.fixture
def sign_in(browser, live_server):
    """Sign a demo user in, in a browser of their own, closed after the test (even a failed
    one, so the live server lets go of its database connections)."""
    roles = []

    def sign_in(username: str) -> Role:
        roles.append(Role(browser, live_server, username))
        return roles[-1]

    yield sign_in
    for role in roles:
        role.context.close()


def test_an_update_goes_from_queued_to_published_through_the_buttons_of_four_roles(
    sign_in, demo
) -> None:
    evaluation = Evaluation.objects.get(method__slug="kiva-koulu", state="queued")
    editor = sign_in("toimittaja")
    evaluator = sign_in("arvioitsija")
    reviewer = sign_in("arvioitsija2")
    board = sign_in("toimituskunta")

    assert "Aino Arvioitsija was notified" in editor.take_step(evaluation, "Start the evaluation")

    # The evaluator finds the evaluation in "my tasks" and answers the first two levels.
    evaluator.page.goto("/en/admin/")
    evaluator.page.locator(f'.my-tasks a[href$="/evaluation/{evaluation.pk}/change/"]').click()
    reachable = {
        str(pk)
        for pk in evaluation.answers.filter(criterion__level__lte=2).values_list("pk", flat=True)
    }
    page = evaluator.page
    rows = int(page.locator('[name="answers-TOTAL_FORMS"]').input_value())
    for row in range(rows):
        if page.locator(f'[name="answers-{row}-id"]').input_value() in reachable:
            page.select_option(f'[name="answers-{row}-answer"]', "met")
            page.fill(f'[name="answers-{row}-justification_fi"]', "Kuvattu käsikirjassa.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert "Ville Vertainen was notified" in evaluator.take_step(evaluation, "Send to peer review")

    # The peer reviewer returns it with a reason; the evaluator sends it again.
    message = reviewer.take_step(
        evaluation, "Return to the evaluators", reason="Perustele kriteeri 2.1 tarkemmin."
    )
    assert "Returned to the evaluators with your reason; Aino Arvioitsija was notified" in message
    evaluator.open(evaluation)
    expect(evaluator.page.locator(".comment-thread")).to_contain_text(
        "Perustele kriteeri 2.1 tarkemmin."
    )
    evaluator.take_step(evaluation, "Send to peer review")
    assert "Tuomas Tieteellinen was notified" in reviewer.take_step(evaluation, "Send to the board")

    # The board approves; a board member is not offered publishing, and the editor publishes.
    assert "Tiina Toimittaja was notified" in board.take_step(evaluation, "Approve")
    board.open(evaluation)
    expect(board.page.locator(".workflow-steps").get_by_role("link", name="Publish")).to_have_count(
        0
    )
    assert "Published: the rating is now public." in editor.take_step(evaluation, "Publish")

    evaluation.refresh_from_db()
    assert evaluation.state == "published"
    public = editor.context.new_page()
    public.goto("/en/methods/kiva-koulu/")
    expect(public.locator("main")).to_contain_text(evaluation.level.short_label)
    assert public.locator(f'a[href$="/evaluation/{evaluation.version}/"]').count() >= 1
    save_screenshot(public, "journey-published-update")


def test_an_evaluator_adds_a_study_in_the_popup_and_links_it_to_a_criterion_at_once(
    sign_in, demo
) -> None:
    trappan = Evaluation.objects.under_way().get(method__slug="trappan")
    evaluator = sign_in("arvioitsija")
    evaluator.open(trappan)
    page = evaluator.page
    screening = page.locator("#evaluationstudy_set-group")
    screening.get_by_role("button", name=re.compile("Add another", re.IGNORECASE)).click()
    with page.expect_popup() as popup_info:
        page.locator("#add_id_evaluationstudy_set-0-study").click()
    popup = popup_info.value
    popup.get_by_label("Citation").fill("Virtanen ym. 2022. Porrasmalli kouluissa.")
    popup.get_by_label("Year").fill("2022")
    popup.get_by_label("Country").fill("FI")
    rct = Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code="rct")
    popup.get_by_label("Design").select_option(value=str(rct.pk))
    popup.get_by_label("Quality").select_option(index=1)
    popup.get_by_role("button", name="Save", exact=True).click()
    popup.wait_for_event("close")

    # Without saving, the new study is offered to the criteria (static/js/admin-evaluation.js).
    first_answer = page.locator('[name="answers-0-studies"]')
    expect(first_answer.locator("option", has_text="Virtanen ym. 2022")).to_have_count(1)
    study = Study.objects.get(citation__startswith="Virtanen ym. 2022")
    first_answer.select_option(value=str(study.pk))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    answer = trappan.answers.order_by("criterion__position", "criterion__code").first()
    assert [study.citation for study in answer.studies.all()] == [
        "Virtanen ym. 2022. Porrasmalli kouluissa."
    ]
    assert trappan.evaluationstudy_set.get().included
