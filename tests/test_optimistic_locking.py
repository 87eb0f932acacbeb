"""Two editors on one record: the save from the stale page is refused with what changed, and
nothing is silently reverted; a clash of writers on SQLite says the same, never a 500."""

from unittest.mock import patch

import pytest
from django.db import OperationalError

from evaluations.models import Proposal
from implementation.models import Adoption

from .admin_forms import change_form_data
from .conftest import client_for
from .implementation_factories import adopt


def method_url(method) -> str:
    return f"/admin/methods/method/{method.pk}/change/"


@pytest.mark.django_db
def test_a_save_from_a_stale_method_page_is_refused_with_what_changed(make_method, editor) -> None:
    method = make_method(slug="voima", summary_fi="Alkuperäinen.")
    first, second = client_for(editor), client_for(editor)
    first_data = change_form_data(first.get(method_url(method)))
    stale_data = change_form_data(second.get(method_url(method)))
    first_data["summary_fi"] = "Ensimmäisen muokkaus."
    assert first.post(method_url(method), first_data).status_code == 302
    stale_data["name_fi"] = "Toisen nimi"
    refused = second.post(method_url(method), stale_data)
    assert refused.status_code == 200
    assert "Joku muu tallensi tämän tietueen" in refused.text
    assert "Ensimmäisen muokkaus." in refused.text
    method.refresh_from_db()
    assert method.summary_fi == "Ensimmäisen muokkaus."
    assert method.name_fi != "Toisen nimi"


@pytest.mark.django_db
def test_a_save_from_a_fresh_method_page_goes_through(make_method, editor) -> None:
    method = make_method(slug="voima")
    client = client_for(editor)
    data = change_form_data(client.get(method_url(method)))
    data["summary_fi"] = "Uusi tiivistelmä."
    assert client.post(method_url(method), data).status_code == 302
    method.refresh_from_db()
    assert method.summary_fi == "Uusi tiivistelmä."


@pytest.mark.django_db
def test_a_stale_proposal_save_is_refused(editor) -> None:
    proposal = Proposal.objects.create(
        method_name="Ehdotus", description="…", proposer_name="P", proposer_email="p@example.org"
    )
    url = f"/admin/evaluations/proposal/{proposal.pk}/change/"
    client = client_for(editor)
    data = change_form_data(client.get(url))
    Proposal.objects.filter(pk=proposal.pk).update(checklist_notes="Toisen muistiinpano")
    data["aim_met"] = "true"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Toisen muistiinpano" in response.text


@pytest.mark.django_db
def test_a_clash_of_writers_on_sqlite_gives_the_conflict_message(make_method, editor) -> None:
    method = make_method(slug="voima")
    client = client_for(editor)
    data = change_form_data(client.get(method_url(method)))
    with patch(
        "django.contrib.admin.ModelAdmin.save_model",
        side_effect=OperationalError("database is locked"),
    ):
        response = client.post(method_url(method), data, follow=True)
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Joku muu tallensi tämän tietueen")


@pytest.mark.django_db
def test_a_stale_adoption_save_is_refused(make_method, kymenlaakso, editor) -> None:
    adoption = adopt(make_method(slug="oma"), kymenlaakso)
    url = f"/admin/implementation/adoption/{adoption.pk}/change/"
    client = client_for(editor)
    data = change_form_data(client.get(url))
    Adoption.objects.filter(pk=adoption.pk).update(status="paused")
    data["status"] = "ended"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Joku muu tallensi tämän tietueen" in response.text
    adoption.refresh_from_db()
    assert adoption.status == "paused"


@pytest.mark.django_db
def test_a_read_only_page_shows_no_lock_field(make_method, board_member) -> None:
    method = make_method(slug="voima")
    page = client_for(board_member).get(method_url(method))
    assert page.status_code == 200
    assert "loaded_state" not in page.text
    assert "Loaded state" not in page.text


@pytest.mark.django_db
def test_a_save_from_a_page_opened_before_a_contact_changed_is_refused(make_method, editor) -> None:
    method = make_method(slug="voima")
    contact = method.contacts.create(name="Ensimmäinen Yhteyshenkilö")
    client = client_for(editor)
    stale_data = change_form_data(client.get(method_url(method)))
    method.contacts.filter(pk=contact.pk).update(name="Toisen korjaama nimi")
    stale_data["summary_fi"] = "Vanhalta sivulta."
    refused = client.post(method_url(method), stale_data)
    assert refused.status_code == 200
    assert "Joku muu tallensi tämän tietueen" in refused.text
    contact.refresh_from_db()
    assert contact.name == "Toisen korjaama nimi"


@pytest.mark.django_db
def test_a_contact_added_meanwhile_makes_the_method_page_stale(make_method, editor) -> None:
    method = make_method(slug="voima")
    client = client_for(editor)
    stale_data = change_form_data(client.get(method_url(method)))
    method.contacts.create(name="Uusi Yhteyshenkilö")
    refused = client.post(method_url(method), stale_data)
    assert refused.status_code == 200
    assert "Yhteyshenkilöt: rivejä lisätty, muutettu tai poistettu" in refused.text


@pytest.mark.django_db
def test_a_method_page_with_contacts_saves_when_nothing_changed_meanwhile(
    make_method, editor
) -> None:
    method = make_method(slug="voima")
    method.contacts.create(name="Yhteyshenkilö")
    client = client_for(editor)
    data = change_form_data(client.get(method_url(method)))
    data["summary_fi"] = "Uusi tiivistelmä."
    assert client.post(method_url(method), data).status_code == 302
