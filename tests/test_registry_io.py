"""export_registry → import_registry into an empty database → export gives the same document;
an invalid document is refused whole, with every problem named."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from evaluations.models import Evaluation, Study
from implementation.models import Adoption, NationalSelection, RegionalCoordinator, ServiceModel
from methods.models import Method, Organisation, Region, Term
from opendata.registry_io import InvalidDocument, export_registry, import_registry, validate


def empty_the_registry() -> None:
    # The implementation records point at methods and regions; they go first.
    for model in (ServiceModel, Adoption, RegionalCoordinator, NationalSelection):
        model.objects.all().delete()
    for model in (Evaluation, Study, Method, Organisation, Region, Term):
        model.objects.all().delete()


@pytest.fixture
def exported(demo) -> dict:
    return export_registry()


@pytest.mark.django_db
def test_export_import_export_gives_an_identical_document(exported) -> None:
    empty_the_registry()
    import_registry(copy.deepcopy(exported))
    assert export_registry() == exported


@pytest.mark.django_db
def test_the_import_recomputes_the_ratings(exported) -> None:
    empty_the_registry()
    import_registry(exported)
    assert Method.objects.get(slug="mdft").rating.key == "5of5"
    assert Method.objects.get(slug="trappan").rating is None


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
    mdft = next(e for e in lying["evaluations"] if e["method"] == "mdft")
    mdft["level"], mdft["level_key"] = 2, "2of5"
    next(m for m in lying["methods"] if m["slug"] == "mdft")["rating"]["key"] = "2of5"
    with pytest.raises(InvalidDocument, match="the answers give 5of5, not 2of5"):
        import_registry(lying)
    assert Method.objects.count() == 0


@pytest.mark.django_db
def test_a_rating_other_than_the_latest_evaluations_is_refused(exported) -> None:
    empty_the_registry()
    lying = copy.deepcopy(exported)
    trappan = next(m for m in lying["methods"] if m["slug"] == "trappan")
    trappan["rating"] = next(m for m in lying["methods"] if m["slug"] == "mdft")["rating"]
    assert [problem.split(": ")[:2] for problem in validate(lying)] == [
        [f"methods[{lying['methods'].index(trappan)}] ('trappan')", "rating"]
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
