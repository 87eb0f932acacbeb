"""Every query of the search table finds its method in the top 3, on the demo registry."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from accounts.models import User
from evaluations.demo_data import reload_reference_data
from evaluations.models import Evaluation, Proposal, Study
from implementation.models import Adoption, NationalSelection, RegionalCoordinator, ServiceModel
from methods.models import Method, Organisation, Region, Term

from .search_queries import SEARCH_TABLE

LIST_URL = {"fi": "/menetelmat/", "sv": "/sv/metoder/", "en": "/en/methods/"}


@pytest.fixture(scope="module")
def demo_registry(django_db_setup, django_db_blocker):
    """The demo registry, loaded once for the module (50 queries) and removed after it.

    Loading takes seconds, so it is committed once rather than per test; everything it
    created is deleted afterwards, leaving the reference data of the migrations.
    """
    with django_db_blocker.unblock():
        reload_reference_data()  # in case a transactional test emptied the tables before
        call_command("load_demo_data", verbosity=0)
        yield
        delete_demo_data()


def delete_demo_data() -> None:
    implementation = (NationalSelection, ServiceModel, Adoption, RegionalCoordinator)
    registry = (Proposal, Evaluation, Study, Method, Organisation, Region, Term, User, Group)
    for model in (*implementation, *registry):
        model.objects.all().delete()


def top_three(language: str, query: str) -> list[str]:
    page = Client().get(LIST_URL[language], {"q": query}).context["page"]
    return [method.slug for method in page.object_list[:3]]


# Marked as a database test so that it runs among them, before the transactional browser
# tests that empty the tables.
@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query", "expected"), SEARCH_TABLE)
def test_the_query_finds_the_method_in_the_top_three(
    demo_registry, language, query, expected
) -> None:
    assert expected in top_three(language, query)
