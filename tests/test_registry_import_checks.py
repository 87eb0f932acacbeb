"""The import refuses links that are not web addresses, unknown vocabularies and malformed
records with the named problem, never with a traceback, and changes nothing."""

import copy

import pytest

from methods.models import Method, Organisation
from opendata.registry_io import InvalidDocument, export_registry, import_registry

from .test_registry_io import empty_the_registry


@pytest.fixture
def document(make_method) -> dict:
    owner = Organisation.objects.create(slug="omistaja", name_fi="Omistaja")
    method = make_method(slug="arvioitu", rating="5of5", owner=owner)
    method.contacts.create(name="Yhteyshenkilö")
    exported = export_registry()
    empty_the_registry()
    return copy.deepcopy(exported)


def problems_of(document: dict) -> list[str]:
    with pytest.raises(InvalidDocument) as refused:
        import_registry(document)
    assert not Method.objects.exists()
    return refused.value.problems


def evaluation(document: dict) -> dict:
    return document["evaluations"][0]


@pytest.mark.django_db
def test_the_unchanged_document_imports(document) -> None:
    import_registry(document)
    assert Method.objects.get().slug == "arvioitu"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.org/", "data:text/html,x"])
@pytest.mark.django_db
def test_a_method_website_that_is_not_a_web_address_is_refused(document, link) -> None:
    document["methods"][0]["website"] = link
    assert problems_of(document) == [
        "methods[0] ('arvioitu'): website: must be an http:// or https:// address"
    ]


@pytest.mark.django_db
def test_a_study_link_that_is_not_a_web_address_is_refused(document) -> None:
    evaluation(document)["studies"][0]["url"] = "javascript:alert(1)"
    [problem] = problems_of(document)
    assert problem.endswith("studies[0]: url: must be an http:// or https:// address")


@pytest.mark.django_db
def test_an_organisation_website_that_is_not_a_web_address_is_refused(document) -> None:
    document["organisations"][0]["website"] = "javascript:alert(1)"
    assert problems_of(document) == [
        "organisations[0] ('omistaja'): website: must be an http:// or https:// address"
    ]


@pytest.mark.django_db
def test_an_unknown_vocabulary_is_refused(document) -> None:
    document["vocabularies"][0]["vocabulary"] = "no_such_vocabulary"
    assert "vocabulary: unknown vocabulary 'no_such_vocabulary'" in "\n".join(problems_of(document))


@pytest.mark.django_db
def test_a_duplicate_evaluation_version_is_refused(document) -> None:
    document["evaluations"].append(copy.deepcopy(evaluation(document)))
    assert "evaluations[1] ('arvioitu', 1): version: appears twice for this method" in (
        problems_of(document)
    )


@pytest.mark.parametrize("answers", [{"1.1": "met"}, "met", None])
@pytest.mark.django_db
def test_answers_that_are_not_a_list_are_refused(document, answers) -> None:
    evaluation(document)["answers"] = answers
    assert "evaluations[0] ('arvioitu', 1): answers: must be a list of objects" in (
        problems_of(document)
    )


@pytest.mark.django_db
def test_an_answer_that_is_not_an_object_is_refused(document) -> None:
    evaluation(document)["answers"][0] = "met"
    assert "evaluations[0] ('arvioitu', 1): answers: must be a list of objects" in (
        problems_of(document)
    )


@pytest.mark.django_db
def test_an_outcome_without_a_reason_is_refused(document) -> None:
    evaluation(document).update(outcome="no_effect", outcome_reason="")
    assert "evaluations[0] ('arvioitu', 1): outcome_reason: required with an outcome" in (
        problems_of(document)
    )


@pytest.mark.parametrize("contacts", [{"name": "X"}, "X", None])
@pytest.mark.django_db
def test_contacts_that_are_not_a_list_are_refused(document, contacts) -> None:
    document["methods"][0]["contacts"] = contacts
    assert "methods[0] ('arvioitu'): contacts: must be a list of objects" in problems_of(document)


@pytest.mark.parametrize(
    ("name", "value"),
    [("studies", [1]), ("focus", "x"), ("answer_studies", 7), ("evaluators", "Anna")],
)
@pytest.mark.django_db
def test_other_malformed_parts_are_named_problems(document, name, value) -> None:
    if name == "focus":
        evaluation(document)["studies"][0]["focus"] = value
    elif name == "answer_studies":
        evaluation(document)["answers"][0]["studies"] = value
    else:
        evaluation(document)[name] = value
    assert problems_of(document)


@pytest.mark.parametrize("slug", [["arvioitu"], {"slug": "arvioitu"}, 7])
@pytest.mark.django_db
def test_a_method_slug_that_is_not_a_text_is_a_named_problem(document, slug) -> None:
    document["methods"][0]["slug"] = slug
    assert f"methods[0] ({slug!r}): slug: is required" in problems_of(document)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.django_db
def test_a_translated_name_longer_than_its_field_is_refused_in_each_language(
    document, language
) -> None:
    document["methods"][0]["name"][language] = "x" * 201
    assert problems_of(document) == [
        f"methods[0] ('arvioitu'): name.{language}: must be at most 200 characters"
    ]


@pytest.mark.django_db
def test_a_vocabulary_label_longer_than_its_field_is_refused(document) -> None:
    document["vocabularies"][0]["label"]["sv"] = "x" * 201
    [problem] = problems_of(document)
    assert problem.endswith("label.sv: must be at most 200 characters")


@pytest.mark.django_db
def test_an_organisation_name_longer_than_its_field_is_refused(document) -> None:
    document["organisations"][0]["name"]["en"] = "x" * 201
    assert problems_of(document) == [
        "organisations[0] ('omistaja'): name.en: must be at most 200 characters"
    ]
