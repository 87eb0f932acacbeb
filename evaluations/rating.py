"""The rule that turns an evaluation's criterion answers into a level on its rating scale.

A pure function over plain data, so that every rule can be tested from a table. The ladder is
cumulative: a level is reached only when every criterion of that level and of all lower levels
is met, and the studies linked to a criterion satisfy its study requirement. "No effect" and
"Negative effects", recorded by the editor with a reason, replace the ladder level.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NORDIC_COUNTRIES = frozenset({"FI", "SE", "NO", "DK", "IS"})
CONTROLLED_DESIGNS = frozenset({"rct", "cluster_rct", "quasi"})
EFFECT_DESIGNS = CONTROLLED_DESIGNS | {"pre_post"}
REVIEW_DESIGN = "review"


# The enumerations the rule reads are the ones the models store (evaluations.models uses
# these choices), so a value cannot mean one thing here and another in the database.


class Answer(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    PARTLY = "partly", gettext_lazy("Partly met")
    NOT_MET = "not_met", gettext_lazy("Not met")


class Requirement(models.TextChoices):
    """Study requirements a criterion can carry, checked against the studies linked to it."""

    NONE = "", gettext_lazy("No study requirement")
    # one Nordic effect study or an international review
    EFFECT_STUDY = "effect_study", gettext_lazy("A Nordic effect study or a systematic review")
    # one Nordic RCT or quasi-experiment of satisfactory quality or better
    NORDIC_CONTROLLED = "nordic_controlled", gettext_lazy("A Nordic controlled study")
    # two such of good quality, or one and a review
    TWO_NORDIC_CONTROLLED = (
        "two_nordic_controlled",
        gettext_lazy("Two Nordic controlled studies, or one and a systematic review"),
    )


class Outcome(models.TextChoices):
    NONE = "", gettext_lazy("On the ladder")
    NO_EFFECT = "no_effect", gettext_lazy("No effect")
    NEGATIVE_EFFECTS = "negative_effects", gettext_lazy("Negative effects")


class Quality(models.TextChoices):
    GOOD = "good", gettext_lazy("Good")
    SATISFACTORY = "satisfactory", gettext_lazy("Satisfactory")
    WEAK = "weak", gettext_lazy("Weak")


@dataclass(frozen=True)
class StudyFacts:
    country: str
    design: str
    quality: str

    @property
    def is_nordic(self) -> bool:
        return self.country.upper() in NORDIC_COUNTRIES

    @property
    def is_review(self) -> bool:
        return self.design == REVIEW_DESIGN

    @property
    def is_nordic_effect_study(self) -> bool:
        return self.is_nordic and self.design in EFFECT_DESIGNS

    @property
    def is_nordic_controlled(self) -> bool:
        return self.is_nordic and self.design in CONTROLLED_DESIGNS

    @property
    def is_effectiveness_study(self) -> bool:
        """A study of effects, from anywhere: what "No effect" or "Negative effects" rests on."""
        return self.is_review or self.design in EFFECT_DESIGNS

    def at_least(self, quality: str) -> bool:
        accepted = (
            {Quality.GOOD} if quality == Quality.GOOD else {Quality.GOOD, Quality.SATISFACTORY}
        )
        return self.quality in accepted


@dataclass(frozen=True)
class CriterionFacts:
    code: str
    level: int
    answer: str | None
    requirement: str = Requirement.NONE
    studies: tuple[StudyFacts, ...] = ()


@dataclass(frozen=True)
class RatingResult:
    """The level reached (None when not even the lowest one), or an outcome off the ladder.

    `reasons` say why the next level up was not reached, one sentence per unmet criterion.
    """

    level: int | None
    outcome: str = Outcome.NONE
    reasons: tuple[str, ...] = field(default=())

    @property
    def explanation(self) -> str:
        """The reasons as one sentence: "Level 4 is not reached: criterion 4.1 …; …"."""
        if not self.reasons:
            return ""
        heading, *gaps = self.reasons
        return f"{heading} {'; '.join(gaps)}."


def requirement_gap(requirement: str, studies: Sequence[StudyFacts]) -> str | None:
    """Why the linked studies fall short of the requirement, or None when they satisfy it."""
    if requirement == Requirement.EFFECT_STUDY:
        candidates = [s for s in studies if s.is_review or s.is_nordic_effect_study]
        if any(s.at_least(Quality.SATISFACTORY) for s in candidates):
            return None
        return _("needs a Nordic effect study or an international systematic review")
    if requirement == Requirement.NORDIC_CONTROLLED:
        if any(s.is_nordic_controlled and s.at_least(Quality.SATISFACTORY) for s in studies):
            return None
        return _("needs a Nordic RCT or quasi-experimental study of satisfactory quality")
    if requirement == Requirement.TWO_NORDIC_CONTROLLED:
        strong = [s for s in studies if s.is_nordic_controlled and s.at_least(Quality.GOOD)]
        reviews = [s for s in studies if s.is_review and s.at_least(Quality.GOOD)]
        if len(strong) >= 2 or (strong and reviews):
            return None
        return _(
            "needs two Nordic controlled studies of good quality, or one and a systematic review"
        )
    return None


def criterion_gap(criterion: CriterionFacts) -> str | None:
    """Why this criterion is not met, or None when it is."""
    if criterion.answer is None:
        return _("criterion %(code)s is not answered") % {"code": criterion.code}
    if criterion.answer == Answer.PARTLY:
        return _("criterion %(code)s is only partly met") % {"code": criterion.code}
    if criterion.answer != Answer.MET:
        return _("criterion %(code)s is not met") % {"code": criterion.code}
    gap = requirement_gap(criterion.requirement, criterion.studies)
    if gap:
        return _("criterion %(code)s %(gap)s; none is linked") % {
            "code": criterion.code,
            "gap": gap,
        }
    return None


def counted_answer(criterion: CriterionFacts) -> tuple[str | None, str | None]:
    """The answer as the rule counts it, and why that differs from the evaluators' answer.

    A "met" whose linked studies do not satisfy the criterion's study requirement counts as
    not met; every surface shows it so, with the reason, never as "met".
    """
    if criterion.answer != Answer.MET:
        return criterion.answer, None
    gap = requirement_gap(criterion.requirement, criterion.studies)
    if gap is None:
        return criterion.answer, None
    return Answer.NOT_MET, gap


def outcome_gaps(outcome: str, reason: str, studies: Sequence[StudyFacts]) -> list[str]:
    """What an outcome off the ladder still lacks: a reason, and an included effect study."""
    if outcome not in (Outcome.NO_EFFECT, Outcome.NEGATIVE_EFFECTS):
        return []
    gaps = []
    if not reason.strip():
        gaps.append(_("the reason for the outcome"))
    if not any(study.is_effectiveness_study for study in studies):
        gaps.append(
            _(
                "at least one included effectiveness study (a controlled study, a before-and-"
                "after study or a systematic review)"
            )
        )
    return gaps


def compute_rating(
    criteria: Sequence[CriterionFacts],
    lowest_level: int,
    highest_level: int,
    outcome: str = Outcome.NONE,
) -> RatingResult:
    """The level the answers give on a scale from `lowest_level` to `highest_level`.

    On the 1–5 scale `lowest_level` is 1 and a method that meets no level gets None; on the
    old 0–3 scale it is 0, the level a method has before any evidence criterion is met.
    A level for which the manual has no criteria cannot be reached.
    """
    if outcome in (Outcome.NO_EFFECT, Outcome.NEGATIVE_EFFECTS):
        return RatingResult(level=None, outcome=outcome)
    reached: int | None = 0 if lowest_level == 0 else None
    for level in range(max(lowest_level, 1), highest_level + 1):
        of_level = [criterion for criterion in criteria if criterion.level == level]
        gaps = [gap for criterion in of_level if (gap := criterion_gap(criterion)) is not None]
        if not of_level:
            gaps = [_("the manual has no criteria for this level")]
        if gaps:
            reasons = [_("Level %(level)s is not reached:") % {"level": level}, *gaps]
            return RatingResult(level=reached, reasons=tuple(reasons))
        reached = level
    return RatingResult(level=reached)
