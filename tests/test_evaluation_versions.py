"""The reasons in public: answers and justifications on the method page, a stable page per
published version, citations that point at it, and a note while an update is under way."""

import pytest
from django.test import Client

from evaluations.models import Answer, Evaluation, EvaluationState, EvaluationStudy, Study
from evaluations.workflow import approve, move, publish, start_update
from methods.models import Method, ScaleLevel, Term, Vocabulary

State = EvaluationState

# The method, all its evaluations, the shown one's answers (with their studies' ids) and
# screened studies, and the names of its evaluators and peer reviewers.
VERSION_PAGE_QUERIES = 5


def second_version(method: Method, editor, board_member, level: int = 2) -> Evaluation:
    evaluation = start_update(method, by=editor)
    for answer in evaluation.answers.select_related("criterion"):
        answer.answer = Answer.MET if answer.criterion.level <= level else Answer.NOT_MET
        answer.justification = f"Versio 2: {answer.criterion.code} perustellaan näin."
        answer.save()
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    approve(evaluation, by=board_member)
    publish(evaluation, by=editor)
    return evaluation


@pytest.fixture
def rated(make_method) -> Method:
    return make_method(slug="voima", rating="4of5")


@pytest.mark.django_db
def test_the_method_page_shows_each_answer_with_its_justification(client: Client, rated) -> None:
    answer = rated.current_evaluation().answers.get(criterion__code="1.1")
    answer.justification = "Menetelmän kuvaus nimeää tavoitteet selvästi."
    answer.save()
    text = client.get("/menetelmat/voima/").text
    assert "Menetelmän kuvaus nimeää tavoitteet selvästi." in text


@pytest.mark.django_db
def test_the_reason_for_an_outcome_stands_next_to_the_badge(
    client: Client, make_method, editor, board_member
) -> None:
    method = make_method(slug="voima", rating="2of5")
    evaluation = start_update(method, by=editor)
    evaluation.outcome = "negative_effects"
    evaluation.outcome_reason = "Kaksi tutkimusta raportoi haittoja."
    evaluation.save()
    study = Study.objects.create(
        citation="Haittatutkimus",
        year=2021,
        country="SE",
        design=Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code="rct"),
        quality="good",
    )
    EvaluationStudy.objects.create(evaluation=evaluation, study=study)
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    approve(evaluation, by=board_member)
    publish(evaluation, by=editor)
    text = client.get("/menetelmat/voima/").text
    box = text[text.index('class="evidence-box"') :].split("</section>")[0]
    assert "Kaksi tutkimusta raportoi haittoja." in box


@pytest.mark.django_db
def test_each_published_version_has_its_own_page(
    client: Client, rated, editor, board_member
) -> None:
    second_version(rated, editor, board_member)
    first = client.get("/menetelmat/voima/arvio/1/")
    second = client.get("/menetelmat/voima/arvio/2/")
    assert (first.status_code, second.status_code) == (200, 200)
    assert "Versio 2: 1.1 perustellaan näin." in second.text
    assert "Versio 2: 1.1" not in first.text


@pytest.mark.django_db
def test_an_old_version_page_keeps_its_own_rating(
    client: Client, rated, editor, board_member
) -> None:
    second_version(rated, editor, board_member, level=2)
    first = client.get("/en/methods/voima/evaluation/1/").text
    assert "This is an earlier version of the evaluation" in first
    assert ScaleLevel.objects.get(key="4of5").label_en in first


@pytest.mark.django_db
def test_the_version_page_shows_its_studies_and_manual(client: Client, rated) -> None:
    text = client.get("/en/methods/voima/evaluation/1/").text
    assert "Test record: a Finnish randomised controlled trial" in text
    assert rated.current_evaluation().manual.name_en in text


@pytest.mark.django_db
def test_the_rating_history_links_to_each_version(
    client: Client, rated, editor, board_member
) -> None:
    second_version(rated, editor, board_member)
    text = client.get("/menetelmat/voima/").text
    assert 'href="/menetelmat/voima/arvio/1/"' in text
    assert 'href="/menetelmat/voima/arvio/2/"' in text


@pytest.mark.django_db
def test_how_to_cite_uses_the_version_address_not_the_query_string(client: Client, rated) -> None:
    text = client.get("/menetelmat/voima/?utm_source=uutiskirje").text
    citation = text[text.index('class="citation"') :].split("</p>")[0]
    assert "http://testserver/menetelmat/voima/arvio/1/" in citation
    assert "utm_source" not in citation


@pytest.mark.django_db
def test_the_version_pages_speak_swedish_and_english(client: Client, rated) -> None:
    assert client.get("/sv/metoder/voima/bedomning/1/").status_code == 200
    assert client.get("/en/methods/voima/evaluation/1/").status_code == 200


@pytest.mark.parametrize("version", ["2", "0", "99999", "999999999999999999999"])
@pytest.mark.django_db
def test_a_version_that_is_not_published_is_not_found(client: Client, rated, version) -> None:
    assert client.get(f"/menetelmat/voima/arvio/{version}/").status_code == 404


@pytest.mark.django_db
def test_a_version_under_way_is_not_shown(client: Client, rated, editor) -> None:
    start_update(rated, by=editor)
    assert client.get("/menetelmat/voima/arvio/2/").status_code == 404


@pytest.mark.django_db
def test_a_version_of_an_unpublished_method_is_not_found(client: Client, rated) -> None:
    Method.objects.filter(pk=rated.pk).update(is_published=False)
    assert client.get("/menetelmat/voima/arvio/1/").status_code == 404


@pytest.mark.django_db
def test_the_method_page_says_when_an_update_is_under_way(client: Client, rated, editor) -> None:
    assert "An update of this evaluation is under way" not in client.get("/en/methods/voima/").text
    start_update(rated, by=editor)
    text = client.get("/en/methods/voima/").text
    assert "An update of this evaluation is under way" in text
    assert 'href="/en/methods/voima/evaluation/1/"' in text


@pytest.mark.django_db
def test_the_version_page_makes_a_fixed_number_of_queries(
    client: Client, rated, django_assert_num_queries
) -> None:
    with django_assert_num_queries(VERSION_PAGE_QUERIES):
        client.get("/menetelmat/voima/arvio/1/")
