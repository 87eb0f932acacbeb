"""The evaluation pages of the admin in the reader's language and time zone: no English
strings of Django or its packages in the Finnish or Swedish admin, times in Europe/Helsinki,
translated fields shown once, and history diffs in words (labels, never codes or "pk=None")."""

import re
from datetime import UTC, datetime

import pytest

from evaluations.models import Answer, CriterionAnswer, Evaluation, EvaluationState
from evaluations.workflow import approve, move, withdraw_approval
from methods.models import Term, Vocabulary

from .conftest import client_for

State = EvaluationState
# What the Finnish and Swedish admin showed in English before, from Django 6.1's admin (its
# catalogues lack them), django-simple-history (it has none) and our own hidden field.
ENGLISH = [
    "- Select an option -",
    "Change or view list link",
    "Loaded version",
    "View history",
    "Changed by",
    "Change reason",
    "Date/time",
    "pk=None",
    'value="Run"',
]


def visible_text(html: str) -> str:
    without_code = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", without_code))


@pytest.fixture
def worked_on(evaluation, editor, board_member) -> Evaluation:
    """An evaluation that went through the board and back: its history has every kind of row."""
    answer = evaluation.answers.first()
    answer.answer = Answer.MET
    answer.save()
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    approve(evaluation, by=board_member)
    withdraw_approval(evaluation, by=editor, reason="Tiivistelmä muuttui")
    return evaluation


def pages(evaluation: Evaluation, prefix: str) -> list[str]:
    base = f"{prefix}/admin/evaluations/evaluation/"
    version = evaluation.history.earliest().history_id
    return [
        base,
        f"{base}{evaluation.pk}/change/",
        f"{base}{evaluation.pk}/history/",
        f"{base}{evaluation.pk}/history/{version}/",
        f"{prefix}/admin/",
    ]


@pytest.mark.parametrize("prefix", ["", "/sv"])
@pytest.mark.parametrize("who", ["editor", "evaluator", "board_member"])
@pytest.mark.django_db
def test_the_finnish_and_swedish_evaluation_pages_have_no_english_strings(
    request, worked_on, prefix, who
) -> None:
    client = client_for(request.getfixturevalue(who))
    found = {}
    for url in pages(worked_on, prefix):
        response = client.get(url)
        assert response.status_code == 200, url
        shown = [text for text in ENGLISH if text in response.text]
        if shown:
            found[url] = shown
    assert found == {}


@pytest.mark.django_db
def test_a_read_only_translated_field_is_shown_once(worked_on, board_member) -> None:
    page = client_for(board_member).get(f"/sv/admin/evaluations/evaluation/{worked_on.pk}/change/")
    assert visible_text(page.text).count("Sammanfattning av bedömningen [fi]") == 1


@pytest.mark.django_db
def test_answer_changes_are_shown_in_finnish_time(worked_on, editor) -> None:
    CriterionAnswer.history.filter(evaluation_id=worked_on.pk).update(
        history_date=datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
    )
    page = client_for(editor).get(f"/admin/evaluations/evaluation/{worked_on.pk}/change/")
    assert "15.01.2026 12:00" in page.text  # UTC+2 in winter


@pytest.mark.django_db
def test_history_times_are_shown_in_finnish_time(worked_on, editor) -> None:
    Evaluation.history.filter(id=worked_on.pk).update(
        history_date=datetime(2026, 7, 15, 10, 0, tzinfo=UTC)
    )
    page = client_for(editor).get(f"/admin/evaluations/evaluation/{worked_on.pk}/history/")
    assert "15.7.2026 13.00" in visible_text(page.text)  # UTC+3 in summer


@pytest.mark.django_db
def test_history_diffs_name_states_by_their_labels(worked_on, editor) -> None:
    text = visible_text(
        client_for(editor).get(f"/admin/evaluations/evaluation/{worked_on.pk}/history/").text
    )
    assert "Tila: Jonossa → Arvioinnissa" in text
    assert "in_evaluation" not in text


@pytest.mark.django_db
def test_an_emptied_foreign_key_shows_a_dash_not_pk_none(worked_on, editor) -> None:
    worked_on.review_type = Term.objects.get(vocabulary=Vocabulary.REVIEW_TYPE, code="systematic")
    worked_on.save()
    worked_on.review_type = None
    worked_on.save()
    text = visible_text(
        client_for(editor).get(f"/admin/evaluations/evaluation/{worked_on.pk}/history/").text
    )
    assert "Systemaattinen kirjallisuuskatsaus → –" in text
    assert "pk=None" not in text
    assert "None" not in text


@pytest.mark.django_db
def test_history_leaves_out_the_bookkeeping_fields(worked_on, editor) -> None:
    page = client_for(editor).get(f"/en/admin/evaluations/evaluation/{worked_on.pk}/history/")
    assert "lock version" not in page.text.lower()
    assert "board_approved_content" not in page.text
