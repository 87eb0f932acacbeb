"""Every admin and public address × every role gives the expected status."""

import pytest
from django.test import Client

from evaluations.models import EvaluationStudy, Proposal, Study
from evaluations.workflow import new_evaluation

from .conftest import client_for

ROLES = ["anonymous", "evaluator", "other_evaluator", "editor", "board_member"]
LOGIN = 302  # anonymous visitors are sent to the admin's login page

# address → expected status for: anonymous, evaluator, other evaluator, editor, board member
MATRIX = {
    "/": (200, 200, 200, 200, 200),
    "/menetelmat/": (200, 200, 200, 200, 200),
    "/menetelmat/{published}/": (200, 200, 200, 200, 200),
    "/menetelmat/{draft}/": (404, 404, 404, 404, 404),
    "/arviointiasteikko/": (200, 200, 200, 200, 200),
    "/arvioinnit/": (200, 200, 200, 200, 200),
    "/ehdota/": (200, 200, 200, 200, 200),
    "/ehdota/{proposal_id}/": (200, 200, 200, 200, 200),
    "/avoin-data/": (200, 200, 200, 200, 200),
    "/api/v1/methods/": (200, 200, 200, 200, 200),
    "/api/v1/methods/{draft}/": (404, 404, 404, 404, 404),
    "/api/v1/evaluations/{evaluation}/": (404, 404, 404, 404, 404),
    "/admin/": (LOGIN, 200, 200, 200, 200),
    "/admin/methods/method/": (LOGIN, 200, 200, 200, 200),
    "/admin/methods/method/add/": (LOGIN, 403, 403, 200, 403),
    "/admin/methods/method/{draft_pk}/change/": (LOGIN, 200, 200, 200, 200),
    "/admin/methods/term/": (LOGIN, 200, 200, 200, 200),
    "/admin/methods/organisation/": (LOGIN, 403, 403, 200, 200),
    "/admin/evaluations/evaluation/": (LOGIN, 200, 200, 200, 200),
    "/admin/evaluations/evaluation/add/": (LOGIN, 403, 403, 200, 403),
    "/admin/evaluations/evaluation/{evaluation}/change/": (LOGIN, 200, 404, 200, 200),
    "/admin/evaluations/evaluation/{evaluation}/history/": (LOGIN, 200, 404, 200, 200),
    "/admin/evaluations/evaluation/{evaluation}/delete/": (LOGIN, 403, 403, 403, 403),
    "/admin/evaluations/proposal/": (LOGIN, 403, 403, 200, 200),
    "/admin/evaluations/proposal/{proposal}/change/": (LOGIN, 403, 403, 200, 200),
    "/admin/evaluations/study/": (LOGIN, 200, 200, 200, 200),
    "/admin/evaluations/study/add/": (LOGIN, 200, 200, 200, 403),
    "/admin/evaluations/study/{study}/change/": (LOGIN, 200, 404, 200, 200),
    "/admin/evaluations/study/{study}/history/": (LOGIN, 200, 404, 200, 200),
    "/admin/evaluations/study/{published_study}/change/": (LOGIN, 404, 404, 200, 200),
    "/admin/evaluations/manual/": (LOGIN, 200, 200, 200, 200),
    "/admin/evaluations/manual/add/": (LOGIN, 403, 403, 200, 403),
    "/admin/evaluations/manual/{manual}/change/": (LOGIN, 200, 200, 200, 200),
    "/admin/evaluations/manual/{manual}/history/": (LOGIN, 200, 200, 200, 200),
    "/admin/accounts/user/": (LOGIN, 403, 403, 403, 403),
    "/admin/auth/group/": (LOGIN, 403, 403, 403, 403),
}


@pytest.fixture
def objects(make_method, evaluator) -> dict[str, object]:
    published = make_method(slug="julkaistu", rating="4of5")
    draft = make_method(slug="luonnos", is_published=False)
    evaluation = new_evaluation(draft)
    evaluation.evaluators.add(evaluator)
    proposal = Proposal.objects.create(
        method_name="Ehdotus", description="…", proposer_name="P", proposer_email="p@example.org"
    )
    published_study = published.current_evaluation().included_studies().first()
    study = Study.objects.create(
        citation="Tutkimus", year=2020, country="FI", design=published_study.design, quality="good"
    )
    EvaluationStudy.objects.create(evaluation=evaluation, study=study)
    return {
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
