"""The method registry: methods, the vocabularies that classify them, and their ratings.

A method's rating is never typed in here. It points at a level of a rating scale and is set
only when an evaluation of the method is published (see the evaluations app).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from lib.languages import LANGUAGES
from lib.links import WebLinkField
from lib.page_paths import page_path

# The oldest age a method can be for: young adults are served up to 29 by some methods.
MAX_AGE = 29


class Vocabulary(models.TextChoices):
    TARGET_GROUP = "target_group", _("Target group")
    TOPIC = "topic", _("Topic")
    SETTING = "setting", _("Setting")
    DELIVERY = "delivery", _("Delivery format")
    CARE_LEVEL = "care_level", _("Care level")
    TRAINING_LANGUAGE = "training_language", _("Language of training")
    # The three below classify studies and reviews in the evaluations app.
    REVIEW_TYPE = "review_type", _("Review type")
    STUDY_DESIGN = "study_design", _("Study design")
    STUDY_FOCUS = "study_focus", _("Study focus")


class Term(models.Model):
    """One value of a controlled vocabulary, e.g. the topic "depression"."""

    vocabulary = models.CharField(_("vocabulary"), max_length=32, choices=Vocabulary.choices)
    code = models.SlugField(
        _("code"), max_length=64, help_text=_("Stable identifier used in URLs.")
    )
    label = models.CharField(_("label"), max_length=200)
    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        help_text=_(
            "Other words people search with for this term, one per line: clinical terms, "
            "everyday words and abbreviations. A search that names one finds the methods "
            "classified under this term."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Tells the search that its concepts changed (methods.search.registry).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("vocabulary term")
        verbose_name_plural = _("vocabulary terms")
        ordering = ["vocabulary", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.get_vocabulary_display()}: {self.label}"


class Organisation(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    website = WebLinkField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RegionKind(models.TextChoices):
    WELLBEING_COUNTY = "wellbeing_county", _("Wellbeing services county")
    CITY = "city", _("City")


class Region(models.Model):
    """A wellbeing services county, or the City of Helsinki, which organises its own services."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    name = models.CharField(_("name"), max_length=200)
    cooperation_area = models.CharField(
        _("university hospital cooperation area"), max_length=10, blank=True
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EvidenceGroup(models.TextChoices):
    """The three groups the English site uses to put both scales side by side."""

    EFFECTIVE = "effective", _("Effective")
    PROMISING = "promising", _("Promising")
    DESCRIBED = "described", _("Described and theoretically justified")


class RatingScale(models.Model):
    """A rating scale of a version of the criteria manual: the 1–5 ladder, or the old 0–3."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    max_value = models.PositiveSmallIntegerField(_("highest level"))
    used_from = models.DateField(_("in use from"), null=True, blank=True)
    used_until = models.DateField(_("in use until"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        ordering = ["-max_value"]

    def __str__(self) -> str:
        return self.name


class ScaleLevel(models.Model):
    """A level of a rating scale ("4/5") or an outcome off the ladder ("No effect")."""

    scale = models.ForeignKey(
        RatingScale, on_delete=models.PROTECT, related_name="levels", verbose_name=_("scale")
    )
    key = models.SlugField(_("key"), max_length=32, unique=True)
    value = models.PositiveSmallIntegerField(
        _("value"), null=True, blank=True, help_text=_("Empty for outcomes off the ladder.")
    )
    label = models.CharField(_("label"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    evidence_group = models.CharField(
        _("evidence group"), max_length=20, choices=EvidenceGroup.choices, blank=True
    )
    sort_order = models.SmallIntegerField(
        _("sort order"), help_text=_("Higher means stronger evidence when sorting by rating.")
    )

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["scale", "-sort_order"]

    def __str__(self) -> str:
        return f"{self.short_label} {self.label}".strip()

    @property
    def short_label(self) -> str:
        """ "4/5" for a ladder level; empty for an outcome off the ladder."""
        if self.value is None:
            return ""
        return f"{self.value}/{self.scale.max_value}"

    @property
    def is_off_ladder(self) -> bool:
        return self.value is None


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (28 February for a 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# The columns of a method card (methods.templatetags.registry.method_card) and of the
# list's fallback note, which looks at the translated name and summary.
CARD_FIELDS = (
    *(f"{field}{suffix}" for field in ("name", "summary") for suffix in ("", "_fi", "_sv", "_en")),
    "slug",
    "age_min",
    "age_max",
    "rating",
    "rated_on",
    "rating_version",
)


class MethodQuerySet(models.QuerySet):
    """Methods; prefetching two or more vocabulary relations reads them in one query.

    Django prefetches each many-to-many relation with a query of its own, and a method page,
    the API and the comparison ask for all six vocabularies: six queries where one will do.
    The relations named in prefetch_related() that classify by a vocabulary are filled here
    first; Django then finds them fetched and prefetches only the rest.
    """

    def _prefetch_related_objects(self) -> None:
        relations = [
            name for name in self._prefetch_related_lookups if name in VOCABULARY_RELATIONS
        ]
        if len(relations) > 1 and self._result_cache:
            prefetch_terms(self._result_cache, relations)
        super()._prefetch_related_objects()

    def published(self) -> "MethodQuerySet":
        return self.filter(is_published=True)

    def with_card_data(self) -> "MethodQuerySet":
        """The columns a method card in a list shows, in one query: a list page reads no
        descriptions, training or costs. Its rating's level and its terms come from the
        facet index (facets.completed_cards)."""
        return self.only(*CARD_FIELDS)

    def overlapping_ages(self, age_from: int | None, age_to: int | None) -> "MethodQuerySet":
        """Methods whose age range overlaps [age_from, age_to]; either end may be open."""
        condition = Q()
        if age_from is not None:
            condition &= Q(age_max__gte=age_from)
        if age_to is not None:
            condition &= Q(age_min__lte=age_to)
        return self.filter(condition)


def _vocabulary_field(vocabulary: Vocabulary, verbose_name: str, related_name: str):
    return models.ManyToManyField(
        Term,
        blank=True,
        related_name=related_name,
        limit_choices_to={"vocabulary": vocabulary},
        verbose_name=verbose_name,
    )


@dataclass
class PageEvaluations:
    """A method's evaluations as its public page shows them (Method.page_evaluations)."""

    shown: Any  # the evaluations app's Evaluation, or None
    history: list  # every published version, newest first
    update_under_way: bool


class Method(models.Model):
    page_view = "methods:detail"  # the name of its public page's view (get_absolute_url)

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public pages.")
    )
    name = models.CharField(_("name"), max_length=200)
    original_name = models.CharField(
        _("original name"), max_length=200, blank=True, help_text=_("Name in its home country.")
    )
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One paragraph."))
    aims = models.TextField(_("aims"), blank=True)
    description = models.TextField(_("content and components"), blank=True)

    age_min = models.PositiveSmallIntegerField(_("youngest age"))
    age_max = models.PositiveSmallIntegerField(_("oldest age"))
    target_groups = _vocabulary_field(Vocabulary.TARGET_GROUP, _("target groups"), "+")
    topics = _vocabulary_field(Vocabulary.TOPIC, _("topics"), "+")
    service_settings = _vocabulary_field(Vocabulary.SETTING, _("settings"), "+")
    delivery_formats = _vocabulary_field(Vocabulary.DELIVERY, _("delivery formats"), "+")
    care_levels = _vocabulary_field(Vocabulary.CARE_LEVEL, _("care levels"), "+")

    duration = models.TextField(_("duration and sessions"), blank=True)
    deliverers = models.TextField(_("who can deliver it"), blank=True)
    training = models.TextField(_("training"), blank=True)
    training_duration = models.CharField(_("length of training"), max_length=300, blank=True)
    training_languages = _vocabulary_field(
        Vocabulary.TRAINING_LANGUAGE, _("languages of training"), "+"
    )
    training_available_in_finland = models.BooleanField(
        _("training available in Finland"), default=False
    )
    certification = models.TextField(_("certification"), blank=True)
    materials = models.TextField(_("materials"), blank=True)
    costs = models.TextField(_("costs"), blank=True)
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="methods",
        verbose_name=_("owner organisation"),
    )
    website = WebLinkField(_("website"), blank=True)
    # The therapy guarantee (in force since 1.5.2025) requires that structured, time-limited
    # psychosocial treatment for under-23s starts within 28 days at the basic level.
    therapy_guarantee = models.BooleanField(
        _("qualifies under the therapy guarantee"),
        default=False,
        help_text=_(
            "Structured, time-limited psychosocial treatment that basic-level services can "
            "deliver to people under 23."
        ),
    )
    therapy_guarantee_reason = models.TextField(
        _("why it qualifies"), blank=True, help_text=_("Required when the method qualifies.")
    )

    # Set only when an evaluation is published (evaluations app); never edited by hand.
    # They repeat the published evaluation's level, date and version so that the list can
    # filter and sort without joins; the evaluation itself points at the method.
    rating = models.ForeignKey(
        ScaleLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("rating"),
    )
    rated_on = models.DateField(_("evaluation updated"), null=True, blank=True, editable=False)
    rating_version = models.PositiveSmallIntegerField(
        _("evaluation version"), null=True, blank=True, editable=False
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MethodQuerySet.as_manager()

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__lte=models.F("age_max")), name="method_age_range_ordered"
            ),
            models.CheckConstraint(
                condition=Q(age_max__lte=MAX_AGE), name="method_age_max_plausible"
            ),
            models.CheckConstraint(
                condition=Q(therapy_guarantee=False)
                | (
                    Q(therapy_guarantee_reason_fi__isnull=False)
                    & ~Q(therapy_guarantee_reason_fi="")
                ),
                name="method_therapy_guarantee_has_reason",
                violation_error_message=_(
                    "Say why the method qualifies under the therapy guarantee."
                ),
            ),
        ]
        indexes = [
            # The public list: published methods, newest evaluation first (home page, sort).
            models.Index(fields=["is_published", "-rated_on"], name="method_published_rated_idx"),
            # Age filter: overlap of [age_min, age_max] with the asked range.
            models.Index(fields=["age_min", "age_max"], name="method_age_idx"),
            # The search's registry_version() reads the latest change on every search.
            models.Index(fields=["updated_at"], name="method_updated_at_idx"),
            # The list's default order, by name in the page's language: the first page of
            # 10,000 methods read from the index instead of sorting them all (17 ms → 1 ms).
            *(
                models.Index(
                    fields=[f"name_{language}", "slug"],
                    condition=Q(is_published=True),
                    name=f"method_published_name_{language}_idx",
                )
                for language in LANGUAGES
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_path(self.page_view, self.slug)

    def apply_rating(self, evaluation) -> None:
        """Make a newly published evaluation this method's public rating.

        `evaluation` is an evaluations.Evaluation; this app does not import that one.
        """
        self.rating = evaluation.level
        self.rated_on = evaluation.published_on
        self.rating_version = evaluation.version
        self.save(update_fields=["rating", "rated_on", "rating_version", "updated_at"])

    def current_evaluation(self):
        """The published evaluation the rating comes from, or None."""
        return self.page_evaluations().shown

    def published_version(self, evaluations: Iterable, version: int | None = None):
        """Among these evaluations of this method, the published one of `version` (else the
        one its rating rests on), or None."""
        wanted = self.rating_version if version is None else version
        if wanted is None:
            return None
        return next((e for e in evaluations if e.is_published and e.version == wanted), None)

    def page_evaluations(self, version: int | None = None) -> "PageEvaluations":
        """What the method page (or the page of one earlier `version`) shows of this
        method's evaluations, from one query of them all through the reverse relation of the
        evaluations app (which points at methods, never the other way): the shown one with
        its answers and studies, every published version, and whether an update is under
        way."""
        evaluations = list(
            self.evaluations.select_related(
                "method", "manual", "review_type", "level__scale"
            ).order_by("-version")
        )
        published = [evaluation for evaluation in evaluations if evaluation.is_published]
        shown = self.published_version(published, version)
        if shown is not None:
            prefetch_related_objects([shown], *shown.answer_prefetches())
        return PageEvaluations(
            shown=shown,
            history=published,
            update_under_way=self.rating_version is not None and len(published) < len(evaluations),
        )

    def review_is_stale(self, years: int, today: date | None = None) -> bool:
        """Whether the rating rests on an evaluation more than `years` old, or undated.

        Such a rating still stands, but a reader should know the evidence may have moved on.
        """
        if self.rating_id is None:
            return False
        if self.rated_on is None:
            return True
        return self.rated_on < years_before(today or date.today(), years)

    @property
    def age_range(self) -> str:
        return f"{self.age_min}–{self.age_max}"

    @property
    def age_label(self) -> str:
        """The age range as a reader sees it, "3–8 years", in the active language."""
        return _("%(range)s years") % {"range": self.age_range}


def published_rows() -> MethodQuerySet:
    """The published methods through Django's own queryset rather than modeltranslation's,
    for reading many rows whose translated columns are named in full (name_fi, not name):
    its per-row work cost a third of reading the facet index at 10,000 methods, and a fifth
    of reading a page's cards. The methods read still show their texts in the language of
    the page (the fields' descriptors are the model's)."""
    return MethodQuerySet(Method).published()


# Every relation of a method to a vocabulary, and the vocabulary of its terms, for code that
# treats them alike (iterating gives the relation names).
VOCABULARY_RELATIONS: dict[str, str] = {
    "target_groups": Vocabulary.TARGET_GROUP,
    "topics": Vocabulary.TOPIC,
    "service_settings": Vocabulary.SETTING,
    "delivery_formats": Vocabulary.DELIVERY,
    "care_levels": Vocabulary.CARE_LEVEL,
    "training_languages": Vocabulary.TRAINING_LANGUAGE,
}


def prefetch_terms(methods: list["Method"], relations: list[str]) -> None:
    """Fill these methods' caches of the vocabulary relations with one UNION ALL query."""
    # Not the synonyms, long texts that only the search reads (deferred, as with only()).
    term_fields = [
        field.attname
        for field in Term._meta.concrete_fields
        if not field.attname.startswith("synonyms")
    ]
    links = [
        getattr(Method, relation)
        .through.objects.filter(method_id__in=[method.pk for method in methods])
        .values_list(
            models.Value(relation, output_field=models.CharField()),
            "method_id",
            *(f"term__{name}" for name in term_fields),
        )
        .order_by()
        for relation in relations
    ]
    found: dict[tuple[str, int], list[Term]] = {}
    rows = links[0].union(*links[1:], all=True)
    for relation, method_id, *values in rows:
        term = Term.from_db(rows.db, term_fields, values)
        found.setdefault((relation, method_id), []).append(term)
    for method in methods:
        fill_term_relations(
            method,
            {
                relation: sorted(found.get((relation, method.pk), []), key=_term_order)
                for relation in relations
            },
        )


def fill_term_relations(method: "Method", terms_by_relation: dict[str, list[Term]]) -> None:
    """Set what a method's vocabulary relations give (method.topics.all() and the others),
    as prefetch_related() does, from terms read elsewhere."""
    if not hasattr(method, "_prefetched_objects_cache"):
        method._prefetched_objects_cache = {}
    for relation, terms in terms_by_relation.items():
        manager = getattr(method, relation)
        queryset = manager.get_queryset()
        queryset._result_cache = terms
        queryset._prefetch_done = True
        method._prefetched_objects_cache[manager.prefetch_cache_name] = queryset


def _term_order(term: Term) -> tuple:
    """Term's Meta.ordering (plain ascending fields), in Python: the union cannot order by
    the terms' columns."""
    return tuple(getattr(term, name) for name in Term._meta.ordering)


class Contact(models.Model):
    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("method")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SearchDocument(models.Model):
    """The lemmas of a method's searchable texts in one page language, kept by methods.search.

    `names` holds the lemmas of the name, original name and acronym (ranked first); `body`
    those of the summary, aims, topics and target groups. A language other than Finnish also
    holds the Finnish texts, which the page falls back to. Both are lower case and padded with
    spaces, so a whole lemma is " lemma " and a part of a compound is a plain substring.
    """

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="search_documents", verbose_name=_("method")
    )
    language = models.CharField(_("language"), max_length=2)
    names = models.TextField(_("lemmas of the names"))
    body = models.TextField(_("lemmas of the texts"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["method", "language"], name="search_document_once"),
        ]
        # The search reads every document into an index of its own (methods.search.postings)
        # when the registry changes; its registry_version() reads the latest change on every
        # search.
        indexes = [models.Index(fields=["updated_at"], name="search_document_updated_idx")]

    def __str__(self) -> str:
        return f"{self.method} ({self.language})"
