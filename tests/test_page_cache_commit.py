"""The public data's version moves again when a write commits, and the registry's data
version only with the data the registry is built from (lib.page_cache)."""

import pytest
from django.test import Client

from evaluations.workflow import start_update
from lib.page_cache import public_version, registry_data_version
from tests.implementation_factories import adopt, region
from tests.test_method_list import LIST_PAGE_QUERIES


@pytest.mark.django_db
def test_the_version_moves_again_when_a_write_commits(
    make_method, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_method()
        written = public_version()
    for callback in callbacks:
        callback()
    assert public_version() != written


@pytest.mark.django_db
def test_a_draft_of_an_evaluation_moves_the_public_version_only(make_method, editor) -> None:
    update = start_update(make_method(rating="3of5"), by=editor)
    public, registry = public_version(), registry_data_version()
    update.summary_fi = "Luonnos, ei julkinen."
    update.save()
    assert public_version() != public
    assert registry_data_version() == registry


@pytest.mark.django_db
def test_a_change_to_a_method_moves_both_versions(make_method) -> None:
    method = make_method()
    public, registry = public_version(), registry_data_version()
    method.summary_fi = "Uusi tiivistelmä."
    method.save()
    assert public_version() != public
    assert registry_data_version() != registry


@pytest.mark.django_db
def test_an_adoption_moves_the_registry_version(make_method) -> None:
    method, where = make_method(), region("kyme", "Kymenlaakso")
    registry = registry_data_version()
    adopt(method, where)
    assert registry_data_version() != registry


@pytest.mark.django_db
def test_the_list_keeps_its_index_while_only_an_evaluation_draft_changes(
    client: Client, make_method, editor, django_assert_num_queries
) -> None:
    update = start_update(make_method(rating="3of5"), by=editor)
    client.get("/menetelmat/")
    update.summary_fi = "Luonnos, ei julkinen."
    update.save()
    with django_assert_num_queries(LIST_PAGE_QUERIES):
        client.get("/menetelmat/")
