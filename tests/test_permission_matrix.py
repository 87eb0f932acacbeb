"""Every admin and public address × every role gives the expected status."""

from datetime import date

import pytest
from django.test import Client

from evaluations.models import EvaluationStudy, Proposal, Study
from evaluations.workflow import new_evaluation
from implementation.models import NationalSelection, ServiceModel

from .admin_forms import change_form_data
from .conftest import client_for
from .implementation_factories import adopt, coordinator_of, train

ROLES = ["anonymous", "evaluator", "other_evaluator", "editor", "board_member", "coordinator"]
LOGIN = 302  # anonymous visitors are sent to the admin's login page

# address → expected status for: anonymous, evaluator, other evaluator, editor, board member,
# and a regional coordinator of Kymenlaakso ("own" records are Kymenlaakso's, "other" Vantaa's)
MATRIX = {
    "/": (200, 200, 200, 200, 200, 200),
    "/menetelmat/": (200, 200, 200, 200, 200, 200),
    "/menetelmat/{published}/": (200, 200, 200, 200, 200, 200),
    "/menetelmat/{draft}/": (404, 404, 404, 404, 404, 404),
    "/arviointiasteikko/": (200, 200, 200, 200, 200, 200),
    "/arvioinnit/": (200, 200, 200, 200, 200, 200),
    "/ehdota/": (200, 200, 200, 200, 200, 200),
    "/ehdota/{proposal_id}/": (200, 200, 200, 200, 200, 200),
    "/avoin-data/": (200, 200, 200, 200, 200, 200),
    "/api/v1/methods/": (200, 200, 200, 200, 200, 200),
    "/api/v1/methods/{draft}/": (404, 404, 404, 404, 404, 404),
    "/api/v1/evaluations/{evaluation}/": (404, 404, 404, 404, 404, 404),
    "/admin/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/methods/method/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/methods/method/add/": (LOGIN, 403, 403, 200, 403, 403),
    "/admin/methods/method/{draft_pk}/change/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/methods/term/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/methods/organisation/": (LOGIN, 403, 403, 200, 200, 403),
    "/admin/evaluations/evaluation/": (LOGIN, 200, 200, 200, 200, 403),
    "/admin/evaluations/evaluation/add/": (LOGIN, 403, 403, 200, 403, 403),
    "/admin/evaluations/evaluation/{evaluation}/change/": (LOGIN, 200, 404, 200, 200, 404),
    "/admin/evaluations/evaluation/{evaluation}/history/": (LOGIN, 200, 404, 200, 200, 404),
    "/admin/evaluations/evaluation/{evaluation}/delete/": (LOGIN, 403, 403, 403, 403, 403),
    "/admin/evaluations/proposal/": (LOGIN, 403, 403, 200, 200, 403),
    "/admin/evaluations/proposal/{proposal}/change/": (LOGIN, 403, 403, 200, 200, 403),
    "/admin/evaluations/study/": (LOGIN, 200, 200, 200, 200, 403),
    "/admin/evaluations/study/add/": (LOGIN, 200, 200, 200, 403, 403),
    "/admin/evaluations/study/{study}/change/": (LOGIN, 200, 404, 200, 200, 404),
    "/admin/evaluations/study/{study}/history/": (LOGIN, 200, 404, 200, 200, 404),
    "/admin/evaluations/study/{published_study}/change/": (LOGIN, 404, 404, 200, 200, 404),
    "/admin/evaluations/manual/": (LOGIN, 200, 200, 200, 200, 403),
    "/admin/evaluations/manual/add/": (LOGIN, 403, 403, 200, 403, 403),
    "/admin/evaluations/manual/{manual}/change/": (LOGIN, 200, 200, 200, 200, 403),
    "/admin/evaluations/manual/{manual}/history/": (LOGIN, 200, 200, 200, 200, 403),
    "/admin/accounts/user/": (LOGIN, 403, 403, 403, 403, 403),
    "/admin/auth/group/": (LOGIN, 403, 403, 403, 403, 403),
    # Implementation records: everyone with a role reads them; editors change all of them, a
    # coordinator those of their own region (implementation.permissions); no one deletes a
    # service model (EDIT) or changes a national decision (decisions are history).
    "/alueet/kyme/": (200, 200, 200, 200, 200, 200),
    "/api/v1/adoptions/{own_adoption}/": (200, 200, 200, 200, 200, 200),
    "/admin/implementation/adoption/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/adoption/add/": (LOGIN, 403, 403, 200, 403, 200),
    "/admin/implementation/adoption/{own_adoption}/change/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/adoption/{own_adoption}/delete/": (LOGIN, 403, 403, 200, 403, 200),
    "/admin/implementation/adoption/{own_adoption}/history/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/adoption/{other_adoption}/change/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/adoption/{other_adoption}/delete/": (LOGIN, 403, 403, 200, 403, 403),
    "/admin/implementation/adoption/{other_adoption}/history/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/trainingrecord/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/trainingrecord/add/": (LOGIN, 403, 403, 200, 403, 200),
    "/admin/implementation/trainingrecord/{own_training}/change/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/trainingrecord/{own_training}/delete/": (LOGIN, 403, 403, 200, 403, 200),
    "/admin/implementation/trainingrecord/{other_training}/change/": (
        LOGIN,
        200,
        200,
        200,
        200,
        200,
    ),
    "/admin/implementation/trainingrecord/{other_training}/delete/": (
        LOGIN,
        403,
        403,
        200,
        403,
        403,
    ),
    "/admin/implementation/servicemodel/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/servicemodel/add/": (LOGIN, 403, 403, 200, 403, 200),
    "/admin/implementation/servicemodel/{own_model}/change/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/servicemodel/{own_model}/delete/": (LOGIN, 403, 403, 403, 403, 403),
    "/admin/implementation/servicemodel/{own_model}/history/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/servicemodel/{other_model}/change/": (LOGIN, 200, 200, 200, 200, 200),
    "/admin/implementation/servicemodel/{other_model}/delete/": (LOGIN, 403, 403, 403, 403, 403),
    "/admin/implementation/nationalselection/": (LOGIN, 403, 403, 200, 200, 200),
    "/admin/implementation/nationalselection/add/": (LOGIN, 403, 403, 200, 403, 403),
    "/admin/implementation/nationalselection/{selection}/change/": (LOGIN, 403, 403, 200, 200, 200),
    "/admin/implementation/nationalselection/{selection}/delete/": (LOGIN, 403, 403, 403, 403, 403),
    "/admin/implementation/regionalcoordinator/": (LOGIN, 403, 403, 200, 403, 403),
    "/admin/implementation/regionalcoordinator/add/": (LOGIN, 403, 403, 200, 403, 403),
}


@pytest.fixture
def coordinator(kymenlaakso):
    return coordinator_of("testikoordinaattori", kymenlaakso)


@pytest.fixture
def implementation_objects(make_method, kymenlaakso, vantaa) -> dict[str, int]:
    """A record of each kind in the coordinator's own region and in another one."""
    method = make_method(slug="kaytossa")
    own, other = adopt(method, kymenlaakso), adopt(method, vantaa)
    own_model, other_model = (
        ServiceModel.objects.create(
            slug=slug, name_fi=slug, summary_fi="…", level="regional", stage="ready"
        )
        for slug in ("oma-malli", "muu-malli")
    )
    own_model.regions.set([kymenlaakso])
    other_model.regions.set([vantaa])
    selection = NationalSelection.objects.create(
        method=method,
        decided_on=date(2025, 1, 1),
        deciding_body="Ryhmä",
        decision="selected",
        evidence_based=True,
        evidence_reason="…",
        answers_need=True,
        need_reason="…",
        suits_target_group=True,
        target_group_reason="…",
    )
    return {
        "own_adoption": own.pk,
        "other_adoption": other.pk,
        "own_training": train(own, trained=5, eligible=10).pk,
        "other_training": train(other, trained=5, eligible=10).pk,
        "own_model": own_model.pk,
        "other_model": other_model.pk,
        "selection": selection.pk,
    }


@pytest.fixture
def objects(make_method, evaluator, implementation_objects) -> dict[str, object]:
    published = make_method(slug="julkaistu", rating="4of5")
    draft = make_method(slug="luonnos", is_published=False)
    evaluation = new_evaluation(draft)
    evaluation.evaluators.add(evaluator)
    proposal = Proposal.objects.create(
        method_name="Ehdotus", description="…", proposer_name="P", proposer_email="p@example.org"
    )
    published_study = published.current_evaluation().included_studies()[0]
    study = Study.objects.create(
        citation="Tutkimus", year=2020, country="FI", design=published_study.design, quality="good"
    )
    EvaluationStudy.objects.create(evaluation=evaluation, study=study)
    return {
        **implementation_objects,
        "study": study.pk,
        "published_study": published_study.pk,
        "manual": evaluation.manual_id,
        "published": published.slug,
        "draft": draft.slug,
        "draft_pk": draft.pk,
        "evaluation": evaluation.pk,
        "proposal": proposal.pk,
        "proposal_id": proposal.public_id,
    }


@pytest.mark.parametrize(("address", "expected"), MATRIX.items(), ids=list(MATRIX))
@pytest.mark.django_db
def test_each_role_gets_the_expected_status(request, objects, address, expected) -> None:
    url = address.format(**objects)
    for role, status in zip(ROLES, expected, strict=True):
        client = Client() if role == "anonymous" else client_for(request.getfixturevalue(role))
        response = client.get(url)
        assert response.status_code == status, f"{role} on {url}"
        if status == LOGIN:
            assert response["Location"].startswith("/admin/login/")


# What a coordinator of Kymenlaakso's POST to a change or delete page does: saved (302) for
# their own region's records, refused (403) for another region's, whatever the form says.
POSTS = [
    ("adoption", "own_adoption", "change", 302),
    ("adoption", "other_adoption", "change", 403),
    ("adoption", "own_adoption", "delete", 302),
    ("adoption", "other_adoption", "delete", 403),
    ("trainingrecord", "own_training", "change", 302),
    ("trainingrecord", "other_training", "change", 403),
    ("trainingrecord", "other_training", "delete", 403),
    ("servicemodel", "own_model", "change", 302),
    ("servicemodel", "other_model", "change", 403),
    ("servicemodel", "own_model", "delete", 403),
    ("nationalselection", "selection", "change", 403),
]


@pytest.mark.parametrize(("model", "record", "action", "expected"), POSTS)
@pytest.mark.django_db
def test_a_coordinators_post_is_saved_in_their_own_region_only(
    implementation_objects, coordinator, editor, model, record, action, expected
) -> None:
    url = f"/admin/implementation/{model}/{implementation_objects[record]}/{action}/"
    data = {"post": "yes"}
    if action == "change":
        # The form exactly as an editor, who may change it, is shown it.
        data = change_form_data(client_for(editor).get(url))
    response = client_for(coordinator).post(url, data)
    assert response.status_code == expected, response.content[:2000]
