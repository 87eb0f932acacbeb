"""Demo evaluations: for each demo method with a rating in the facts file, a published
evaluation whose answers give exactly that rating through the real rule, plus a few
evaluations still in progress.

The answers and linked studies are made up to reach the stated level; the demo study records
say so in their citation. Loading is idempotent.
"""

import csv
from datetime import date

from django.db import transaction

from methods.demo_data import DEMO_DIR, load_registry
from methods.models import Method, Term, Vocabulary

from .models import (
    AnswerChoice,
    Criterion,
    CriterionAnswer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Manual,
    QualityChoice,
    Study,
)
from .workflow import publish

MANUAL_FOR_SCALE = {"1-5": "2022", "0-3": "2016"}

# Studies a demo evaluation links to reach a level on the 1–5 scale: (design, quality) each.
STUDIES_FOR_LEVEL = {
    3: {"3.1": [("pre_post", QualityChoice.SATISFACTORY)]},
    4: {"3.1": [("rct", QualityChoice.GOOD)], "4.1": [("rct", QualityChoice.GOOD)]},
    5: {
        "3.1": [("rct", QualityChoice.GOOD)],
        "4.1": [("rct", QualityChoice.GOOD)],
        "5.1": [("rct", QualityChoice.GOOD), ("quasi", QualityChoice.GOOD)],
    },
}

# (method slug, manual version, version, state): evaluations under way in the demo.
IN_PROGRESS = [
    ("trappan", "2022", 1, EvaluationState.IN_EVALUATION),
    ("kiva-koulu", "2022", 2, EvaluationState.QUEUED),
]


@transaction.atomic
def load_demo() -> dict[str, int]:
    """The demo registry and its evaluations; returns counts of what is loaded."""
    counts = load_registry()
    for row in read_facts():
        if row["rating"]:
            load_published_evaluation(row)
    for slug, manual_version, version, state in IN_PROGRESS:
        Evaluation.objects.get_or_create(
            method=Method.objects.get(slug=slug),
            version=version,
            defaults={"manual": Manual.objects.get(version=manual_version), "state": state},
        )
    counts["published evaluations"] = Evaluation.objects.published().count()
    counts["evaluations in progress"] = Evaluation.objects.exclude(
        state=EvaluationState.PUBLISHED
    ).count()
    return counts


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
    for criterion in manual.criteria.all():
        answer_criterion(evaluation, criterion, level)
    publish(evaluation, on=on)
    return evaluation


def answer_criterion(evaluation: Evaluation, criterion: Criterion, level: int) -> None:
    """Met up to the target level, not met above it; with the studies the level needs."""
    met = criterion.level <= level
    answer = CriterionAnswer.objects.create(
        evaluation=evaluation,
        criterion=criterion,
        answer=AnswerChoice.MET if met else AnswerChoice.NOT_MET,
        justification="Demo answer.",
    )
    if evaluation.manual.scale.code != "1-5" or not met:
        return
    for design, quality in STUDIES_FOR_LEVEL.get(level, {}).get(criterion.code, []):
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
