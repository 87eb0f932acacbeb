"""export_registry → import_registry into an empty database → export gives the same document;
an invalid document is refused whole, with every problem named."""

import copy
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from evaluations.models import Evaluation, Study
from implementation.models import Adoption, NationalSelection, RegionalCoordinator, ServiceModel
from methods.models import Method, Organisation, Region, Term
from opendata.registry_io import (
    IMPLEMENTATION_SECTIONS,
    InvalidDocument,
    export_registry,
    import_registry,
    validate,
)


def empty_the_registry() -> None:
    # The implementation records point at methods and regions; they go first.
    for model in (ServiceModel, Adoption, RegionalCoordinator, NationalSelection):
        model.objects.all().delete()
    for model in (Evaluation, Study, Method, Organisation, Region, Term):
        model.objects.all().delete()


@pytest.fixture
def exported(demo) -> dict:
    # The demo has no national decisions yet; one, so that they make the round trip too.
    NationalSelection.objects.create(
        method=Method.objects.get(slug="mdft"),
        decided_on=date(2025, 4, 1),
        deciding_body_fi="Kansallinen asiantuntijaryhmä",
        decision="selected",
        evidence_based=True,
        evidence_reason_fi="Vahva näyttö.",
        answers_need=True,
        need_reason_fi="Tarve on tunnistettu.",
        suits_target_group=False,
        target_group_reason_fi="Sovitettava.",
        source_url="https://example.org/paatos",
    )
    return export_registry()


@pytest.mark.django_db
def test_export_import_export_gives_an_identical_document(exported) -> None:
    empty_the_registry()
    import_registry(copy.deepcopy(exported))
    assert export_registry() == exported


@pytest.mark.django_db
def test_the_round_trip_carries_every_kind_of_implementation_record(exported) -> None:
    empty_the_registry()
    import_registry(copy.deepcopy(exported))
    counts = [len(export_registry()[section]) for section in IMPLEMENTATION_SECTIONS]
    assert all(counts), dict(zip(IMPLEMENTATION_SECTIONS, counts, strict=True))


@pytest.mark.django_db
def test_a_document_of_the_previous_format_is_read_as_one_without_implementation_records(
    exported,
) -> None:
    empty_the_registry()
    previous = {k: v for k, v in exported.items() if k not in IMPLEMENTATION_SECTIONS}
    import_registry({**previous, "version": 2})
    assert (Method.objects.count(), Adoption.objects.count()) == (len(exported["methods"]), 0)


@pytest.mark.django_db
def test_a_document_of_the_current_format_must_have_the_implementation_sections(
    exported,
) -> None:
    del exported["service_models"]
    assert validate(exported) == ["document: service_models: must be a list"]


@pytest.mark.django_db
def test_malformed_implementation_records_are_each_named(exported) -> None:
    empty_the_registry()
    broken = copy.deepcopy(exported)
    adoption, figures = broken["adoptions"][0], broken["training_records"][0]
    model, selection = broken["service_models"][0], broken["national_selections"][0]
    adoption["status"] = "dormant"
    adoption["service_settings"] = [["nested"]]
    adoption["start_year"], adoption["end_year"] = 2020, 2019
    figures["trained"] = -1
    model["parts"] = "six parts"
    model["methods"][0]["method"] = "no-such-method"
    selection["decided_on"] = "1.3.2025"
    a = f"adoptions[0] ({adoption['region']!r}, {adoption['method']!r})"
    t = f"training_records[0] ({figures['region']!r}, {figures['method']!r}, {figures['year']})"
    m = f"service_models[0] ({model['slug']!r})"
    n = f"national_selections[0] ({selection['method']!r})"
    assert validate(broken) == [
        f"{a}: status: must be one of planned, piloting, in_use, paused, ended",
        f"{a}: service_settings: unknown setting code \"['nested']\"",
        f"{a}: end_year: must not be below start_year",
        f"{t}: trained: must be a whole number from 0 to 2147483647",
        f"{m}: parts: must be a list of objects",
        f"{m} methods[0]: method: unknown method slug",
        f"{n}: decided_on: must be an ISO date (YYYY-MM-DD) or null",
    ]
    with pytest.raises(InvalidDocument):
        import_registry(broken)
    assert (Method.objects.count(), Adoption.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_implementation_texts_longer_than_their_fields_are_named(exported) -> None:
    empty_the_registry()
    broken = copy.deepcopy(exported)
    model, selection = broken["service_models"][0], broken["national_selections"][0]
    model["name"]["sv"] = "x" * 301
    selection["deciding_body"]["fi"] = "x" * 301
    assert validate(broken) == [
        f"service_models[0] ({model['slug']!r}): name.sv: must be at most 300 characters",
        f"national_selections[0] ({selection['method']!r}): deciding_body.fi: "
        "must be at most 300 characters",
    ]


@pytest.mark.django_db
def test_a_stated_coverage_the_figures_do_not_give_is_refused(exported) -> None:
    empty_the_registry()
    lying = copy.deepcopy(exported)
    figures = next(t for t in lying["training_records"] if t["eligible"])
    figures["coverage_percent"] = 100 if figures["coverage_percent"] != 100 else 0
    index = lying["training_records"].index(figures)
    assert [problem.split(": ")[1] for problem in validate(lying)] == ["coverage_percent"]
    assert validate(lying)[0].startswith(f"training_records[{index}]")


@pytest.mark.django_db
def test_a_second_adoption_of_a_method_in_a_region_is_refused(exported) -> None:
    empty_the_registry()
    twice = copy.deepcopy(exported)
    twice["adoptions"].append(copy.deepcopy(twice["adoptions"][0]))
    assert [problem.split(": ", 1)[1] for problem in validate(twice)] == [
        "method: adopted twice in the same region"
    ]


@pytest.mark.django_db
def test_the_export_holds_the_apis_implementation_records_without_the_apis_ids_and_links(
    exported, client
) -> None:
    api_only = {"id", "url", "api_url", "updated_at", "recorded_at"}
    for section, address in [
        ("adoptions", "adoptions"),
        ("training_records", "training-records"),
        ("service_models", "service-models"),
        ("national_selections", "national-selections"),
    ]:
        records = client.get(f"/api/v1/{address}/", {"page_size": 100}).json()["results"]
        shared = [{k: v for k, v in r.items() if k not in api_only} for r in records]
        assert shared == exported[section][:100], section


@pytest.mark.django_db
def test_the_import_recomputes_the_ratings(exported) -> None:
    empty_the_registry()
    import_registry(exported)
    assert Method.objects.get(slug="voimaperheet").rating.key == "5of5"
    assert Method.objects.get(slug="mdft").rating.key == "2of5"  # what its listed studies give
    assert Method.objects.get(slug="trappan").rating.key == "1of5"
    assert Method.objects.get(slug="motivoiva-haastattelu").rating is None


@pytest.mark.django_db
def test_the_import_keeps_what_the_demo_evidence_needs(exported) -> None:
    empty_the_registry()
    import_registry(exported)
    mdft = Evaluation.objects.get(method__slug="mdft")
    assert mdft.rests_on_unlisted_studies
    answer = Evaluation.objects.get(method__slug="voimaperheet").answers.get(criterion__code="3.1")
    assert answer.justification_sv.startswith("En finländsk randomiserad studie")
    assert answer.justification_en.startswith("A Finnish randomised trial")
    assert Study.objects.get(doi="10.7557/25.7289").year is None


@pytest.mark.django_db
def test_malformed_evidence_fields_are_each_named(exported) -> None:
    empty_the_registry()
    broken = copy.deepcopy(exported)
    evaluation = broken["evaluations"][0]
    evaluation["rests_on_unlisted_studies"] = "yes"
    evaluation["answers"][0]["justification"] = "only one language"
    where = f"evaluations[0] ({evaluation['method']!r}, {evaluation['version']})"
    assert validate(broken) == [
        f"{where}: rests_on_unlisted_studies: must be true or false",
        f"{where} answers[0]: justification: must be an object of texts by language (fi, sv, en)",
    ]


@pytest.mark.django_db
def test_the_commands_write_and_read_a_file(exported, tmp_path) -> None:
    path = tmp_path / "registry.json"
    call_command("export_registry", str(path))
    empty_the_registry()
    call_command("import_registry", str(path), verbosity=0)
    assert json.loads(path.read_text(encoding="utf-8")) == export_registry()


@pytest.mark.django_db
def test_an_invalid_document_changes_nothing_and_names_each_problem(exported) -> None:
    empty_the_registry()
    broken = copy.deepcopy(exported)
    broken["methods"][0]["age_min"] = "three"
    broken["methods"][1]["topics"] = ["no-such-topic"]
    broken["evaluations"][0]["level_key"] = "9of5"
    first, second = broken["methods"][0]["slug"], broken["methods"][1]["slug"]
    evaluated = broken["evaluations"][0]["method"]
    assert validate(broken) == [
        f"methods[0] ({first!r}): age_min: must be a whole number from 0 to 29",
        f"methods[1] ({second!r}): topics: unknown topic code 'no-such-topic'",
        f"evaluations[0] ({evaluated!r}, 1): level_key: unknown level '9of5'",
    ]
    with pytest.raises(CommandError):
        path = "/tmp/kasvuntuki-broken.json"
        with open(path, "w", encoding="utf-8") as file:
            json.dump(broken, file)
        call_command("import_registry", path, verbosity=0)
    assert Method.objects.count() == 0
    assert Term.objects.count() == 0


@pytest.mark.django_db
def test_a_level_the_answers_do_not_give_is_refused(exported) -> None:
    empty_the_registry()
    lying = copy.deepcopy(exported)
    strong = next(e for e in lying["evaluations"] if e["method"] == "voimaperheet")
    strong["level"], strong["level_key"] = 2, "2of5"
    next(m for m in lying["methods"] if m["slug"] == "voimaperheet")["rating"]["key"] = "2of5"
    with pytest.raises(InvalidDocument, match="the answers give 5of5, not 2of5"):
        import_registry(lying)
    assert Method.objects.count() == 0


@pytest.mark.django_db
def test_a_rating_other_than_the_latest_evaluations_is_refused(exported) -> None:
    empty_the_registry()
    lying = copy.deepcopy(exported)
    # A method with no evaluation at all, from the implementation demo, claims MDFT's rating.
    unrated = next(m for m in lying["methods"] if m["slug"] == "motivoiva-haastattelu")
    unrated["rating"] = next(m for m in lying["methods"] if m["slug"] == "mdft")["rating"]
    assert [problem.split(": ")[:2] for problem in validate(lying)] == [
        [f"methods[{lying['methods'].index(unrated)}] ('motivoiva-haastattelu')", "rating"]
    ]


@pytest.mark.django_db
def test_the_export_names_the_evaluators_and_peer_reviewers(exported) -> None:
    mdft = next(e for e in exported["evaluations"] if e["method"] == "mdft")
    assert (mdft["evaluators"], mdft["peer_reviewers"]) == (
        ["Aino Arvioitsija"],
        ["Ville Vertainen"],
    )


@pytest.mark.django_db
def test_the_export_leaves_out_the_names_of_evaluators_who_chose_anonymity(exported) -> None:
    Evaluation.objects.filter(method__slug="mdft").update(show_names=False)
    mdft = next(e for e in export_registry()["evaluations"] if e["method"] == "mdft")
    assert (mdft["evaluators"], mdft["peer_reviewers"]) == ([], [])


@pytest.mark.django_db
def test_names_without_an_account_are_imported_as_accounts_that_cannot_sign_in(exported) -> None:
    empty_the_registry()
    User.objects.all().delete()
    import_registry(exported)
    aino = User.objects.get(first_name="Aino Arvioitsija")
    assert (aino.is_active, aino.has_usable_password(), aino.is_staff) == (False, False, False)


@pytest.mark.django_db
def test_the_export_holds_the_apis_records_without_the_apis_ids_and_links(exported, client) -> None:
    api_only = {"id", "url", "api_url", "updated_at"}
    api_method = client.get("/api/v1/methods/mdft/").json()
    exported_method = next(m for m in exported["methods"] if m["slug"] == "mdft")
    assert {k: v for k, v in api_method.items() if k not in api_only} == exported_method


@pytest.mark.django_db
def test_the_export_holds_the_apis_evaluations_without_the_apis_ids_and_links(
    exported, client
) -> None:
    api_only = {"id", "url", "api_url", "updated_at"}
    api_evaluation = client.get("/api/v1/evaluations/", {"method": "mdft"}).json()["results"][0]
    exported_evaluation = next(e for e in exported["evaluations"] if e["method"] == "mdft")
    assert {k: v for k, v in api_evaluation.items() if k not in api_only} == exported_evaluation


@pytest.mark.parametrize(
    "document", [None, [], {"format": "other"}, {"format": "kasvuntuki-registry"}]
)
@pytest.mark.django_db
def test_a_document_of_the_wrong_shape_is_refused(document) -> None:
    assert validate(document)


@pytest.mark.django_db
def test_an_unreadable_file_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "not.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot be read as JSON"):
        call_command("import_registry", str(path))
