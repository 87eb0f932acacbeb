"""The criteria manual and the evaluations made with it.

The manual is data: a new version is new rows, not new code, and an evaluation keeps the
manual (and so the scale) it was made with. The level of an evaluation is computed from its
answers by evaluations.rating; it is stored only when the evaluation is published.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q, Value
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from lib.dbcompat import IdsAsText
from lib.languages import MASTER_LANGUAGE
from lib.links import WebLinkField
from methods.models import Method, RatingScale, ScaleLevel, Term, Vocabulary

from .rating import (
    Answer,
    CriterionFacts,
    Outcome,
    Quality,
    RatingResult,
    Requirement,
    StudyFacts,
    compute_rating,
    counted_answer,
)


class Area(models.TextChoices):
    DESCRIPTION = "description", _("Method description")
    THEORY = "theory", _("Theoretical basis")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    IMPLEMENTATION = "implementation", _("Implementation readiness")


OUTCOME_LEVEL_KEYS = {Outcome.NO_EFFECT: "no-effect", Outcome.NEGATIVE_EFFECTS: "negative-effects"}


class Manual(models.Model):
    version = models.CharField(_("version"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    scale = models.ForeignKey(
        RatingScale, on_delete=models.PROTECT, related_name="+", verbose_name=_("rating scale")
    )
    valid_from = models.DateField(_("valid from"))

    class Meta:
        verbose_name = _("criteria manual")
        verbose_name_plural = _("criteria manuals")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    manual = models.ForeignKey(
        Manual, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("manual")
    )
    code = models.CharField(_("code"), max_length=10)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    level = models.PositiveSmallIntegerField(
        _("level"), help_text=_("The ladder level this criterion belongs to; 0 for none.")
    )
    requirement = models.CharField(
        _("study requirement"), max_length=30, choices=Requirement.choices, blank=True
    )
    text = models.TextField(_("criterion"))
    guidance = models.TextField(_("guidance for evaluators"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["manual", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["manual", "code"], name="criterion_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


class Study(models.Model):
    """A study entered once and linked to the evaluations that use it."""

    citation = models.TextField(_("citation"))
    # Null only when no source states the year (e.g. an undated evidence summary).
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    url = WebLinkField(_("link"), blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_(
            "Two-letter ISO code, e.g. FI, SE, NO; empty for a review or a multinational trial."
        ),
    )
    design = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.STUDY_DESIGN},
        verbose_name=_("design"),
    )
    setting = models.CharField(_("setting"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)
    follow_up_months = models.PositiveSmallIntegerField(
        _("follow-up (months)"), null=True, blank=True
    )
    focus = models.ManyToManyField(
        Term,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.STUDY_FOCUS},
        verbose_name=_("focus"),
    )
    quality = models.CharField(_("quality"), max_length=20, choices=Quality.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        ordering = ["-year", "citation"]

    def __str__(self) -> str:
        return f"{self.citation[:80]} ({self.year or '–'})"

    def public_record(self) -> dict:
        """The study as open data (the API and the registry export) show it."""
        return {
            "citation": self.citation,
            "year": self.year,
            "doi": self.doi,
            "url": self.url,
            "country": self.country,
            "design": self.design.code,
            "setting": self.setting,
            "participants": self.participants,
            "follow_up_months": self.follow_up_months,
            "focus": sorted(term.code for term in self.focus.all()),
            "quality": self.quality,
        }

    def facts(self) -> StudyFacts:
        return StudyFacts(country=self.country, design=self.design.code, quality=self.quality)


class EvaluationState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    IN_EVALUATION = "in_evaluation", _("In evaluation")
    PEER_REVIEW = "peer_review", _("In peer review")
    BOARD_DECISION = "board_decision", _("Awaiting the board's decision")
    PUBLISHED = "published", _("Published")


class EvaluationQuerySet(models.QuerySet):
    def published(self) -> "EvaluationQuerySet":
        """Published evaluations, including those of methods not (or no longer) public."""
        return self.filter(state=EvaluationState.PUBLISHED)

    def public(self) -> "EvaluationQuerySet":
        """What the public may see: published evaluations of published methods."""
        return self.published().filter(method__is_published=True)

    def under_way(self) -> "EvaluationQuerySet":
        """Queued or in progress: at most one per method (a constraint below)."""
        return self.exclude(state=EvaluationState.PUBLISHED)

    def with_answers(self) -> "EvaluationQuerySet":
        """With the answers, the studies they rest on and the screened studies, as
        Evaluation.counted_answers reads them, in a fixed number of queries."""
        return self.prefetch_related(*Evaluation.answer_prefetches())


class Evaluation(models.Model):
    """One evaluation of one method: a version of its rating, made with one manual."""

    method = models.ForeignKey(
        Method, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("method")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    manual = models.ForeignKey(
        Manual, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("manual")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=EvaluationState.choices, default=EvaluationState.QUEUED
    )
    review_type = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.REVIEW_TYPE},
        verbose_name=_("review type"),
    )
    summary = models.TextField(_("summary of the evaluation"), blank=True)
    outcome = models.CharField(
        _("outcome off the ladder"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_reason = models.TextField(_("reason for the outcome"), blank=True)
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="evaluations_to_evaluate",
        verbose_name=_("evaluators"),
    )
    peer_reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="evaluations_to_review",
        verbose_name=_("peer reviewers"),
    )
    show_names = models.BooleanField(
        _("show evaluators' names publicly"),
        default=True,
        help_text=_("Evaluators and peer reviewers may choose to stay anonymous."),
    )
    change_note = models.TextField(
        _("what changed in this version"),
        blank=True,
        help_text=_("For an update: what is new compared with the previous version."),
    )
    board_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by the board member"),
    )
    board_approved_on = models.DateField(
        _("approved by the board"), null=True, blank=True, editable=False
    )
    # A fingerprint per part of what the board approved (evaluations.workflow.APPROVED_PARTS):
    # a change to any part after the approval withdraws it.
    board_approved_content = models.JSONField(default=dict, blank=True, editable=False)
    rests_on_unlisted_studies = models.BooleanField(
        _("rests on studies not listed here"),
        default=False,
        help_text=_(
            "The published rating also rests on studies that are not entered in this registry; "
            "the level shown is what the listed studies support."
        ),
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    level = models.ForeignKey(
        ScaleLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("level"),
    )
    studies = models.ManyToManyField(
        Study, through="EvaluationStudy", related_name="evaluations", verbose_name=_("studies")
    )
    # Optimistic locking: every save increments it, and a save from a stale form is refused.
    lock_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["method", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "version"],
                name="evaluation_unique_version",
                violation_error_message=_("This method already has an evaluation of this version."),
            ),
            # An update is a new version, started only when no other is under way; two
            # editors starting one at the same moment must not get two.
            models.UniqueConstraint(
                fields=["method"],
                condition=~Q(state="published"),
                name="evaluation_one_under_way_per_method",
                violation_error_message=_("An evaluation of this method is already under way."),
            ),
            # The date may be unknown for ratings imported from older records.
            models.CheckConstraint(
                condition=~Q(state="published") | Q(level__isnull=False),
                name="evaluation_published_has_level",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | ~Q(outcome_reason=""),
                name="evaluation_outcome_has_reason",
                violation_error_message=_(
                    "Give the reason for recording “No effect” or “Negative effects”."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} – {self.version}"

    @property
    def is_published(self) -> bool:
        return self.state == EvaluationState.PUBLISHED

    # What the public method page reads through Method.page_evaluations.

    @staticmethod
    def answer_prefetches() -> list[Prefetch]:
        """The answers, each with the ids of the studies it rests on (CriterionAnswer.
        cited_study_ids), and the screened studies: two queries for any number of answers."""
        answers = (
            CriterionAnswer.objects.select_related("criterion")
            .annotate(cited=IdsAsText("studies__id"))
            .order_by(*ANSWER_ORDER)
        )
        links = EvaluationStudy.objects.select_related("study__design").order_by(
            "-study__year", "study__citation"
        )
        return [
            Prefetch("answers", queryset=answers),
            Prefetch("evaluationstudy_set", queryset=links),
        ]

    def answers_in_manual_order(self) -> models.QuerySet["CriterionAnswer"]:
        return self.answers.select_related("criterion").order_by(
            "criterion__position", "criterion__code"
        )

    def included_studies(self) -> list["Study"]:
        """Newest first; from the prefetched screened studies (answer_prefetches)."""
        links = sorted(
            (link for link in self.evaluationstudy_set.all() if link.included),
            key=lambda link: (-(link.study.year or 0), link.study.citation),
        )
        return [link.study for link in links]

    def counted_answers(self) -> list["CountedAnswer"]:
        """Every answer as the rule counts it, in the manual's order.

        Works from prefetched answers (answers__criterion, answers__studies) and screened
        studies (evaluationstudy_set__study__design), so it adds no query per answer.
        """
        included = {
            link.study_id: link.study.facts()
            for link in self.evaluationstudy_set.all()
            if link.included
        }
        rows = []
        for answer in sorted(
            self.answers.all(), key=lambda a: (a.criterion.position, a.criterion.code)
        ):
            criterion = answer.criterion
            facts = CriterionFacts(
                code=criterion.code,
                level=criterion.level,
                answer=answer.answer or None,
                requirement=criterion.requirement,
                studies=tuple(
                    included[study] for study in answer.cited_study_ids() if study in included
                ),
            )
            counted, note = counted_answer(facts)
            rows.append(CountedAnswer(answer=answer, counted=counted, note=note))
        return rows

    def public_names(self) -> dict[str, list[str]]:
        """Evaluators' and peer reviewers' names, or nothing when they chose anonymity.

        From the prefetched people when the records read them, else in one query of both.
        """
        if not self.show_names:
            return {}
        prefetched = getattr(self, "_prefetched_objects_cache", {})
        if "evaluators" in prefetched and "peer_reviewers" in prefetched:
            return {
                "evaluators": [str(user) for user in self.evaluators.all()],
                "peer_reviewers": [str(user) for user in self.peer_reviewers.all()],
            }
        users = self.evaluators.model
        people = (
            users.objects.filter(evaluations_to_evaluate=self)
            .annotate(role=Value("evaluators"))
            .union(
                users.objects.filter(evaluations_to_review=self).annotate(
                    role=Value("peer_reviewers")
                ),
                all=True,
            )
            .order_by("role", "pk")
        )
        names: dict[str, list[str]] = {"evaluators": [], "peer_reviewers": []}
        for person in people:
            names[person.role].append(str(person))
        return names

    # What the comparison of methods reads; both work from prefetched answers and studies
    # (answers__criterion, evaluationstudy_set__study__design), so comparing four methods
    # costs the same number of queries as comparing two.

    def criteria_met_by_area(self) -> list[tuple[str, int, int]]:
        """(area, criteria met, criteria of the area) in the order of the manual's areas."""
        counts = {area: [0, 0] for area in Area.values}
        for answer in self.answers.all():
            tally = counts[answer.criterion.area]
            tally[0] += answer.answer == Answer.MET
            tally[1] += 1
        return [(Area(area).label, met, total) for area, (met, total) in counts.items() if total]

    def study_profile(self) -> dict:
        """The included studies in brief: how many, their designs, how many are Nordic."""
        studies = [link.study for link in self.evaluationstudy_set.all() if link.included]
        return {
            "count": len(studies),
            "designs": sorted({study.design.label for study in studies}),
            "nordic": sum(study.facts().is_nordic for study in studies),
        }

    def rating_result(self) -> RatingResult:
        """The level the current answers give, with the reasons a higher level is not reached."""
        included = set(
            self.evaluationstudy_set.filter(included=True).values_list("study_id", flat=True)
        )
        answers = {
            answer.criterion_id: answer
            for answer in self.answers.prefetch_related("studies__design")
        }
        facts = []
        for criterion in self.manual.criteria.all():
            answer = answers.get(criterion.pk)
            studies = (
                [s.facts() for s in answer.studies.all() if s.pk in included] if answer else []
            )
            facts.append(
                CriterionFacts(
                    code=criterion.code,
                    level=criterion.level,
                    answer=(answer.answer or None) if answer else None,
                    requirement=criterion.requirement,
                    studies=tuple(studies),
                )
            )
        ladder = [
            level.value for level in self.manual.scale.levels.all() if level.value is not None
        ]
        return compute_rating(
            facts, lowest_level=min(ladder), highest_level=max(ladder), outcome=self.outcome
        )

    def scale_level(self, result: RatingResult) -> ScaleLevel | None:
        """The scale level a rating result stands for on this evaluation's scale."""
        levels = ScaleLevel.objects.filter(scale=self.manual.scale)
        if result.outcome:
            return levels.filter(key=OUTCOME_LEVEL_KEYS[result.outcome]).first()
        if result.level is None:
            return None
        return levels.get(value=result.level)


ANSWER_ORDER = ("criterion__position", "criterion__code")


@dataclass(frozen=True)
class CountedAnswer:
    """A criterion answer as the rule counts it: `counted` differs from the evaluators' answer
    only for a "met" whose studies fall short, and `note` then says why."""

    answer: "CriterionAnswer"
    counted: str | None
    note: str | None

    @property
    def criterion(self) -> Criterion:
        return self.answer.criterion

    @property
    def label(self) -> str:
        return str(Answer(self.counted).label) if self.counted else str(_("Not answered"))

    @property
    def is_discounted(self) -> bool:
        return self.note is not None


class EvaluationStudy(models.Model):
    """A study screened for an evaluation: included or excluded, with the reason."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, verbose_name=_("evaluation")
    )
    study = models.ForeignKey(Study, on_delete=models.PROTECT, verbose_name=_("study"))
    included = models.BooleanField(_("included"), default=True)
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("screened study")
        verbose_name_plural = _("screened studies")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "study"], name="evaluation_study_once"),
        ]

    def __str__(self) -> str:
        return str(self.study)


class CriterionAnswer(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="answers", verbose_name=_("evaluation")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    studies = models.ManyToManyField(
        Study, blank=True, related_name="+", verbose_name=_("studies it rests on")
    )
    # History: registered in apps.py, after modeltranslation has added the justification's
    # language columns.

    class Meta:
        verbose_name = _("criterion answer")
        verbose_name_plural = _("criterion answers")
        ordering = ["criterion__position", "criterion__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="answer_once_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.get_answer_display() or '–'}"

    def cited_study_ids(self) -> list[int]:
        """The ids of the studies this answer rests on: from the `cited` of
        Evaluation.answer_prefetches when the answer was read so, else from the relation."""
        if hasattr(self, "cited"):
            return [int(study) for study in self.cited.split(",")] if self.cited else []
        return [study.pk for study in self.studies.all()]


class EvaluationComment(models.Model):
    """A comment of the peer reviewers, the board or the editors on an evaluation: internal,
    never public. Returning an evaluation to the evaluators leaves its reason here too."""

    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="comments", verbose_name=_("evaluation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    is_return_reason = models.BooleanField(_("reason for returning"), default=False)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted for evaluation")
    REJECTED = "rejected", _("Not accepted")


# The five inclusion criteria, in the words the public proposal page and the editors'
# checklist both show: field prefix → what it asks. A method is taken for evaluation only
# when all five hold and neither exclusion applies.
INCLUSION_CRITERIA = {
    "aim": _(
        "The method promotes the mental health and psychosocial wellbeing of children and "
        "young people, or prevents or treats mental health problems early."
    ),
    "target_group": _(
        "Its target group is children under 18 in their everyday environments: home, school, "
        "leisure."
    ),
    "theory": _("It has a scientific theoretical basis."),
    "training": _("Training in it is available in Finland, in Finnish, Swedish or English."),
    "ethics": _("Its values are client-centred, participatory, empowering and dialogical."),
}
EXCLUSIONS = _(
    "Diagnostic assessment methods and measures, and therapies of unlimited duration, are not "
    "evaluated."
)


def _inclusion_field(prefix: str) -> models.BooleanField:
    return models.BooleanField(INCLUSION_CRITERIA[prefix], null=True, blank=True)


class Proposal(models.Model):
    """A proposal to evaluate a method, from anyone; editors check it, the board decides."""

    # The proposer follows the status at an address with this id; it is not guessable.
    public_id = models.UUIDField(
        _("public identifier"), unique=True, editable=False, default=uuid.uuid4
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    method_name = models.CharField(_("name of the method"), max_length=200)
    description = models.TextField(
        _("description"), help_text=_("What the method is, for whom, and what it aims at.")
    )
    website = WebLinkField(_("website"), blank=True)
    proposer_name = models.CharField(_("your name"), max_length=200)
    proposer_email = models.EmailField(_("your email"))
    proposer_organisation = models.CharField(_("your organisation"), max_length=200, blank=True)
    is_method_owner = models.BooleanField(_("I represent the method's owner"), default=False)
    language = models.CharField(
        _("language of the proposal"), max_length=2, default=MASTER_LANGUAGE
    )

    aim_met = _inclusion_field("aim")
    target_group_met = _inclusion_field("target_group")
    theory_met = _inclusion_field("theory")
    training_met = _inclusion_field("training")
    ethics_met = _inclusion_field("ethics")
    is_assessment_method = models.BooleanField(
        _("Excluded: a diagnostic assessment method or measure"), default=False
    )
    is_unlimited_therapy = models.BooleanField(
        _("Excluded: a therapy of unlimited duration"), default=False
    )
    checklist_notes = models.TextField(_("notes on the inclusion criteria"), blank=True)

    decision_note = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_on = models.DateField(_("decided"), null=True, blank=True, editable=False)
    method = models.ForeignKey(
        Method,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("method in the registry"),
        help_text=_(
            "Choose it if the method is already in the registry; otherwise one is created."
        ),
    )
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("evaluation"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.method_name

    def checklist(self) -> list[tuple[str, bool | None]]:
        return [
            (str(label), getattr(self, f"{prefix}_met"))
            for prefix, label in INCLUSION_CRITERIA.items()
        ]

    @property
    def meets_inclusion_criteria(self) -> bool:
        five_met = all(met is True for _label, met in self.checklist())
        return five_met and not (self.is_assessment_method or self.is_unlimited_therapy)


class OutgoingMail(models.Model):
    """A notification to one person, kept until it is sent (evaluations.outbox).

    It is written in the same transaction as the change it tells about, so a mail exists
    exactly when the change does; sending happens after the commit, and a failed send stays
    here for the `send_queued_mail` command to retry.
    """

    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=2, default=MASTER_LANGUAGE)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts to send"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["created_at", "pk"]
        indexes = [
            # The retry command's query: mail not sent yet, oldest first.
            models.Index(
                fields=["created_at"], condition=Q(sent_at=None), name="outgoing_mail_unsent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
