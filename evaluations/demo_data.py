"""Demo evaluations: for each demo method with a rating in the facts file, a published
evaluation whose answers give exactly that rating through the real rule, plus a few
evaluations still in progress.

The answers and linked studies are made up to reach the stated level; the demo study records
say so in their citation. Loading is idempotent.
"""

import csv
import importlib
from datetime import date

from django.apps import apps
from django.db import transaction

from accounts.demo_data import demo_user
from methods.demo_data import DEMO_DIR
from methods.models import Method, Term, Vocabulary

from .models import (
    Answer,
    CriterionAnswer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Manual,
    Quality,
    Study,
)
from .workflow import approve, has_evaluation_under_way, new_evaluation, publish

MANUAL_FOR_SCALE = {"1-5": "2022", "0-3": "2016"}

# Studies a demo evaluation links to reach a level on the 1–5 scale: (design, quality) each.
STUDIES_FOR_LEVEL = {
    3: {"3.1": [("pre_post", Quality.SATISFACTORY)]},
    4: {"3.1": [("rct", Quality.GOOD)], "4.1": [("rct", Quality.GOOD)]},
    5: {
        "3.1": [("rct", Quality.GOOD)],
        "4.1": [("rct", Quality.GOOD)],
        "5.1": [("rct", Quality.GOOD), ("quasi", Quality.GOOD)],
    },
}

# (method slug, state): evaluations under way in the demo, with the current manual.
IN_PROGRESS = [
    ("trappan", EvaluationState.IN_EVALUATION),
    ("kiva-koulu", EvaluationState.QUEUED),
]


def reload_reference_data() -> None:
    """Load again the rating scales and manuals that the data migrations put in place.

    For a database that was emptied after migrating (a flush, or a transactional test).
    """
    for module, loader in [
        ("methods.migrations.0002_rating_scales", "load_scales"),
        ("evaluations.migrations.0002_manuals", "load_manuals"),
    ]:
        getattr(importlib.import_module(module), loader)(apps, None)


@transaction.atomic
def load() -> dict[str, int]:
    """The demo ratings and evaluations in progress (after methods' demo registry)."""
    for row in read_facts():
        if row["rating"]:
            load_published_evaluation(row)
    for slug, state in IN_PROGRESS:
        load_evaluation_in_progress(Method.objects.get(slug=slug), state)
    return {
        "published evaluations": Evaluation.objects.published().count(),
        "evaluations in progress": Evaluation.objects.under_way().count(),
    }


def load_evaluation_in_progress(method: Method, state: str) -> None:
    if has_evaluation_under_way(method):
        return
    evaluation = new_evaluation(method)
    evaluation.state = state
    evaluation.save()
    evaluation.evaluators.add(demo_user("arvioitsija"))
    evaluation.peer_reviewers.add(demo_user("arvioitsija2"))


def read_facts() -> list[dict[str, str]]:
    with open(DEMO_DIR / "methods_facts.csv", encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def load_published_evaluation(row: dict[str, str]) -> None:
    method = Method.objects.get(name_fi=row["name_fi"])
    version = int(row["evaluation_version"] or 1)
    if Evaluation.objects.filter(method=method, version=version).exists():
        return
    evaluated_on = date.fromisoformat(row["evaluated_on"]) if row["evaluated_on"] else None
    evaluation = publish_evaluation_with_level(
        method, row["rating_scale"], int(row["rating"]), version, evaluated_on or date.today()
    )
    if evaluated_on is None:
        # The source does not state the date: show none rather than a made-up one.
        Evaluation.objects.filter(pk=evaluation.pk).update(published_on=None)
        Method.objects.filter(pk=method.pk).update(rated_on=None)


def publish_evaluation_with_level(
    method: Method, scale_code: str, level: int, version: int, on: date
) -> Evaluation:
    """A published evaluation whose answers give `level` through the real rating rule."""
    manual = Manual.objects.get(version=MANUAL_FOR_SCALE[scale_code])
    evaluation = Evaluation.objects.create(
        method=method,
        manual=manual,
        version=version,
        state=EvaluationState.BOARD_DECISION,
        review_type=Term.objects.get(vocabulary=Vocabulary.REVIEW_TYPE, code="systematic"),
    )
    evaluation.evaluators.add(demo_user("arvioitsija"))
    evaluation.peer_reviewers.add(demo_user("arvioitsija2"))
    answer_all_criteria(evaluation, level)
    approve(evaluation, by=demo_user("toimituskunta"), on=on, notify=False)
    publish(evaluation, by=demo_user("toimittaja"), on=on)
    return evaluation


def answer_all_criteria(evaluation: Evaluation, level: int) -> None:
    """Met up to the target level, not met above it; with the studies the level needs.

    Created in bulk, with one "created" history row each, because seeding hundreds of
    answers one save at a time is slow and tells the history nothing more.
    """
    answers = CriterionAnswer.objects.bulk_create(
        CriterionAnswer(
            evaluation=evaluation,
            criterion=criterion,
            answer=Answer.MET if criterion.level <= level else Answer.NOT_MET,
            justification="Demo answer.",
        )
        for criterion in evaluation.manual.criteria.all()
    )
    CriterionAnswer.history.bulk_history_create(answers)
    if evaluation.manual.scale.code != "1-5":
        return
    needed = STUDIES_FOR_LEVEL.get(level, {})
    for answer in answers:
        for design, quality in needed.get(answer.criterion.code, []):
            study = demo_study(evaluation.method, design, quality)
            EvaluationStudy.objects.get_or_create(evaluation=evaluation, study=study)
            answer.studies.add(study)


def demo_study(method: Method, design: str, quality: str) -> Study:
    design_term = Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code=design)
    study, _ = Study.objects.get_or_create(
        citation=f"Demo record: a Finnish {design_term.label_en.lower()} of {method.name_fi} "
        "(illustrative, not a real citation).",
        defaults={"year": 2020, "country": "FI", "design": design_term, "quality": quality},
    )
    return study
