"""What the board approves is what is published; outcomes off the ladder rest on studies; a
"met" the rule discounts is never shown as met; a published evaluation cannot be changed."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from evaluations.models import (
    Answer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Study,
)
from evaluations.workflow import (
    WorkflowError,
    approve,
    move,
    publish,
)
from methods.models import Term, Vocabulary
from opendata.registry_io import InvalidDocument, export_registry, import_registry

from .admin_forms import change_form_data
from .conftest import client_for

State = EvaluationState


def answer_up_to(evaluation: Evaluation, level: int) -> None:
    for answer in evaluation.answers.select_related("criterion"):
        answer.answer = Answer.MET if answer.criterion.level <= level else Answer.NOT_MET
        answer.justification = f"Perustelu {answer.criterion.code}"
        answer.save()


def new_study(design: str, *, country: str = "FI", citation: str = "") -> Study:
    return Study.objects.create(
        citation=citation or f"A {design} study",
        year=2020,
        country=country,
        design=Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code=design),
        quality="good",
    )


def link_study(evaluation: Evaluation, code: str, design: str, *, included: bool = True) -> Study:
    study = new_study(design)
    EvaluationStudy.objects.create(evaluation=evaluation, study=study, included=included)
    evaluation.answers.get(criterion__code=code).studies.add(study)
    return study


def approved(evaluation: Evaluation, editor, board_member) -> Evaluation:
    for state in (State.IN_EVALUATION, State.PEER_REVIEW, State.BOARD_DECISION):
        move(evaluation, state, by=editor)
    approve(evaluation, by=board_member)
    return evaluation


def published(evaluation: Evaluation, editor, board_member) -> Evaluation:
    answer_up_to(evaluation, 2)
    approved(evaluation, editor, board_member)
    publish(evaluation, by=editor)
    return evaluation


def admin_url(evaluation: Evaluation) -> str:
    return f"/admin/evaluations/evaluation/{evaluation.pk}/change/"


# --- The board's approval is of exact content ---------------------------------------------


def change_an_answer(evaluation: Evaluation) -> None:
    answer = evaluation.answers.get(criterion__code="1.1")
    answer.justification = "Toisin perusteltu."
    answer.save()


def change_a_linked_study(evaluation: Evaluation) -> None:
    EvaluationStudy.objects.create(evaluation=evaluation, study=new_study("rct"))


def change_the_outcome(evaluation: Evaluation) -> None:
    evaluation.outcome = "negative_effects"
    evaluation.outcome_reason = "Haittoja raportoitu."
    evaluation.save()


def change_the_summary(evaluation: Evaluation) -> None:
    evaluation.summary_sv = "En ny sammanfattning."
    evaluation.save()


def change_the_review_type(evaluation: Evaluation) -> None:
    evaluation.review_type = Term.objects.get(vocabulary=Vocabulary.REVIEW_TYPE, code="rapid")
    evaluation.save()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (change_an_answer, "the answers"),
        (change_a_linked_study, "the linked studies"),
        (change_the_outcome, "the outcome off the ladder or its reason"),
        (change_the_summary, "the summary"),
        (change_the_review_type, "the review type"),
    ],
)
@pytest.mark.django_db
def test_a_change_after_the_approval_is_refused_publication_naming_it(
    evaluation, editor, board_member, change, named
) -> None:
    answer_up_to(evaluation, 2)
    approved(evaluation, editor, board_member)
    change(evaluation)
    with translation.override("en"), pytest.raises(WorkflowError, match=named):
        publish(evaluation, by=editor)
    assert Evaluation.objects.get(pk=evaluation.pk).state == State.BOARD_DECISION


@pytest.mark.django_db
def test_an_unchanged_approved_evaluation_publishes(evaluation, editor, board_member) -> None:
    published(evaluation, editor, board_member)
    assert evaluation.state == State.PUBLISHED


@pytest.mark.django_db
def test_changing_the_outcome_in_the_admin_withdraws_the_approval(
    evaluation, editor, board_member
) -> None:
    answer_up_to(evaluation, 2)
    approved(evaluation, editor, board_member)
    client = client_for(editor)
    data = change_form_data(client.get(admin_url(evaluation)))
    data.update(outcome="negative_effects", outcome_reason="Haittoja raportoitu.")
    response = client.post(admin_url(evaluation), data, follow=True)
    evaluation.refresh_from_db()
    assert evaluation.board_approved_on is None
    assert "approval was withdrawn" in response.text or "hyväksyntä" in response.text


@pytest.mark.django_db
def test_the_withdrawal_is_in_the_history_with_who_and_why(
    evaluation, editor, board_member
) -> None:
    answer_up_to(evaluation, 2)
    approved(evaluation, editor, board_member)
    client = client_for(editor)
    data = change_form_data(client.get(admin_url(evaluation)))
    data.update(outcome="negative_effects", outcome_reason="Haittoja raportoitu.")
    client.post(admin_url(evaluation), data)
    latest = evaluation.history.latest("history_date")
    assert latest.history_user == editor
    assert latest.board_approved_on is None
    assert "outcome" in latest.history_change_reason or "tulos" in latest.history_change_reason


@pytest.mark.django_db
def test_saving_the_admin_form_unchanged_keeps_the_approval(
    evaluation, editor, board_member
) -> None:
    answer_up_to(evaluation, 2)
    approved(evaluation, editor, board_member)
    client = client_for(editor)
    client.post(admin_url(evaluation), change_form_data(client.get(admin_url(evaluation))))
    evaluation.refresh_from_db()
    assert evaluation.board_approved_on is not None


# --- "No effect" and "Negative effects" ---------------------------------------------------


def with_outcome(evaluation: Evaluation, outcome: str) -> Evaluation:
    answer_up_to(evaluation, 2)
    evaluation.outcome = outcome
    evaluation.outcome_reason = "Kaksi hyvää tutkimusta ei löytänyt eroa."
    evaluation.save()
    return evaluation


@pytest.mark.parametrize("outcome", ["no_effect", "negative_effects"])
@pytest.mark.django_db
def test_an_outcome_without_an_included_effect_study_is_not_published(
    evaluation, editor, board_member, outcome
) -> None:
    with_outcome(evaluation, outcome)
    approved(evaluation, editor, board_member)
    with translation.override("en"), pytest.raises(WorkflowError, match="effectiveness study"):
        publish(evaluation, by=editor)


@pytest.mark.django_db
def test_an_excluded_effect_study_does_not_carry_an_outcome(
    evaluation, editor, board_member
) -> None:
    with_outcome(evaluation, "no_effect")
    link_study(evaluation, "3.1", "rct", included=False)
    approved(evaluation, editor, board_member)
    with translation.override("en"), pytest.raises(WorkflowError, match="effectiveness study"):
        publish(evaluation, by=editor)


@pytest.mark.django_db
def test_an_outcome_with_an_included_effect_study_is_published(
    evaluation, editor, board_member
) -> None:
    with_outcome(evaluation, "negative_effects")
    EvaluationStudy.objects.create(evaluation=evaluation, study=new_study("review", country="US"))
    approved(evaluation, editor, board_member)
    publish(evaluation, by=editor)
    evaluation.method.refresh_from_db()
    assert evaluation.method.rating.key == "negative-effects"


@pytest.mark.django_db
def test_the_refusal_is_in_the_users_language(evaluation, editor, board_member) -> None:
    with_outcome(evaluation, "no_effect")
    approved(evaluation, editor, board_member)
    with pytest.raises(WorkflowError, match="vaikuttavuustutkimus"):
        publish(evaluation, by=editor)


# --- A "met" the rule does not count ------------------------------------------------------


@pytest.fixture
def discounted(evaluation, editor, board_member) -> Evaluation:
    """Level 2 reached; 3.1 answered "met" but resting on no study."""
    answer_up_to(evaluation, 2)
    answer = evaluation.answers.get(criterion__code="3.1")
    answer.answer = Answer.MET
    answer.save()
    approved(evaluation, editor, board_member)
    publish(evaluation, by=editor)
    return evaluation


@pytest.mark.django_db
def test_the_public_page_shows_a_discounted_met_as_not_met(client, discounted) -> None:
    text = client.get("/en/methods/voima/").text
    item = text[text.index("<strong>3.1</strong>") - 120 : text.index("<strong>3.1</strong>")]
    assert "Not met" in item
    assert "under the rating rule this criterion is not met" in text


@pytest.mark.django_db
def test_the_api_gives_a_discounted_met_as_not_met_with_the_reason(client, discounted) -> None:
    record = client.get(f"/api/v1/evaluations/{discounted.pk}/").json()
    answer = next(a for a in record["answers"] if a["criterion"] == "3.1")
    assert answer["answer"] == "not_met"
    assert "Nordic" in answer["discounted_because"]


@pytest.mark.django_db
def test_the_admin_says_beside_the_criterion_that_the_met_is_not_counted(
    evaluation, editor
) -> None:
    move(evaluation, State.IN_EVALUATION, by=editor)
    answer = evaluation.answers.get(criterion__code="3.1")
    answer.answer = Answer.MET
    answer.save()
    text = client_for(editor).get(f"/en{admin_url(evaluation)}").text
    assert "Answered “met”, but the rule counts it as not met" in text


@pytest.mark.django_db
def test_the_export_and_import_keep_the_evaluators_met(discounted) -> None:
    exported = export_registry()
    Evaluation.objects.all().delete()
    Study.objects.all().delete()
    discounted.method.delete()
    import_registry(copy.deepcopy(exported))
    answer = Evaluation.objects.get().answers.get(criterion__code="3.1")
    assert answer.answer == Answer.MET
    assert export_registry() == exported


# --- A published evaluation cannot be changed, by any path --------------------------------


@pytest.fixture
def frozen(evaluation, editor, board_member) -> Evaluation:
    return published(evaluation, editor, board_member)


def snapshot(evaluation: Evaluation) -> str:
    from opendata.records import evaluation_record, evaluations_for_records

    record = evaluation_record(evaluations_for_records(Evaluation.objects).get(pk=evaluation.pk))
    return json.dumps(record, sort_keys=True)


@pytest.mark.django_db
def test_the_admin_form_of_a_published_evaluation_refuses_a_save(frozen, editor) -> None:
    client = client_for(editor)
    before = snapshot(frozen)
    data = change_form_data(client.get(admin_url(frozen)))
    data.update(summary_fi="Muutettu jälkikäteen.", outcome="no_effect", outcome_reason="x")
    assert client.post(admin_url(frozen), data).status_code == 403
    assert snapshot(frozen) == before


@pytest.mark.django_db
def test_the_answer_inlines_of_a_published_evaluation_refuse_a_save(frozen, evaluator) -> None:
    client = client_for(evaluator)
    before = snapshot(frozen)
    data = change_form_data(client.get(admin_url(frozen)))
    data["answers-0-answer"] = "not_met"
    data["answers-0-justification_fi"] = "Muutettu."
    assert client.post(admin_url(frozen), data).status_code == 403
    assert snapshot(frozen) == before


@pytest.mark.parametrize(
    "action",
    [
        "move_to_in_evaluation",
        "move_to_peer_review",
        "move_to_board_decision",
        "approve",
        "publish",
    ],
)
@pytest.mark.django_db
def test_no_admin_action_changes_a_published_evaluation(
    frozen, editor, board_member, action
) -> None:
    before = snapshot(frozen)
    for user in (editor, board_member):
        client_for(user).post(
            "/admin/evaluations/evaluation/",
            {"action": action, "_selected_action": [frozen.pk]},
        )
    assert snapshot(frozen) == before
    assert Evaluation.objects.get(pk=frozen.pk).state == State.PUBLISHED


@pytest.mark.django_db
def test_an_old_version_cannot_be_saved_back_from_the_history(frozen, editor) -> None:
    before = snapshot(frozen)
    first = frozen.history.earliest("history_date")
    url = f"/admin/evaluations/evaluation/{frozen.pk}/history/{first.history_id}/"
    assert client_for(editor).post(url, {}).status_code == 403
    assert snapshot(frozen) == before


@pytest.mark.parametrize("verb", ["post", "put", "patch", "delete"])
@pytest.mark.django_db
def test_the_api_refuses_to_write_a_published_evaluation(client, frozen, verb) -> None:
    before = snapshot(frozen)
    response = getattr(client, verb)(
        f"/api/v1/evaluations/{frozen.pk}/", "{}", content_type="application/json"
    )
    assert response.status_code == 405
    assert snapshot(frozen) == before


@pytest.mark.django_db
def test_an_import_cannot_overwrite_a_published_evaluation(frozen) -> None:
    before = snapshot(frozen)
    document = export_registry()
    document["evaluations"][0]["summary"]["fi"] = "Tuotu päälle."
    with pytest.raises(InvalidDocument, match="already in the registry"):
        import_registry(document)
    assert snapshot(frozen) == before


@pytest.mark.django_db
def test_the_import_command_refuses_it_too(frozen, tmp_path) -> None:
    before = snapshot(frozen)
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(export_registry()), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_registry", str(path), verbosity=0)
    assert snapshot(frozen) == before
