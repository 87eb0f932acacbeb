"""Studies and manuals in admin: who sees them, and that what a published rating rests on
cannot be changed under it."""

import pytest
from django.test import Client

from evaluations.models import EvaluationState, EvaluationStudy, Manual, Study
from evaluations.workflow import move, new_evaluation
from methods.models import Term, Vocabulary

from .admin_forms import change_form_data
from .conftest import client_for

State = EvaluationState


def make_study(citation: str) -> Study:
    design = Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code="rct")
    return Study.objects.create(
        citation=citation, year=2020, country="FI", design=design, quality="good"
    )


@pytest.fixture
def own_study(make_method, evaluator, editor) -> Study:
    """A study of an evaluation in progress assigned to `evaluator`."""
    evaluation = new_evaluation(make_method(slug="oma"))
    evaluation.evaluators.add(evaluator)
    move(evaluation, State.IN_EVALUATION, by=editor)
    study = make_study("Oma tutkimus")
    EvaluationStudy.objects.create(evaluation=evaluation, study=study)
    return study


@pytest.fixture
def others_study(make_method, other_evaluator) -> Study:
    evaluation = new_evaluation(make_method(slug="muu"))
    evaluation.evaluators.add(other_evaluator)
    study = make_study("Toisen tutkimus")
    EvaluationStudy.objects.create(evaluation=evaluation, study=study)
    return study


@pytest.fixture
def published_study(make_method) -> Study:
    """A study that a published 5/5 rests on."""
    method = make_method(slug="julkaistu", rating="5of5")
    return method.current_evaluation().included_studies()[0]


def change_url(study: Study) -> str:
    return f"/admin/evaluations/study/{study.pk}/change/"


def save_quality(client: Client, study: Study, quality: str):
    data = change_form_data(client.get(change_url(study)))
    data["quality"] = quality
    return client.post(change_url(study), data)


@pytest.mark.django_db
def test_an_evaluator_lists_only_the_studies_of_their_evaluations(
    own_study, others_study, published_study, evaluator
) -> None:
    listed = client_for(evaluator).get("/admin/evaluations/study/").context["cl"].result_list
    assert list(listed) == [own_study]


@pytest.mark.django_db
def test_an_evaluator_opening_another_evaluations_study_gets_404(others_study, evaluator) -> None:
    assert client_for(evaluator).get(change_url(others_study)).status_code == 404


@pytest.mark.django_db
def test_an_evaluator_cannot_read_the_history_of_another_evaluations_study(
    others_study, evaluator
) -> None:
    history = f"/admin/evaluations/study/{others_study.pk}/history/"
    assert client_for(evaluator).get(history).status_code == 404


@pytest.mark.django_db
def test_the_study_autocomplete_offers_an_evaluator_only_their_studies(
    own_study, others_study, evaluator
) -> None:
    response = client_for(evaluator).get(
        "/admin/autocomplete/",
        {
            "app_label": "evaluations",
            "model_name": "evaluationstudy",
            "field_name": "study",
            "term": "tutkimus",
        },
    )
    assert [row["id"] for row in response.json()["results"]] == [str(own_study.pk)]


@pytest.mark.django_db
def test_an_evaluator_can_change_a_study_of_their_evaluation_in_progress(
    own_study, evaluator
) -> None:
    save_quality(client_for(evaluator), own_study, "weak")
    own_study.refresh_from_db()
    assert own_study.quality == "weak"


@pytest.mark.django_db
def test_an_evaluator_sees_a_study_they_entered_before_linking_it(vocabularies, evaluator) -> None:
    client = client_for(evaluator)
    design = Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code="rct")
    client.post(
        "/admin/evaluations/study/add/",
        {"citation": "Uusi", "year": 2021, "country": "FI", "design": design.pk, "quality": "good"},
    )
    listed = client.get("/admin/evaluations/study/").context["cl"].result_list
    assert [study.citation for study in listed] == ["Uusi"]


@pytest.mark.django_db
def test_no_one_can_change_a_study_a_published_rating_rests_on(published_study, editor) -> None:
    client = client_for(editor)
    assert 'name="quality"' not in client.get(change_url(published_study)).text
    response = client.post(change_url(published_study), {"quality": "weak"})
    assert response.status_code == 403
    published_study.refresh_from_db()
    assert published_study.quality == "good"


@pytest.fixture
def manual_in_use(make_method) -> Manual:
    return make_method(slug="arvioitu", rating="3of5").current_evaluation().manual


def manual_url(manual: Manual) -> str:
    return f"/admin/evaluations/manual/{manual.pk}/change/"


@pytest.mark.django_db
def test_no_one_can_change_the_criteria_of_a_manual_in_use(manual_in_use, editor) -> None:
    client = client_for(editor)
    page = client.get(manual_url(manual_in_use))
    assert 'name="criteria-0-requirement"' not in page.text
    response = client.post(
        manual_url(manual_in_use), {"criteria-0-requirement": "", "name_fi": "Muutettu"}
    )
    assert response.status_code == 403
    assert Manual.objects.get(pk=manual_in_use.pk).name_fi != "Muutettu"


@pytest.mark.django_db
def test_an_unused_manual_can_still_be_edited(vocabularies, editor) -> None:
    unused = Manual.objects.filter(evaluations__isnull=True).first()
    page = client_for(editor).get(manual_url(unused))
    assert 'name="criteria-0-requirement"' in page.text


@pytest.mark.django_db
def test_a_manual_in_use_is_copied_into_a_new_version_to_change(manual_in_use, editor) -> None:
    client_for(editor).post(
        "/admin/evaluations/manual/",
        {"action": "copy_as_new_version", "_selected_action": [manual_in_use.pk]},
    )
    copy = Manual.objects.get(version=f"{manual_in_use.version}-2")
    assert copy.criteria.count() == manual_in_use.criteria.count()
    assert 'name="criteria-0-requirement"' in client_for(editor).get(manual_url(copy)).text
