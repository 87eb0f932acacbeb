"""Implementation: where the registry's methods are in use, how well each region is equipped to
deliver them, the service models that carry them, and national dissemination decisions.

Every figure is an aggregate of a region's services: never a person or a client. This app
points at the registry (methods.Method, methods.Region); the registry never points back.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lib.links import WebLinkField
from lib.page_paths import page_path
from methods.models import MAX_AGE, Method, Region, Term, Vocabulary

EARLIEST_YEAR = 1990


class AdoptionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PILOTING = "piloting", _("Piloting")
    IN_USE = "in_use", _("In use")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class AgeGroup(models.TextChoices):
    """The columns of a region's stepped-care menu and of a service model's method list."""

    CHILDREN = "children", _("Children (0–12)")
    YOUNG_PEOPLE = "young_people", _("Young people (13–17)")
    YOUNG_ADULTS = "young_adults", _("Young adults (18–22)")
    FAMILIES = "families", _("Families")


# The ages each age group covers, for placing a method by its age range.
AGE_GROUP_AGES = {
    AgeGroup.CHILDREN: (0, 12),
    AgeGroup.YOUNG_PEOPLE: (13, 17),
    AgeGroup.YOUNG_ADULTS: (18, 22),
}


def check_year(value: int | None, field: str) -> dict[str, str]:
    """A start or end year must be a real one: not before 1990 and not in the future."""
    if value is None:
        return {}
    if value < EARLIEST_YEAR:
        return {field: _("The year cannot be before %(year)s.") % {"year": EARLIEST_YEAR}}
    if value > date.today().year:
        return {field: _("The year cannot be in the future.")}
    return {}


class AdoptionQuerySet(models.QuerySet):
    def public(self) -> "AdoptionQuerySet":
        """Adoptions of published methods: the only ones any public page or API shows."""
        return self.filter(method__is_published=True)

    def in_use(self) -> "AdoptionQuerySet":
        return self.filter(status=AdoptionStatus.IN_USE)


class Adoption(models.Model):
    """One method in one region: whether and how the region delivers it."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("region")
    )
    method = models.ForeignKey(
        Method, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("method")
    )
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)
    care_level = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.CARE_LEVEL},
        verbose_name=_("care level in the region's stepped care"),
    )
    service_settings = models.ManyToManyField(
        Term,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.SETTING},
        verbose_name=_("services where it is delivered"),
    )
    age_min = models.PositiveSmallIntegerField(
        _("youngest age served"), null=True, blank=True, help_text=_("Empty: the method's own.")
    )
    age_max = models.PositiveSmallIntegerField(
        _("oldest age served"), null=True, blank=True, help_text=_("Empty: the method's own.")
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source_url = WebLinkField(_("source"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative figures"),
        default=False,
        help_text=_("Demo data: the page marks these figures as illustrative."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["region__name", "method__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "method"],
                name="adoption_once_per_region",
                violation_error_message=_("This region already has an adoption of this method."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True)
                | Q(start_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="adoption_ends_after_start",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_min__lte=F("age_max")),
                name="adoption_age_range_ordered",
                violation_error_message=_("The oldest age cannot be below the youngest."),
            ),
        ]
        indexes = [
            # The method list's "used in region" filter and the overview count by region.
            models.Index(fields=["region", "status"], name="adoption_region_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.method} – {self.region}"

    def clean(self) -> None:
        errors = {
            **check_year(self.start_year, "start_year"),
            **check_year(self.end_year, "end_year"),
        }
        if self.age_max is not None and self.age_max > MAX_AGE:
            errors["age_max"] = _("The oldest age can be at most %(age)s.") % {"age": MAX_AGE}
        if errors:
            raise ValidationError(errors)

    @property
    def ages(self) -> tuple[int, int]:
        """The ages served here: the region's own range, or the method's."""
        method = self.method
        return (
            self.age_min if self.age_min is not None else method.age_min,
            self.age_max if self.age_max is not None else method.age_max,
        )

    def age_groups(self) -> list[str]:
        low, high = self.ages
        return [group for group, (a, b) in AGE_GROUP_AGES.items() if low <= b and high >= a]


class TrainingRecord(models.Model):
    """A region's training and delivery figures for one adopted method in one year."""

    adoption = models.ForeignKey(
        Adoption,
        on_delete=models.CASCADE,
        related_name="training_records",
        verbose_name=_("adoption"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    trained = models.PositiveIntegerField(_("professionals trained"))
    eligible = models.PositiveIntegerField(
        _("professionals who should be trained"),
        null=True,
        blank=True,
        help_text=_("The eligible staff; coverage is trained ÷ eligible."),
    )
    target_percent = models.PositiveSmallIntegerField(
        _("target share trained (%)"), null=True, blank=True
    )
    supervisors = models.PositiveIntegerField(
        _("certified supervisors and trainers"), null=True, blank=True
    )
    episodes = models.PositiveIntegerField(
        _("method episodes delivered"),
        null=True,
        blank=True,
        help_text=_("Courses, groups or client processes that year."),
    )
    source_url = WebLinkField(_("source"), blank=True)
    is_illustrative = models.BooleanField(_("illustrative figures"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["adoption", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "year"],
                name="training_record_once_per_year",
                violation_error_message=_("This adoption already has figures for this year."),
            ),
            models.CheckConstraint(
                condition=Q(eligible__isnull=True) | Q(trained__lte=F("eligible")),
                name="training_trained_within_eligible",
                violation_error_message=_(
                    "More professionals cannot be trained than should be trained."
                ),
            ),
            models.CheckConstraint(
                condition=Q(target_percent__isnull=True) | Q(target_percent__lte=100),
                name="training_target_is_a_share",
                violation_error_message=_("The target is a share from 0 to 100 %."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.adoption} {self.year}"

    def clean(self) -> None:
        errors = check_year(self.year, "year")
        if self.eligible is not None and self.trained is not None and self.trained > self.eligible:
            errors["trained"] = _(
                "More professionals cannot be trained than should be trained (%(eligible)s)."
            ) % {"eligible": self.eligible}
        if self.target_percent is not None and self.target_percent > 100:
            errors["target_percent"] = _("The target is a share from 0 to 100 %.")
        if errors:
            raise ValidationError(errors)

    @property
    def coverage_percent(self) -> int | None:
        """Trained ÷ eligible as a whole percentage, or None when the eligible staff is unknown."""
        if not self.eligible:
            return None
        return round(100 * self.trained / self.eligible)

    @property
    def target_reached(self) -> bool | None:
        if self.coverage_percent is None or self.target_percent is None:
            return None
        return self.coverage_percent >= self.target_percent


class ModelLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    LOCAL = "local", _("Local")


class ModelStage(models.TextChoices):
    DEVELOPING = "developing", _("Being developed")
    READY = "ready", _("Ready")


class ServiceModelQuerySet(models.QuerySet):
    def published(self) -> "ServiceModelQuerySet":
        return self.filter(is_published=True)


class ServiceModel(models.Model):
    """A regional or local model (toimintamalli) that combines methods and services."""

    page_view = "service_model"  # the name of its public page's view (get_absolute_url)

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    is_published = models.BooleanField(_("published"), default=True)
    name = models.CharField(_("name"), max_length=300)
    summary = models.TextField(_("short description"))
    level = models.CharField(_("level"), max_length=20, choices=ModelLevel.choices)
    stage = models.CharField(_("development stage"), max_length=20, choices=ModelStage.choices)
    regions = models.ManyToManyField(
        Region, blank=True, related_name="service_models", verbose_name=_("regions")
    )
    topics = models.ManyToManyField(
        Term,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.TOPIC},
        verbose_name=_("topics"),
    )
    funders = models.TextField(_("funders"), blank=True)
    basic_idea = models.TextField(_("the basic idea"), blank=True)
    environment = models.TextField(_("operating environment"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    conditions = models.TextField(_("conditions for adoption"), blank=True)
    results = models.TextField(_("results in brief"), blank=True)
    tips = models.TextField(_("tips for adopters"), blank=True)
    record_created = models.DateField(_("record created"), null=True, blank=True)
    record_updated = models.DateField(_("record last changed"), null=True, blank=True)
    source_url = WebLinkField(_("original record"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    objects = ServiceModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("service model")
        verbose_name_plural = _("service models")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_path(self.page_view, self.slug)


class ServiceModelPart(models.Model):
    """One part of a service model, e.g. "trainings" of an intervention coordination."""

    service_model = models.ForeignKey(
        ServiceModel,
        on_delete=models.CASCADE,
        related_name="parts",
        verbose_name=_("service model"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("part of the model")
        verbose_name_plural = _("parts of the model")
        ordering = ["service_model", "position"]

    def __str__(self) -> str:
        return self.name


class ServiceModelMethod(models.Model):
    """A method a service model includes, for an age group at a care level."""

    service_model = models.ForeignKey(
        ServiceModel,
        on_delete=models.CASCADE,
        related_name="method_entries",
        verbose_name=_("service model"),
    )
    method = models.ForeignKey(
        Method,
        on_delete=models.PROTECT,
        related_name="service_model_entries",
        verbose_name=_("method"),
    )
    age_group = models.CharField(_("age group"), max_length=20, choices=AgeGroup.choices)
    care_level = models.ForeignKey(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.CARE_LEVEL},
        verbose_name=_("care level"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("method of the model")
        verbose_name_plural = _("methods of the model")
        ordering = ["service_model", "age_group", "method__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_model", "method", "age_group"],
                name="service_model_method_once_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} ({self.get_age_group_display()})"


class SelectionDecision(models.TextChoices):
    SELECTED = "selected", _("Chosen for national dissemination")
    NOT_SELECTED = "not_selected", _("Not chosen")


class NationalSelection(models.Model):
    """A national decision on disseminating a method. Decisions are history: a new decision is
    a new row, and an old one is never changed."""

    method = models.ForeignKey(
        Method,
        on_delete=models.PROTECT,
        related_name="national_selections",
        verbose_name=_("method"),
    )
    decided_on = models.DateField(_("decided on"))
    deciding_body = models.CharField(_("deciding body"), max_length=300)
    decision = models.CharField(_("decision"), max_length=20, choices=SelectionDecision.choices)
    evidence_based = models.BooleanField(_("evidence-based"))
    evidence_reason = models.TextField(_("reasoning: evidence"))
    answers_need = models.BooleanField(_("answers an identified need"))
    need_reason = models.TextField(_("reasoning: need"))
    suits_target_group = models.BooleanField(_("suits the target group"))
    target_group_reason = models.TextField(_("reasoning: target group"))
    source_url = WebLinkField(_("source"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("national selection decision")
        verbose_name_plural = _("national selection decisions")
        ordering = ["method", "-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.method}: {self.get_decision_display()} ({self.decided_on:%d.%m.%Y})"

    def clean(self) -> None:
        if self.decided_on and self.decided_on > date.today():
            raise ValidationError({"decided_on": _("A decision cannot be dated in the future.")})


class RegionalCoordinator(models.Model):
    """A user who keeps the implementation records of one or more regions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coordinator",
        verbose_name=_("user"),
    )
    regions = models.ManyToManyField(Region, related_name="+", verbose_name=_("regions"))

    class Meta:
        verbose_name = _("regional coordinator")
        verbose_name_plural = _("regional coordinators")

    def __str__(self) -> str:
        return str(self.user)
