"""Adding a study from inside the evaluation: entered in the "+" popup, screened in the
screened-studies rows and linked to a criterion in the same save, within the study-visibility
and frozen-study rules of evaluations.freezing."""

import pytest

from evaluations.models import CriterionAnswer, EvaluationState, EvaluationStudy, Study
from evaluations.workflow import move, new_evaluation
from methods.models import Term, Vocabulary

from .admin_forms import change_form_data
from .conftest import client_for

State = EvaluationState


@pytest.fixture
def in_evaluation(evaluation, editor):
    move(evaluation, State.IN_EVALUATION, by=editor)
    return evaluation


def change_url(evaluation) -> str:
    return f"/en/admin/evaluations/evaluation/{evaluation.pk}/change/"


def new_study(citation: str = "Virtanen ym. 2022") -> Study:
    design = Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code="rct")
    return Study.objects.create(
        citation=citation, year=2022, country="FI", design=design, quality="good"
    )


def screen_and_link(client, evaluation, study_id: int, included: bool = True):
    """One save of the evaluation page: a new screened-study row, and the first criterion's
    answer resting on that study."""
    data = change_form_data(client.get(change_url(evaluation)))
    row = int(data["evaluationstudy_set-TOTAL_FORMS"])
    data["evaluationstudy_set-TOTAL_FORMS"] = str(row + 1)
    data[f"evaluationstudy_set-{row}-study"] = str(study_id)
    data[f"evaluationstudy_set-{row}-evaluation"] = str(evaluation.pk)
    data[f"evaluationstudy_set-{row}-reason"] = "Satunnaistettu, suomalainen otos."
    if included:
        data[f"evaluationstudy_set-{row}-included"] = "on"
    first = next(key for key in data if key.startswith("answers-") and key.endswith("-id"))
    data[first.removesuffix("-id") + "-studies"] = [str(study_id)]
    return client.post(change_url(evaluation), data), CriterionAnswer.objects.get(pk=data[first])


@pytest.mark.django_db
def test_the_evaluator_adds_a_study_in_the_popup(in_evaluation, evaluator) -> None:
    design = Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code="rct")
    response = client_for(evaluator).post(
        "/en/admin/evaluations/study/add/?_to_field=id&_popup=1",
        {
            "citation": "Virtanen ym. 2022",
            "year": 2022,
            "country": "FI",
            "design": design.pk,
            "quality": "good",
            "_popup": "1",
            "_to_field": "id",
        },
    )
    study = Study.objects.get(citation="Virtanen ym. 2022")
    assert response.status_code == 200
    assert "popup_response" in response.text
    assert str(study.pk) in response.text


@pytest.mark.django_db
def test_the_screening_row_offers_the_popup_to_add_a_study(in_evaluation, evaluator) -> None:
    text = client_for(evaluator).get(change_url(in_evaluation)).text
    assert "/en/admin/evaluations/study/add/?_to_field=id&amp;_popup=1" in text


@pytest.mark.django_db
def test_a_study_is_screened_and_linked_to_a_criterion_in_one_save(
    in_evaluation, evaluator
) -> None:
    client = client_for(evaluator)
    # Entered by the evaluator (as the popup does), so freezing.visible_studies shows it.
    client.post(
        "/en/admin/evaluations/study/add/",
        {
            "citation": "Virtanen ym. 2022",
            "year": 2022,
            "country": "FI",
            "design": Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code="rct").pk,
            "quality": "good",
        },
    )
    study = Study.objects.get(citation="Virtanen ym. 2022")
    response, answer = screen_and_link(client, in_evaluation, study.pk)
    assert response.status_code == 302
    link = EvaluationStudy.objects.get(evaluation=in_evaluation, study=study)
    assert (link.included, link.reason) == (True, "Satunnaistettu, suomalainen otos.")
    assert list(answer.studies.all()) == [study]


@pytest.mark.django_db
def test_a_study_screened_out_in_the_same_save_cannot_be_linked(in_evaluation, editor) -> None:
    study = new_study()
    response, answer = screen_and_link(client_for(editor), in_evaluation, study.pk, included=False)
    assert response.status_code == 200  # the form again, with the error
    assert not EvaluationStudy.objects.filter(study=study).exists()
    assert not answer.studies.exists()


@pytest.mark.django_db
def test_an_evaluator_cannot_screen_or_link_a_study_they_may_not_see(
    in_evaluation, make_method, evaluator, other_evaluator
) -> None:
    others = new_evaluation(make_method(slug="muu"))
    others.evaluators.add(other_evaluator)
    hidden = new_study("Toisen arvioinnin tutkimus")
    EvaluationStudy.objects.create(evaluation=others, study=hidden)
    response, answer = screen_and_link(client_for(evaluator), in_evaluation, hidden.pk)
    assert response.status_code == 200
    assert not EvaluationStudy.objects.filter(evaluation=in_evaluation).exists()
    assert not answer.studies.exists()


@pytest.mark.django_db
def test_a_frozen_study_is_linked_but_stays_unchangeable(
    in_evaluation, make_method, editor
) -> None:
    published = make_method(slug="julkaistu", rating="5of5").current_evaluation()
    frozen = published.included_studies()[0]
    response, answer = screen_and_link(client_for(editor), in_evaluation, frozen.pk)
    assert response.status_code == 302
    assert list(answer.studies.all()) == [frozen]
    study_page = client_for(editor).get(f"/en/admin/evaluations/study/{frozen.pk}/change/")
    assert 'name="quality"' not in study_page.text
