"""The API is a contract: its OpenAPI document says exactly what it does. Real answers of every
endpoint are checked against the document's schemas, and schemathesis sends generated requests
to every operation with all its checks."""

from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import settings
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from evaluations.models import Evaluation
from implementation.models import (
    Adoption,
    AgeGroup,
    NationalSelection,
    ServiceModel,
    ServiceModelMethod,
    ServiceModelPart,
    TrainingRecord,
)
from methods.models import MAX_AGE, Contact, Organisation, Region, RegionKind, Term, Vocabulary
from methods.search import index_methods

API = "/api/v1"
DOCUMENT = "urn:kasvuntuki:openapi"


@pytest.fixture
def published(make_method) -> dict:
    """A rated method with an owner and a contact, an unrated one, a draft, and a region where
    the rated one is in use, with training figures, a service model and a national decision."""
    owner = Organisation.objects.create(slug="mieli", name_fi="MIELI ry", name_en="MIELI")
    uusimaa = Region.objects.create(
        code="uusimaa", kind=RegionKind.WELLBEING_COUNTY, name_fi="Uusimaa", name_sv="Nyland"
    )
    rated = make_method(
        slug="rated",
        name_fi="Arvioitu",
        topics=["anxiety"],
        target_groups=["parents"],
        rating="4of5",
        owner=owner,
        age_min=3,
        age_max=12,
    )
    Contact.objects.create(method=rated, name="Anna Yhteys", role_fi="Kouluttaja")
    plain = make_method(slug="plain", name_fi="Arvioimaton", summary_fi="Masennuksen hoito.")
    draft = make_method(slug="draft", is_published=False)
    index_methods([rated, plain, draft])
    return {
        "rated": rated,
        "evaluation": Evaluation.objects.get(method=rated),
        "adoption": implemented(rated, uusimaa),
    }


def implemented(method, region: Region) -> Adoption:
    """The method in use in the region, with every kind of implementation record."""
    care_level = Term.objects.get(vocabulary=Vocabulary.CARE_LEVEL, code="early_support")
    adoption = Adoption.objects.create(
        method=method, region=region, status="in_use", care_level=care_level, start_year=2021
    )
    adoption.service_settings.set(Term.objects.filter(vocabulary=Vocabulary.SETTING)[:1])
    TrainingRecord.objects.create(
        adoption=adoption, year=2024, trained=7, eligible=10, target_percent=70, episodes=3
    )
    model = ServiceModel.objects.create(
        slug="malli",
        name_fi="Malli",
        summary_fi="Lyhyesti.",
        level="regional",
        stage="ready",
        record_created=date(2024, 5, 1),
    )
    model.regions.set([region])
    model.topics.set(Term.objects.filter(vocabulary=Vocabulary.TOPIC)[:1])
    ServiceModelPart.objects.create(service_model=model, position=1, name_fi="Koulutukset")
    ServiceModelMethod.objects.create(
        service_model=model, method=method, age_group=AgeGroup.CHILDREN, care_level=care_level
    )
    NationalSelection.objects.create(
        method=method,
        decided_on=date(2025, 2, 1),
        deciding_body_fi="Asiantuntijaryhmä",
        decision="selected",
        evidence_based=True,
        evidence_reason_fi="Vahva näyttö.",
        answers_need=True,
        need_reason_fi="Tarve.",
        suits_target_group=True,
        target_group_reason_fi="Sopii.",
    )
    return adoption


def document(client: Client) -> dict:
    return client.get(f"{API}/openapi.json").json()


def pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def response_schema(spec: dict, path: str, status: str) -> str:
    """Where in the document the schema of the operation's answer with this status is."""
    response = spec["paths"][path]["get"]["responses"][status]
    where = pointer("paths", path, "get", "responses", status)
    if "$ref" in response:
        where = response["$ref"].removeprefix("#")
    return where + pointer("content", "application/json", "schema")


def errors_against(spec: dict, where: str, body: object) -> list[str]:
    """What in the body the schema at that place of the document does not allow."""
    registry = Registry().with_resource(DOCUMENT, Resource.from_contents(spec, DRAFT4))
    validator = OAS30Validator(
        {"$ref": f"{DOCUMENT}#{where}"}, registry=registry, format_checker=oas30_format_checker
    )
    return [
        "/".join(map(str, e.absolute_path)) + ": " + e.message for e in validator.iter_errors(body)
    ]


ANSWERS = [
    # (address, operation in the document, status)
    ("/methods/", "/methods/", "200"),
    ("/methods/?topic=anxiety&age_from=2&age_to=4&sort=rating", "/methods/", "200"),
    ("/methods/?page=99", "/methods/", "200"),
    ("/methods/?age_to=0.5", "/methods/", "400"),
    ("/methods/rated/", "/methods/{slug}/", "200"),
    ("/methods/draft/", "/methods/{slug}/", "404"),
    ("/evaluations/", "/evaluations/", "200"),
    ("/evaluations/?method=rated", "/evaluations/", "200"),
    ("/evaluations/{evaluation}/", "/evaluations/{id}/", "200"),
    ("/evaluations/999999/", "/evaluations/{id}/", "404"),
    ("/vocabularies/", "/vocabularies/", "200"),
    ("/organisations/", "/organisations/", "200"),
    ("/regions/", "/regions/", "200"),
    ("/regions/?page_size=101", "/regions/", "400"),
    ("/adoptions/", "/adoptions/", "200"),
    ("/adoptions/?region=uusimaa&method=rated&status=in_use", "/adoptions/", "200"),
    ("/adoptions/?region=atlantis", "/adoptions/", "400"),
    ("/adoptions/{adoption}/", "/adoptions/{id}/", "200"),
    ("/adoptions/999999/", "/adoptions/{id}/", "404"),
    ("/training-records/", "/training-records/", "200"),
    ("/training-records/?method=rated", "/training-records/", "200"),
    ("/service-models/", "/service-models/", "200"),
    ("/service-models/?region=uusimaa&level=regional", "/service-models/", "200"),
    ("/service-models/?stage=someday", "/service-models/", "400"),
    ("/service-models/malli/", "/service-models/{slug}/", "200"),
    ("/service-models/nothing/", "/service-models/{slug}/", "404"),
    ("/national-selections/", "/national-selections/", "200"),
    ("/national-selections/?decision=maybe", "/national-selections/", "400"),
    ("/adoptions.csv?status=dormant", "/adoptions.csv", "400"),
]


@pytest.mark.parametrize(("address", "path", "status"), ANSWERS)
@pytest.mark.django_db
def test_every_real_answer_matches_the_schema_of_the_document(
    client: Client, published, address, path, status
) -> None:
    spec = document(client)
    ids = {"evaluation": published["evaluation"].pk, "adoption": published["adoption"].pk}
    response = client.get(API + address.format(**ids))
    assert str(response.status_code) == status
    if status == "200" and "results" in response.json() and "page=" not in address:
        assert response.json()["results"], "an empty list would check nothing"
    assert errors_against(spec, response_schema(spec, path, status), response.json()) == []


@pytest.mark.django_db
def test_the_schema_check_finds_an_answer_that_breaks_the_document(
    client: Client, published
) -> None:
    spec = document(client)
    body = client.get(f"{API}/methods/rated/").json()
    body["age_min"] = None
    del body["rating"]
    errors = errors_against(spec, response_schema(spec, "/methods/{slug}/", "200"), body)
    assert {error.split(":")[0] for error in errors} == {"", "age_min"}


@pytest.mark.django_db
def test_a_refused_method_is_405_in_json_with_the_allowed_methods(client: Client) -> None:
    response = client.post(f"{API}/methods/")
    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD, OPTIONS")
    spec = document(client)
    schema = response_schema(spec, "/methods/", "405")
    assert errors_against(spec, schema, response.json()) == []


@pytest.mark.django_db
def test_the_document_lists_the_codes_each_filter_takes_from_the_database(
    client: Client, published
) -> None:
    parameters = {
        p["name"]: p["schema"] for p in document(client)["paths"]["/methods/"]["get"]["parameters"]
    }
    assert "anxiety" in parameters["topic"]["items"]["enum"]
    assert {"4of5", "unrated"} <= set(parameters["level"]["items"]["enum"])
    assert set(parameters["group"]["items"]["enum"]) == {"effective", "promising", "described"}
    assert parameters["owner"]["items"]["enum"] == ["mieli"]
    assert set(parameters["sort"]["enum"]) == {"name", "rating", "evaluated"}


@pytest.mark.django_db
def test_the_document_bounds_ages_and_paging(client: Client) -> None:
    parameters = {
        p["name"]: p["schema"] for p in document(client)["paths"]["/methods/"]["get"]["parameters"]
    }
    assert parameters["age"] == {"type": "integer", "minimum": 0, "maximum": MAX_AGE}
    assert (parameters["page"]["minimum"], "maximum" in parameters["page"]) == (1, False)
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, 100)


# --- Schemathesis -------------------------------------------------------------------------


@pytest.fixture
def application():
    """The application as a WSGI server runs it, on the test's database connection.

    Each request would close that connection (and, on PostgreSQL, the test's transaction with
    it); Django's test client keeps it open the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(published, application):
    """The document as the running application serves it, with the published records in."""
    return schemathesis.openapi.from_wsgi(f"{API}/openapi.json", application)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def node_id_for_schemathesis(request) -> None:
    """schemathesis 4.32 names each operation's subtest through `node._nodeid`, which pytest 9
    no longer has; give it the attribute to read and write."""
    request.node._nodeid = request.node.nodeid


@pytest.mark.fuzz
@pytest.mark.django_db
@pytest.mark.usefixtures("node_id_for_schemathesis")
@schema.parametrize()
# Ten generated requests per operation, on top of schemathesis's deterministic coverage phase
# (bounds, enums, missing and wrongly typed parameters), which runs whatever this number is.
@settings(max_examples=10, deadline=None)
def test_generated_requests_to_every_operation_keep_the_contract(case) -> None:
    # The WSGI test client does not undo a Content-Encoding, so ask for none.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
