"""Every row of the search table passes on the demo registry: the methods it names are in the
top three and none it rules out is; a known miss is expected to fail, with its reason."""

import pytest
from django.test import Client

from .search_queries import KNOWN_MISSES, SEARCH_TABLE, Row

LIST_URL = {"fi": "/menetelmat/", "sv": "/sv/metoder/", "en": "/en/methods/"}


def top_three(language: str, query: str) -> list[str]:
    page = Client().get(LIST_URL[language], {"q": query}).context["page"]
    return [method.slug for method in page.object_list[:3]]


def table_params() -> list:
    params = []
    for row in SEARCH_TABLE:
        reason = KNOWN_MISSES.get((row.language, row.query))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(row, marks=marks, id=f"{row.language}:{row.query}"))
    return params


def test_every_known_miss_is_a_row_of_the_table() -> None:
    rows = {(row.language, row.query) for row in SEARCH_TABLE}
    assert set(KNOWN_MISSES) <= rows


# Marked as a database test so that it runs among them, before the transactional browser
# tests that empty the tables.
@pytest.mark.django_db
@pytest.mark.parametrize("row", table_params())
def test_the_query_puts_what_belongs_in_the_top_three(demo, row: Row) -> None:
    assert row.passes(top_three(row.language, row.query))
