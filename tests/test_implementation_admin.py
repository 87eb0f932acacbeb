"""Who edits implementation records in admin, and the impossible figures admin refuses."""

from datetime import date

import pytest
from django.test import Client

from implementation.models import Adoption, NationalSelection, TrainingRecord

from .admin_forms import change_form_data
from .conftest import client_for
from .implementation_factories import adopt, coordinator_of, train

ADOPTIONS = "/admin/implementation/adoption/"
TRAINING = "/admin/implementation/trainingrecord/"


@pytest.fixture
def own_adoption(make_method, kymenlaakso) -> Adoption:
    return adopt(make_method(slug="oma"), kymenlaakso)


@pytest.fixture
def other_adoption(make_method, vantaa) -> Adoption:
    return adopt(make_method(slug="muu"), vantaa)


@pytest.fixture
def coordinator(kymenlaakso):
    return coordinator_of("koordinaattori", kymenlaakso)


def change_url(adoption: Adoption) -> str:
    return f"{ADOPTIONS}{adoption.pk}/change/"


def training_data(adoption: Adoption, **changes) -> dict:
    data = {
        "adoption": adoption.pk,
        "year": 2024,
        "trained": 10,
        "eligible": 20,
        "target_percent": 70,
        "supervisors": "",
        "episodes": "",
        "source_url": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_coordinator_edits_an_adoption_of_their_own_region(coordinator, own_adoption) -> None:
    client = client_for(coordinator)
    data = change_form_data(client.get(change_url(own_adoption)))
    data["status"] = "paused"
    assert client.post(change_url(own_adoption), data).status_code == 302
    own_adoption.refresh_from_db()
    assert own_adoption.status == "paused"


@pytest.mark.django_db
def test_a_coordinator_reads_another_regions_adoption_without_a_save_button(
    coordinator, other_adoption
) -> None:
    response = client_for(coordinator).get(change_url(other_adoption))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


@pytest.mark.django_db
def test_a_coordinators_post_to_another_regions_adoption_is_refused(
    coordinator, editor, other_adoption
) -> None:
    data = change_form_data(client_for(editor).get(change_url(other_adoption)))
    data["status"] = "ended"
    assert client_for(coordinator).post(change_url(other_adoption), data).status_code == 403
    other_adoption.refresh_from_db()
    assert other_adoption.status == "in_use"


@pytest.mark.django_db
def test_a_coordinator_cannot_add_an_adoption_in_another_region(
    coordinator, make_method, vantaa
) -> None:
    method = make_method(slug="uusi")
    response = client_for(coordinator).post(
        f"{ADOPTIONS}add/",
        {
            "region": vantaa.pk,
            "method": method.pk,
            "status": "in_use",
            "training_records-TOTAL_FORMS": 0,
            "training_records-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "region" in response.context["adminform"].form.errors
    assert not Adoption.objects.filter(region=vantaa).exists()


@pytest.mark.django_db
def test_a_coordinators_training_figures_post_to_another_region_is_refused(
    coordinator, other_adoption
) -> None:
    record = train(other_adoption, trained=1, eligible=2)
    url = f"{TRAINING}{record.pk}/change/"
    response = client_for(coordinator).post(url, training_data(other_adoption, trained=2))
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.trained == 1


@pytest.mark.django_db
def test_a_coordinator_reads_methods_but_cannot_change_them(coordinator, own_adoption) -> None:
    client = client_for(coordinator)
    url = f"/admin/methods/method/{own_adoption.method.pk}/change/"
    assert client.get(url).context["has_change_permission"] is False
    assert client.post(url, {"name_fi": "Muutettu"}).status_code == 403
    assert client.get("/admin/methods/method/add/").status_code == 403


@pytest.mark.django_db
def test_a_coordinator_sees_nothing_of_evaluations(coordinator) -> None:
    client = client_for(coordinator)
    assert client.get("/admin/evaluations/evaluation/").status_code == 403
    assert client.get("/admin/evaluations/study/").status_code == 403


@pytest.mark.django_db
def test_an_editor_edits_every_regions_records(editor, other_adoption) -> None:
    client = client_for(editor)
    data = change_form_data(client.get(change_url(other_adoption)))
    data["status"] = "ended"
    assert client.post(change_url(other_adoption), data).status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"trained": -1}, "trained", "Ensure this value is greater than or equal to 0."),
        ({"trained": 30, "eligible": 20}, "trained", "More professionals cannot be trained"),
        ({"target_percent": 120}, "target_percent", "The target is a share from 0 to 100 %."),
        ({"year": 1989}, "year", "The year cannot be before 1990."),
        ({"year": date.today().year + 1}, "year", "The year cannot be in the future."),
    ],
)
@pytest.mark.django_db
def test_impossible_training_figures_are_refused_with_a_field_message(
    editor, own_adoption, changes, field, message
) -> None:
    response = client_for(editor).post(f"/en{TRAINING}add/", training_data(own_adoption, **changes))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert message in " ".join(errors.get(field, [])) + " ".join(errors.get("__all__", []))
    assert not TrainingRecord.objects.exists()


def adoption_data(adoption_or_none, method, region, **changes) -> dict:
    data = {
        "region": region.pk,
        "method": method.pk,
        "status": "in_use",
        "training_records-TOTAL_FORMS": 0,
        "training_records-INITIAL_FORMS": 0,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_year": 1985}, "The year cannot be before 1990."),
        ({"start_year": date.today().year + 1}, "The year cannot be in the future."),
        ({"start_year": 2020, "end_year": 2018}, "The end year cannot be before the start year."),
    ],
)
@pytest.mark.django_db
def test_impossible_adoption_years_are_refused_with_a_message(
    editor, make_method, kymenlaakso, changes, message
) -> None:
    method = make_method(slug="uusi")
    data = adoption_data(None, method, kymenlaakso, **changes)
    response = client_for(editor).post(f"/en{ADOPTIONS}add/", data)
    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors)
    assert not Adoption.objects.exists()


@pytest.mark.django_db
def test_a_second_adoption_of_a_method_in_a_region_is_refused(editor, own_adoption) -> None:
    data = adoption_data(None, own_adoption.method, own_adoption.region)
    response = client_for(editor).post(f"/en{ADOPTIONS}add/", data)
    assert response.status_code == 200
    assert "This region already has an adoption of this method." in str(
        response.context["adminform"].form.errors
    )


@pytest.mark.django_db
def test_a_national_decision_is_never_changed_once_recorded(editor, make_method) -> None:
    decision = NationalSelection.objects.create(
        method=make_method(slug="x"),
        decided_on=date(2025, 6, 1),
        deciding_body_fi="Asiantuntijaryhmä",
        decision="selected",
        evidence_based=True,
        evidence_reason_fi="…",
        answers_need=True,
        need_reason_fi="…",
        suits_target_group=True,
        target_group_reason_fi="…",
    )
    client = client_for(editor)
    url = f"/admin/implementation/nationalselection/{decision.pk}/"
    assert client.get(f"{url}change/").context["has_change_permission"] is False
    assert client.post(f"{url}change/", {"decision": "not_selected"}).status_code == 403
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403


@pytest.mark.django_db
def test_every_change_to_an_adoption_leaves_a_history_row(coordinator, own_adoption) -> None:
    client = client_for(coordinator)
    data = change_form_data(client.get(change_url(own_adoption)))
    data["status"] = "paused"
    client.post(change_url(own_adoption), data)
    latest = own_adoption.history.first()
    assert (latest.status, latest.history_user) == ("paused", coordinator)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(own_adoption) -> None:
    assert Client().get(ADOPTIONS).status_code == 302
