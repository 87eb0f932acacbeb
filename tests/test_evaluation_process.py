"""The whole process, end to end through the public form and the admin, as each role does it:
proposal → inclusion check → board's acceptance → evaluation → peer review → board's
approval → publication → the rating on the public page."""

import pytest
from django.test import Client

from evaluations.models import Evaluation, Proposal
from lib.spam import new_form_token
from methods.models import Method

from .admin_forms import change_form_data
from .conftest import client_for


def run_action(client: Client, model: str, action: str, obj) -> None:
    response = client.post(
        f"/admin/evaluations/{model}/", {"action": action, "_selected_action": [obj.pk]}
    )
    assert response.status_code == 302, response


def save_change_form(client: Client, url: str, **changes) -> None:
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.mark.django_db
def test_a_proposed_method_is_evaluated_and_its_rating_published(
    vocabularies, editor, evaluator, other_evaluator, board_member
) -> None:
    # Anyone proposes a method on the public form.
    token = new_form_token(age_seconds=60)
    Client().post(
        "/ehdota/",
        {
            "method_name": "Rauhan polku",
            "description": "Ryhmämenetelmä ahdistuneille 8–12-vuotiaille.",
            "proposer_name": "Pia Ehdottaja",
            "proposer_email": "pia@example.org",
            "consent": "on",
            "form_token": token,
        },
    )
    proposal = Proposal.objects.get()

    # The editorial office checks the five inclusion criteria.
    editors = client_for(editor)
    checklist = {f"{name}_met": "true" for name in ("aim", "target_group", "theory")}
    checklist |= {"training_met": "true", "ethics_met": "true"}
    save_change_form(editors, f"/admin/evaluations/proposal/{proposal.pk}/change/", **checklist)

    # The scientific board accepts it: a draft method and a queued evaluation appear.
    run_action(client_for(board_member), "proposal", "accept", proposal)
    evaluation = Evaluation.objects.get()
    method = evaluation.method
    evaluation_url = f"/admin/evaluations/evaluation/{evaluation.pk}/change/"

    # The editor assigns the evaluators and starts the evaluation.
    save_change_form(
        editors,
        evaluation_url,
        evaluators=[str(evaluator.pk)],
        peer_reviewers=[str(other_evaluator.pk)],
    )
    run_action(editors, "evaluation", "move_to_in_evaluation", evaluation)

    # The evaluator answers the manual: described and theoretically justified, no effect study.
    evaluators = client_for(evaluator)
    data = change_form_data(evaluators.get(evaluation_url))
    for index, answer in enumerate(evaluation.answers_in_manual_order()):
        data[f"answers-{index}-answer"] = "met" if answer.criterion.level <= 2 else "not_met"
        data[f"answers-{index}-justification_fi"] = "Perustelu."
    assert evaluators.post(evaluation_url, data).status_code == 302
    run_action(evaluators, "evaluation", "move_to_peer_review", evaluation)

    # The peer reviewer sends it on; the board approves; the editor publishes.
    run_action(client_for(other_evaluator), "evaluation", "move_to_board_decision", evaluation)
    run_action(client_for(board_member), "evaluation", "approve", evaluation)
    run_action(editors, "evaluation", "publish", evaluation)

    # The editor completes and publishes the method's own page.
    save_change_form(
        editors,
        f"/admin/methods/method/{method.pk}/change/",
        is_published="on",
        summary_fi="Ryhmämenetelmä ahdistuneille lapsille.",
    )

    # Anyone now sees the rating, everywhere.
    method.refresh_from_db()
    assert method.rating.key == "2of5"
    page = Client().get(f"/menetelmat/{method.slug}/")
    assert "2/5" in page.text
    assert "Teoreettisesti perustellut menetelmät" in page.text
    listed = Client().get("/menetelmat/", {"level": "2of5"}).context["page"].object_list
    assert [m.slug for m in listed] == [method.slug]
    assert Method.objects.published().count() == 1
