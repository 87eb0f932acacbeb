"""Hypothesis throws generated input at the search and the API: never a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from methods.search import index_methods

FUZZ = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARAMETERS = [
    "q",
    "age",
    "age_from",
    "age_to",
    "topic",
    "target_group",
    "level",
    "group",
    "scale",
    "owner",
    "sort",
    "page",
    "page_size",
]
any_text = st.text(max_size=300)
query_params = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=20)),
    st.one_of(any_text, st.integers().map(str), st.floats().map(str)),
    max_size=6,
)


@pytest.fixture
def indexed(make_method) -> None:
    method = make_method(slug="a", summary_fi="Masennuksen hoito.", rating="3of5")
    index_methods([method])


@FUZZ
@given(query=any_text)
@pytest.mark.django_db
def test_any_search_string_is_answered(indexed, query) -> None:
    response = Client().get("/menetelmat/", {"q": query})
    assert response.status_code in (200, 400)


@FUZZ
@given(params=query_params)
@pytest.mark.django_db
def test_any_api_parameters_get_json_200_or_400(indexed, params) -> None:
    response = Client().get("/api/v1/methods/", params)
    assert response.status_code in (200, 400)
    body = response.json()
    assert ("results" in body) if response.status_code == 200 else ("error" in body)


@FUZZ
@given(params=query_params)
@pytest.mark.django_db
def test_any_list_page_parameters_are_answered(indexed, params) -> None:
    assert Client().get("/en/methods/", params).status_code in (200, 400)
