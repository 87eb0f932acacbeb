"""The therapy guarantee view: qualifying methods, and which regions deliver them."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from implementation.models import AdoptionStatus

from .implementation_factories import adopt

REASON = {"therapy_guarantee_reason_fi": "Strukturoitu ja lyhyt."}


@pytest.mark.django_db
def test_only_qualifying_published_methods_are_listed(client: Client, make_method) -> None:
    make_method(slug="ipc", therapy_guarantee=True, **REASON)
    make_method(slug="muu")
    make_method(slug="luonnos", is_published=False, therapy_guarantee=True, **REASON)
    methods = client.get("/terapiatakuu/").context["methods"]
    assert [m.slug for m in methods] == ["ipc"]


@pytest.mark.django_db
def test_each_region_shows_which_qualifying_methods_it_has_in_use(
    client: Client, make_method, kymenlaakso, vantaa
) -> None:
    ipc = make_method(slug="ipc", name_fi="IPC", therapy_guarantee=True, **REASON)
    cbt = make_method(slug="cbt", name_fi="CBT", therapy_guarantee=True, **REASON)
    adopt(ipc, vantaa)
    adopt(cbt, vantaa, AdoptionStatus.PLANNED)
    table = {row["region"].code: row for row in client.get("/terapiatakuu/").context["table"]}
    assert table["vake"]["cells"] == [False, True]  # ordered by name: CBT, IPC
    assert table["vake"]["count"] == 1
    assert table["kyme"]["count"] == 0


@pytest.mark.django_db
def test_a_qualifying_method_needs_its_reason(make_method) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_method(slug="ilman", therapy_guarantee=True)


@pytest.mark.django_db
def test_methods_can_record_ages_up_to_22(make_method) -> None:
    assert make_method(slug="nuoret", age_min=13, age_max=22).age_range == "13–22"
