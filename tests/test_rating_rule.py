"""Every rule of the function that turns criterion answers into a level, as a table."""

import pytest
from django.utils import translation

from evaluations.rating import (
    Answer,
    CriterionFacts,
    Outcome,
    Requirement,
    StudyFacts,
    compute_rating,
    counted_answer,
    outcome_gaps,
)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


M, P, N = Answer.MET, Answer.PARTLY, Answer.NOT_MET

# The 2022 manual's shape: (code, level, requirement).
LADDER_1_TO_5 = [
    *[(f"1.{n}", 1, Requirement.NONE) for n in range(1, 8)],
    ("2.1", 2, Requirement.NONE),
    ("2.2", 2, Requirement.NONE),
    ("3.1", 3, Requirement.EFFECT_STUDY),
    ("3.2", 3, Requirement.NONE),
    ("3.3", 3, Requirement.NONE),
    ("4.1", 4, Requirement.NORDIC_CONTROLLED),
    ("4.2", 4, Requirement.NONE),
    ("5.1", 5, Requirement.TWO_NORDIC_CONTROLLED),
    ("5.2", 5, Requirement.NONE),
    ("5.3", 5, Requirement.NONE),
]
# The 2016 manual (0–3 scale); A1 records applicability and belongs to no level.
LADDER_0_TO_3 = [
    ("1.1", 1, Requirement.NONE),
    ("2.1", 2, Requirement.NONE),
    ("3.1", 3, Requirement.NONE),
    ("A1", 0, Requirement.NONE),
]

FI_RCT_GOOD = StudyFacts("FI", "rct", "good")
SE_QUASI_OK = StudyFacts("SE", "quasi", "satisfactory")
NO_PRE_POST = StudyFacts("NO", "pre_post", "satisfactory")
FI_RCT_WEAK = StudyFacts("FI", "rct", "weak")
US_RCT_GOOD = StudyFacts("US", "rct", "good")
REVIEW_GOOD = StudyFacts("GB", "review", "good")
REVIEW_WEAK = StudyFacts("US", "review", "weak")
FI_QUALITATIVE = StudyFacts("FI", "qualitative", "satisfactory")


def facts(
    shape, answers: dict[str, str | None], studies: dict[str, tuple] | None = None
) -> list[CriterionFacts]:
    """Criteria of a manual with answers; a criterion left out of `answers` is met."""
    studies = studies or {}
    return [
        CriterionFacts(code, level, answers.get(code, M), requirement, studies.get(code, ()))
        for code, level, requirement in shape
    ]


UP_TO_3 = {"3.1": (FI_RCT_GOOD,)}
UP_TO_4 = {"3.1": (FI_RCT_GOOD,), "4.1": (FI_RCT_GOOD,)}
ALL_STUDIES = {"3.1": (FI_RCT_GOOD,), "4.1": (FI_RCT_GOOD,), "5.1": (FI_RCT_GOOD, SE_QUASI_OK)}


@pytest.mark.parametrize(
    ("case", "answers", "studies", "expected"),
    [
        ("nothing answered", {c: None for c, _, _ in LADDER_1_TO_5}, {}, None),
        ("one description criterion unanswered", {"1.4": None}, ALL_STUDIES, None),
        ("one description criterion partly met", {"1.6": P}, ALL_STUDIES, None),
        ("one description criterion not met", {"1.1": N}, ALL_STUDIES, None),
        ("described only", {"2.1": N}, ALL_STUDIES, 1),
        ("theory partly met stops at 1", {"2.2": P}, ALL_STUDIES, 1),
        ("cumulative: evidence without theory", {"2.1": N}, ALL_STUDIES, 1),
        ("justified, no effect study linked", {}, {}, 2),
        ("justified, level 3 answered not met", {"3.3": N}, ALL_STUDIES, 2),
        ("a Nordic pre-post study gives 3", {"4.1": N}, {"3.1": (NO_PRE_POST,)}, 3),
        ("an international review gives 3", {"4.1": N}, {"3.1": (REVIEW_GOOD,)}, 3),
        ("a non-Nordic RCT alone is not enough for 3", {}, {"3.1": (US_RCT_GOOD,)}, 2),
        ("a weak Nordic study is not enough for 3", {}, {"3.1": (FI_RCT_WEAK,)}, 2),
        ("a weak review is not enough for 3", {}, {"3.1": (REVIEW_WEAK,)}, 2),
        ("a qualitative study is no effect study", {}, {"3.1": (FI_QUALITATIVE,)}, 2),
        ("level 4 met but no controlled study linked", {}, UP_TO_3, 3),
        ("a Nordic pre-post study is not enough for 4", {}, {**UP_TO_3, "4.1": (NO_PRE_POST,)}, 3),
        ("a weak Nordic RCT is not enough for 4", {}, {**UP_TO_3, "4.1": (FI_RCT_WEAK,)}, 3),
        (
            "a satisfactory Nordic quasi-experiment gives 4",
            {},
            {**UP_TO_3, "4.1": (SE_QUASI_OK,)},
            4,
        ),
        ("a good Nordic RCT gives 4", {"5.2": N}, ALL_STUDIES, 4),
        (
            "5 needs two good studies: one is satisfactory",
            {},
            {**UP_TO_4, "5.1": (FI_RCT_GOOD, SE_QUASI_OK)},
            4,
        ),
        (
            "two good Nordic controlled studies give 5",
            {},
            {**UP_TO_4, "5.1": (FI_RCT_GOOD, FI_RCT_GOOD)},
            5,
        ),
        (
            "one good Nordic RCT and a review give 5",
            {},
            {**UP_TO_4, "5.1": (FI_RCT_GOOD, REVIEW_GOOD)},
            5,
        ),
        ("two reviews do not give 5", {}, {**UP_TO_4, "5.1": (REVIEW_GOOD, REVIEW_GOOD)}, 4),
        (
            "implementation partly met stops at 4",
            {"5.3": P},
            {**UP_TO_4, "5.1": (FI_RCT_GOOD, FI_RCT_GOOD)},
            4,
        ),
    ],
)
def test_the_1_to_5_ladder(case, answers, studies, expected) -> None:
    result = compute_rating(facts(LADDER_1_TO_5, answers, studies), 1, 5)
    assert result.level == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"1.1": N, "2.1": N, "3.1": N}, 0),
        ({"1.1": None, "2.1": None, "3.1": None, "A1": None}, 0),
        ({"2.1": N, "3.1": N}, 1),
        ({"3.1": P}, 2),
        ({"1.1": N}, 0),
        ({"A1": None}, 3),
        ({}, 3),
    ],
)
def test_the_old_0_to_3_scale(answers, expected) -> None:
    assert compute_rating(facts(LADDER_0_TO_3, answers), 0, 3).level == expected


@pytest.mark.parametrize("outcome", [Outcome.NO_EFFECT, Outcome.NEGATIVE_EFFECTS])
def test_an_outcome_off_the_ladder_replaces_the_level(outcome) -> None:
    result = compute_rating(facts(LADDER_1_TO_5, {}, ALL_STUDIES), 1, 5, outcome=outcome)
    assert (result.level, result.outcome) == (None, outcome)


def test_the_reason_names_the_missing_study() -> None:
    result = compute_rating(facts(LADDER_1_TO_5, {}, UP_TO_3), 1, 5)
    assert result.reasons[0] == "Level 4 is not reached:"
    assert "4.1" in result.reasons[1]
    assert "Nordic RCT or quasi-experimental" in result.reasons[1]


def test_the_reasons_name_every_unmet_criterion_of_the_next_level() -> None:
    result = compute_rating(facts(LADDER_1_TO_5, {"2.1": P, "2.2": None}), 1, 5)
    assert result.reasons[1:] == (
        "criterion 2.1 is only partly met",
        "criterion 2.2 is not answered",
    )


def test_the_explanation_joins_the_reasons_into_one_sentence() -> None:
    result = compute_rating(facts(LADDER_1_TO_5, {"2.1": P, "2.2": N}), 1, 5)
    assert result.explanation == (
        "Level 2 is not reached: criterion 2.1 is only partly met; criterion 2.2 is not met."
    )


def test_the_top_level_has_no_reasons() -> None:
    studies = {**UP_TO_4, "5.1": (FI_RCT_GOOD, FI_RCT_GOOD)}
    assert compute_rating(facts(LADDER_1_TO_5, {}, studies), 1, 5).reasons == ()


def test_a_level_without_criteria_in_the_manual_cannot_be_reached() -> None:
    gappy_manual = [("1.1", 1, Requirement.NONE), ("3.1", 3, Requirement.NONE)]
    result = compute_rating(facts(gappy_manual, {}), 1, 5)
    assert result.level == 1
    assert result.reasons[1] == "the manual has no criteria for this level"


NORDIC_RCT = StudyFacts(country="FI", design="rct", quality="good")
FOREIGN_REVIEW = StudyFacts(country="US", design="review", quality="good")
QUALITATIVE = StudyFacts(country="FI", design="qualitative", quality="good")


@pytest.mark.parametrize(
    ("answer", "requirement", "studies", "counted", "discounted"),
    [
        (M, Requirement.NONE, (), M, False),
        (M, Requirement.EFFECT_STUDY, (), N, True),
        (M, Requirement.EFFECT_STUDY, (FOREIGN_REVIEW,), M, False),
        (M, Requirement.NORDIC_CONTROLLED, (FOREIGN_REVIEW,), N, True),
        (M, Requirement.TWO_NORDIC_CONTROLLED, (NORDIC_RCT, FOREIGN_REVIEW), M, False),
        (P, Requirement.EFFECT_STUDY, (), P, False),
        (N, Requirement.EFFECT_STUDY, (), N, False),
        (None, Requirement.EFFECT_STUDY, (), None, False),
    ],
)
def test_a_met_is_counted_as_the_rule_makes_it(
    answer, requirement, studies, counted, discounted
) -> None:
    facts = CriterionFacts("3.1", 3, answer, requirement, studies)
    result, note = counted_answer(facts)
    assert (result, note is not None) == (counted, discounted)


@pytest.mark.parametrize(
    ("outcome", "reason", "studies", "missing"),
    [
        (Outcome.NONE, "", (), 0),
        (Outcome.NO_EFFECT, "No difference.", (NORDIC_RCT,), 0),
        (Outcome.NEGATIVE_EFFECTS, "Harms.", (FOREIGN_REVIEW,), 0),
        (Outcome.NO_EFFECT, "No difference.", (QUALITATIVE,), 1),
        (Outcome.NO_EFFECT, "", (NORDIC_RCT,), 1),
        (Outcome.NEGATIVE_EFFECTS, "  ", (), 2),
    ],
)
def test_an_outcome_off_the_ladder_needs_a_reason_and_an_effect_study(
    outcome, reason, studies, missing
) -> None:
    assert len(outcome_gaps(outcome, reason, studies)) == missing
