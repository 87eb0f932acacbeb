"""Every query of the search table finds its method in the top 3, on the demo registry."""

import pytest
from django.test import Client

from .search_queries import SEARCH_TABLE

LIST_URL = {"fi": "/menetelmat/", "sv": "/sv/metoder/", "en": "/en/methods/"}


def top_three(language: str, query: str) -> list[str]:
    page = Client().get(LIST_URL[language], {"q": query}).context["page"]
    return [method.slug for method in page.object_list[:3]]


# Marked as a database test so that it runs among them, before the transactional browser
# tests that empty the tables.
@pytest.mark.django_db
@pytest.mark.parametrize(("language", "query", "expected"), SEARCH_TABLE)
def test_the_query_finds_the_method_in_the_top_three(demo, language, query, expected) -> None:
    assert expected in top_three(language, query)
