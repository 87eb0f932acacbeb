"""Each role in the evaluation admin, including what it must not be able to do."""

import pytest
from django.test import Client

from evaluations.models import Evaluation, EvaluationState
from evaluations.workflow import move, new_evaluation

from .admin_forms import change_form_data
from .conftest import client_for

State = EvaluationState


@pytest.fixture
def evaluation(make_method, evaluator, other_evaluator, editor) -> Evaluation:
    evaluation = new_evaluation(make_method(slug="voima"))
    evaluation.evaluators.add(evaluator)
    evaluation.peer_reviewers.add(other_evaluator)
    move(evaluation, State.IN_EVALUATION, by=editor)
    return evaluation


def url(evaluation: Evaluation) -> str:
    return f"/admin/evaluations/evaluation/{evaluation.pk}/change/"


def answer_first_criterion(client: Client, evaluation: Evaluation, answer: str = "met"):
    page = client.get(url(evaluation))
    data = change_form_data(page)
    data["answers-0-answer"] = answer
    data["answers-0-justification_fi"] = "The manual states the aims."
    return client.post(url(evaluation), data)


@pytest.mark.django_db
def test_an_evaluator_sees_only_the_evaluations_assigned_to_them(
    evaluation, evaluator, make_method
) -> None:
    new_evaluation(make_method(slug="muu"))
    listed = client_for(evaluator).get("/admin/evaluations/evaluation/").context["cl"].result_list
    assert list(listed) == [evaluation]


@pytest.mark.django_db
def test_an_evaluator_opening_someone_elses_evaluation_gets_404(
    evaluation, make_method, evaluator
) -> None:
    others = new_evaluation(make_method(slug="muu"))
    assert client_for(evaluator).get(url(others)).status_code == 404


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%00"])
@pytest.mark.django_db
def test_unknown_or_malformed_evaluation_ids_give_404(editor, object_id) -> None:
    response = client_for(editor).get(f"/admin/evaluations/evaluation/{object_id}/change/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_evaluator_answers_criteria_and_sees_the_level_they_give(evaluation, evaluator) -> None:
    client = client_for(evaluator)
    response = answer_first_criterion(client, evaluation)
    assert response.status_code == 302
    answer = evaluation.answers.get(criterion__code="1.1")
    assert (answer.answer, answer.justification) == ("met", "The manual states the aims.")
    page = client.get(f"/en{url(evaluation)}").text
    assert "Level 1 is not reached:" in page
    assert "criterion 1.2 is not answered" in page


@pytest.mark.django_db
def test_the_evaluator_cannot_change_the_evaluations_own_fields(evaluation, evaluator) -> None:
    client = client_for(evaluator)
    data = change_form_data(client.get(url(evaluation)))
    data["summary_fi"] = "Evaluator tries to write the summary."
    client.post(url(evaluation), data)
    evaluation.refresh_from_db()
    assert not evaluation.summary_fi


@pytest.mark.django_db
def test_answers_are_read_only_once_the_evaluation_left_the_evaluators(
    evaluation, evaluator, editor
) -> None:
    client = client_for(evaluator)
    data = change_form_data(client.get(url(evaluation)))
    move(evaluation, State.PEER_REVIEW, by=editor)
    data["answers-0-answer"] = "met"
    assert client.post(url(evaluation), data).status_code == 403
    assert evaluation.answers.get(criterion__code="1.1").answer == ""


@pytest.mark.django_db
def test_a_board_member_can_read_but_not_edit_answers(evaluation, board_member) -> None:
    client = client_for(board_member)
    page = client.get(url(evaluation))
    assert page.status_code == 200
    data = change_form_data(page)
    data["answers-0-answer"] = "met"
    assert client.post(url(evaluation), data).status_code == 403


@pytest.mark.django_db
def test_the_second_of_two_concurrent_saves_is_refused(evaluation, evaluator, editor) -> None:
    first, second = client_for(evaluator), client_for(editor)
    first_data = change_form_data(first.get(url(evaluation)))
    second_data = change_form_data(second.get(url(evaluation)))
    first_data["answers-0-answer"] = "met"
    assert first.post(url(evaluation), first_data).status_code == 302
    second_data["answers-0-answer"] = "not_met"
    refused = second.post(url(evaluation), second_data)
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors().as_data()
    assert [error.code for error in errors] == ["conflict"]
    assert evaluation.answers.get(criterion__code="1.1").answer == "met"


@pytest.mark.django_db
def test_an_evaluation_is_never_deleted(evaluation, editor) -> None:
    response = client_for(editor).get(f"/admin/evaluations/evaluation/{evaluation.pk}/delete/")
    assert response.status_code == 403


@pytest.mark.django_db
def test_saving_in_admin_leaves_a_history_row_with_the_user(evaluation, evaluator) -> None:
    answer_first_criterion(client_for(evaluator), evaluation)
    answer = evaluation.answers.get(criterion__code="1.1")
    assert answer.history.latest("history_date").history_user == evaluator


@pytest.mark.django_db
def test_anonymous_visitors_see_no_admin(evaluation) -> None:
    response = Client().get(url(evaluation))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_an_outcome_without_a_reason_is_refused_with_a_message(evaluation, editor) -> None:
    client = client_for(editor)
    data = change_form_data(client.get(f"/en{url(evaluation)}"))
    data["outcome"] = "no_effect"
    response = client.post(f"/en{url(evaluation)}", data)
    assert response.status_code == 200
    assert "Give the reason for recording" in response.text


@pytest.mark.django_db
def test_the_evaluation_page_lists_who_changed_which_answer(evaluation, evaluator) -> None:
    answer_first_criterion(client_for(evaluator), evaluation)
    page = client_for(evaluator).get(f"/en{url(evaluation)}").text
    assert "Latest changes to the answers" in page
    assert "testiarvioitsija · 1.1: Met" in page


@pytest.mark.django_db
def test_an_editor_starts_an_update_of_a_published_evaluation(make_method, editor) -> None:
    method = make_method(slug="julkaistu", rating="2of5")
    client = client_for(editor)
    client.post(
        "/admin/evaluations/evaluation/",
        {"action": "start_update", "_selected_action": [method.current_evaluation().pk]},
    )
    assert list(method.evaluations.values_list("version", "state")) == [
        (2, State.QUEUED),
        (1, State.PUBLISHED),
    ]


@pytest.fixture
def published(make_method) -> Evaluation:
    return make_method(slug="julkaistu", rating="2of5").current_evaluation()


@pytest.mark.parametrize("role", ["editor", "evaluator", "board_member"])
@pytest.mark.django_db
def test_no_role_can_save_an_old_version_over_a_published_evaluation(
    published, request, role
) -> None:
    first = published.history.earliest("history_date")
    history_url = f"/admin/evaluations/evaluation/{published.pk}/history/{first.history_id}/"
    # The whole old version, as the editor (who may read it) is shown it.
    old_version = change_form_data(client_for(request.getfixturevalue("editor")).get(history_url))
    response = client_for(request.getfixturevalue(role)).post(history_url, old_version)
    assert response.status_code in (403, 404)
    published.refresh_from_db()
    assert published.state == State.PUBLISHED


@pytest.mark.django_db
def test_an_editor_cannot_save_an_old_version_of_a_method_over_the_current_one(
    make_method, editor
) -> None:
    # The editor may change methods, and the old version's form is complete and valid: only
    # the history guard stands between this POST and the old name coming back.
    method = make_method(slug="nimetty", name_fi="Vanha nimi")
    method.name_fi = "Uusi nimi"
    method.save()
    first = method.history.earliest("history_date")
    history_url = f"/admin/methods/method/{method.pk}/history/{first.history_id}/"
    client = client_for(editor)
    old_version = client.get(history_url)
    assert old_version.context["adminform"].form["name_fi"].value() == "Vanha nimi"
    response = client.post(history_url, change_form_data(old_version))
    assert response.status_code == 403
    method.refresh_from_db()
    assert method.name_fi == "Uusi nimi"


@pytest.mark.django_db
def test_an_evaluator_cannot_read_old_versions_of_others_evaluations(published, evaluator) -> None:
    first = published.history.earliest("history_date")
    history_url = f"/admin/evaluations/evaluation/{published.pk}/history/{first.history_id}/"
    assert client_for(evaluator).get(history_url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/admin/evaluations/evaluation/1/history/abc/",
        "/admin/evaluations/evaluation/abc/history/1/",
        "/admin/evaluations/proposal/abc/history/1/",
        "/admin/methods/method/1/history/abc/",
    ],
)
@pytest.mark.django_db
def test_malformed_history_addresses_are_not_found(editor, path) -> None:
    assert client_for(editor).get(path).status_code == 404


@pytest.mark.django_db
def test_a_view_only_role_cannot_save_a_method_through_its_history(
    make_method, board_member
) -> None:
    method = make_method(slug="luonnos", is_published=False)
    first = method.history.earliest("history_date")
    client_for(board_member).post(
        f"/admin/methods/method/{method.pk}/history/{first.history_id}/",
        {"name_fi": "Muutettu", "is_published": "on"},
    )
    method.refresh_from_db()
    assert (method.name_fi, method.is_published) != ("Muutettu", True)


@pytest.mark.django_db
def test_the_manual_of_an_evaluation_under_way_cannot_be_changed(evaluation, editor) -> None:
    html = client_for(editor).get(url(evaluation)).text
    assert 'name="manual"' not in html
    assert 'name="method"' not in html


@pytest.mark.django_db
def test_a_peer_reviewer_cannot_review_their_own_evaluation(evaluation, editor, evaluator) -> None:
    client = client_for(editor)
    data = change_form_data(client.get(f"/en{url(evaluation)}"))
    data["peer_reviewers"] = [str(evaluator.pk)]
    response = client.post(f"/en{url(evaluation)}", data)
    assert "cannot review an evaluation they made" in response.text


@pytest.mark.django_db
def test_an_editor_cannot_change_answers_once_the_board_decides(evaluation, editor) -> None:
    move(evaluation, State.PEER_REVIEW, by=editor)
    move(evaluation, State.BOARD_DECISION, by=editor)
    client = client_for(editor)
    data = change_form_data(client.get(url(evaluation)))
    data["answers-0-answer"] = "met"
    client.post(url(evaluation), data)
    assert evaluation.answers.get(criterion__code="1.1").answer == ""
