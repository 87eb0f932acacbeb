import csv

import pytest
from django.core.management import call_command

from evaluations.models import Evaluation
from methods.demo_data import DEMO_DIR
from methods.models import Method, Region, Term


def facts() -> list[dict[str, str]]:
    with open(DEMO_DIR / "methods_facts.csv", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo) -> None:
    before = (Method.objects.count(), Term.objects.count(), Evaluation.objects.count())
    call_command("load_demo_data", verbosity=0)
    assert (Method.objects.count(), Term.objects.count(), Evaluation.objects.count()) == before


@pytest.mark.django_db
def test_it_loads_all_methods_regions_and_vocabularies(demo) -> None:
    # The 18 evaluated methods of the facts file, and 7 that the demo service models name.
    assert Method.objects.published().count() == 18 + 7
    assert Region.objects.count() == 22
    assert Term.objects.filter(vocabulary="topic").count() == 17


@pytest.mark.django_db
def test_every_method_gets_the_rating_of_the_facts_file_through_the_rule(demo) -> None:
    rows = facts()
    assert len(rows) == 18
    assert sum(bool(row["rating"]) for row in rows) > 0
    for row in rows:
        method = Method.objects.select_related("rating__scale").get(name_fi=row["name_fi"])
        if row["rating"]:
            assert method.rating.scale.code == row["rating_scale"]
            assert method.rating.value == int(row["rating"])
        else:
            assert method.rating is None


@pytest.mark.django_db
def test_an_unstated_evaluation_date_is_left_empty(demo) -> None:
    assert Method.objects.get(slug="voimaperheet").rated_on is None


@pytest.mark.django_db
def test_every_method_has_finnish_text_and_most_have_swedish_and_english(demo) -> None:
    methods = list(Method.objects.all())
    assert len(methods) == 18 + 7
    assert all(m.summary_fi for m in methods)
    assert sum(bool(m.summary_sv) for m in methods) >= 9
    assert sum(bool(m.summary_en) for m in methods) >= 9
