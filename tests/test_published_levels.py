"""Every published level is what the rule gives today from what it rests on: its answers,
their studies and its manual's criteria. If anything of those changed after publication, the
page would show a level the rule no longer gives."""

import copy

import pytest

from evaluations.models import Evaluation, Study
from opendata.registry_io import IMPLEMENTATION_SECTIONS, export_registry, import_registry


@pytest.mark.django_db
def test_every_published_evaluation_recomputes_to_its_published_level(demo) -> None:
    published = Evaluation.objects.published().select_related("manual__scale", "level")
    assert published.count() >= 17
    for evaluation in published:
        recomputed = evaluation.scale_level(evaluation.rating_result())
        assert recomputed == evaluation.level, f"{evaluation}: {recomputed} ≠ {evaluation.level}"


@pytest.mark.django_db
def test_an_import_never_changes_a_study_a_published_rating_rests_on(demo) -> None:
    document = copy.deepcopy(export_registry())
    rated = next(e for e in document["evaluations"] if e["studies"])
    slug = rated["method"]
    document["methods"] = [{**m, "slug": "tuotu"} for m in document["methods"] if m["slug"] == slug]
    document["evaluations"] = [
        {**e, "method": "tuotu"} for e in document["evaluations"] if e["method"] == slug
    ]
    for section in IMPLEMENTATION_SECTIONS:  # they name the registry's own methods
        document[section] = []
    for evaluation in document["evaluations"]:
        for link in evaluation["studies"]:
            link["setting"] = "Changed by an import"
    studies_before = Study.objects.count()

    import_registry(document)

    assert not Study.objects.filter(evaluations__method__slug=slug, setting__contains="import")
    assert Study.objects.count() > studies_before  # the import's studies are its own records
