"""A published evaluation of a made-up test method at any level, reached through the real rule.

The demo's evaluations rest on real studies (evaluations/demo/); the tests need a level on
any method they make, so these answers and studies are made up, and their records say so.
"""

from datetime import date

from evaluations.demo_data import approve_and_publish, at_board_decision
from evaluations.models import (
    Answer,
    CriterionAnswer,
    Evaluation,
    EvaluationStudy,
    Quality,
    Study,
)
from methods.models import Method, Term, Vocabulary

# Studies an evaluation links to reach a level on the 1–5 scale: (design, quality) each.
STUDIES_FOR_LEVEL = {
    3: {"3.1": [("pre_post", Quality.SATISFACTORY)]},
    4: {"3.1": [("rct", Quality.GOOD)], "4.1": [("rct", Quality.GOOD)]},
    5: {
        "3.1": [("rct", Quality.GOOD)],
        "4.1": [("rct", Quality.GOOD)],
        "5.1": [("rct", Quality.GOOD), ("quasi", Quality.GOOD)],
    },
}


def publish_evaluation_with_level(
    method: Method, scale_code: str, level: int, version: int, on: date
) -> Evaluation:
    """A published evaluation whose answers give `level` through the real rating rule."""
    evaluation = at_board_decision(method, scale_code, version)
    answer_all_criteria(evaluation, level)
    approve_and_publish(evaluation, on=on)
    return evaluation


def answer_all_criteria(evaluation: Evaluation, level: int) -> None:
    """Met up to the target level, not met above it; with the studies the level needs."""
    answers = CriterionAnswer.objects.bulk_create(
        CriterionAnswer(
            evaluation=evaluation,
            criterion=criterion,
            answer=Answer.MET if criterion.level <= level else Answer.NOT_MET,
            justification_fi=f"Testivastaus kriteeriin {criterion.code}.",
        )
        for criterion in evaluation.manual.criteria.all()
    )
    CriterionAnswer.history.bulk_history_create(answers)
    if evaluation.manual.scale.code != "1-5":
        return
    needed = STUDIES_FOR_LEVEL.get(level, {})
    for answer in answers:
        for design, quality in needed.get(answer.criterion.code, []):
            study = made_up_study(evaluation.method, design, quality)
            EvaluationStudy.objects.get_or_create(evaluation=evaluation, study=study)
            answer.studies.add(study)


def made_up_study(method: Method, design: str, quality: str) -> Study:
    design_term = Term.objects.get(vocabulary=Vocabulary.STUDY_DESIGN, code=design)
    study, _ = Study.objects.get_or_create(
        citation=f"Test record: a Finnish {design_term.label_en.lower()} of {method.name_fi} "
        "(made up for the tests, not a real citation).",
        defaults={"year": 2020, "country": "FI", "design": design_term, "quality": quality},
    )
    return study
