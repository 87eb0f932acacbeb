"""Hypothesis throws generated input at every public address and form: never a server error.

FUZZ_SCALE multiplies the number of examples of every fuzz test (here and in
test_fuzz_import.py) for a long run outside the suite, e.g.
`FUZZ_SCALE=5 make test PYTEST_ARGS="-m fuzz --hypothesis-show-statistics"`.
"""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.spam import new_form_token
from methods.search import index_methods

from .implementation_factories import adopt, region

# About 1,000 generated requests in all, across the tests of this file (at 2,000 it was one
# of the slowest files of the suite).
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
FUZZ = settings(
    max_examples=100 * SCALE,
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


def aged_token() -> str:
    return new_form_token(age_seconds=30)


@pytest.fixture
def indexed(make_method) -> None:
    method = make_method(slug="a", summary_fi="Masennuksen hoito.", rating="3of5")
    index_methods([method])
    adopt(method, region("xx"))


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


PUBLIC_URLS = [
    "/",
    "/menetelmat/a/",
    "/menetelmat/a/arvio/1/",
    "/arviointikasikirja/2016/",
    "/sv/om-bedomningarna/",
    "/en/compare/",
    "/en/evidence-gap-map/",
    "/en/evaluations/",
    "/en/open-data/",
    "/en/accessibility/",
    "/en/propose/",
    "/alueet/",
    "/alueet/xx/",
    "/en/implementation/",
    "/en/service-models/",
    "/en/therapy-guarantee/",
    "/sitemap.xml",
    "/api/v1/evaluations/",
    "/api/v1/organisations/",
    "/api/v1/regions/",
    "/api/v1/vocabularies/",
    "/api/v1/methods.csv",
    "/api/v1/adoptions/",
    "/api/v1/adoptions.csv",
    "/api/v1/training-records/",
    "/api/v1/service-models/",
    "/api/v1/national-selections/",
    "/api/v1/feeds/evaluations.atom",
]


@pytest.mark.django_db
def test_every_fuzzed_address_is_a_real_page(indexed) -> None:
    # So that the fuzz below hits pages that render, not 404s.
    assert {url: Client().get(url).status_code for url in PUBLIC_URLS} == dict.fromkeys(
        PUBLIC_URLS, 200
    )


@settings(
    max_examples=40 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(params=query_params)
@pytest.mark.django_db
def test_no_public_address_fails_on_any_parameters(indexed, params) -> None:
    for url in PUBLIC_URLS:
        assert Client().get(url, params).status_code < 500, url


form_fields = st.dictionaries(
    st.sampled_from(
        [
            "method_name",
            "description",
            "website",
            "proposer_name",
            "proposer_email",
            "proposer_organisation",
            "is_method_owner",
            "consent",
            "message",
            "email",
            "page",
            "homepage",
            "form_token",
        ]
    ),
    any_text,
)


@FUZZ
@given(data=form_fields, with_token=st.booleans())
@pytest.mark.django_db
def test_the_public_forms_answer_any_input_without_failing(data, with_token) -> None:
    cache.clear()  # the proposal throttle would otherwise answer every later example
    if with_token:
        data = {**data, "form_token": aged_token()}
    for url in ("/ehdota/", "/en/accessibility/"):
        assert Client().post(url, data).status_code in (302, 400), url
