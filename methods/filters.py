"""The filters of the public method list, and the facet counts shown beside them.

Within one facet the chosen values are alternatives (OR); different facets narrow each
other (AND). Every value in a facet shows how many methods it would give together with the
other facets' choices.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count, F, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import (
    EvidenceGroup,
    Method,
    Organisation,
    RatingScale,
    ScaleLevel,
    Term,
    Vocabulary,
)
from .search import ParsedQuery, parse, search_methods

MAX_AGE = 29
MAX_QUERY_LENGTH = 200
UNRATED = "unrated"


SORT_CHOICES = [
    ("name", _("Name")),
    ("rating", _("Strongest evidence first")),
    ("evaluated", _("Latest evaluation first")),
]


def _terms(vocabulary: Vocabulary) -> QuerySet[Term]:
    return Term.objects.filter(vocabulary=vocabulary)


def _term_filter(vocabulary: Vocabulary, field_name: str, label) -> django_filters.Filter:
    return django_filters.ModelMultipleChoiceFilter(
        field_name=f"{field_name}__code",
        to_field_name="code",
        queryset=_terms(vocabulary),
        label=label,
    )


class MethodFilterForm(forms.Form):
    def clean(self) -> dict:
        cleaned = super().clean()
        age_from, age_to = cleaned.get("age_from"), cleaned.get("age_to")
        if age_from is not None and age_to is not None and age_from > age_to:
            self.add_error("age_to", _("The upper age must not be below the lower age."))
        return cleaned


class MethodFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Search"),
        max_length=MAX_QUERY_LENGTH,
    )
    age = django_filters.NumberFilter(
        method="filter_age", label=_("Child's age"), min_value=0, max_value=MAX_AGE
    )
    age_from = django_filters.NumberFilter(
        method="filter_age_from", label=_("Age from"), min_value=0, max_value=MAX_AGE
    )
    age_to = django_filters.NumberFilter(
        method="filter_age_to", label=_("Age to"), min_value=0, max_value=MAX_AGE
    )
    target_group = _term_filter(Vocabulary.TARGET_GROUP, "target_groups", _("Target group"))
    topic = _term_filter(Vocabulary.TOPIC, "topics", _("Topic"))
    setting = _term_filter(Vocabulary.SETTING, "service_settings", _("Setting"))
    delivery = _term_filter(Vocabulary.DELIVERY, "delivery_formats", _("Delivery format"))
    care_level = _term_filter(Vocabulary.CARE_LEVEL, "care_levels", _("Care level"))
    training_language = _term_filter(
        Vocabulary.TRAINING_LANGUAGE, "training_languages", _("Language of training")
    )
    level = django_filters.ModelMultipleChoiceFilter(
        field_name="rating__key",
        to_field_name="key",
        queryset=ScaleLevel.objects.all(),
        null_value=UNRATED,
        null_label=_("Not yet evaluated"),
        label=_("Evidence level"),
    )
    group = django_filters.MultipleChoiceFilter(
        field_name="rating__evidence_group",
        choices=EvidenceGroup.choices,
        label=_("Evidence group"),
    )
    scale = django_filters.ModelMultipleChoiceFilter(
        field_name="rating__scale__code",
        to_field_name="code",
        queryset=RatingScale.objects.all(),
        label=_("Rating scale"),
    )
    owner = django_filters.ModelMultipleChoiceFilter(
        field_name="owner__slug",
        to_field_name="slug",
        queryset=Organisation.objects.all(),
        label=_("Owner organisation"),
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by", choices=SORT_CHOICES, label=_("Sort by"), empty_label=None
    )

    class Meta:
        model = Method
        fields: list[str] = []
        form = MethodFilterForm

    def filter_text(self, queryset: QuerySet[Method], name: str, value: str) -> QuerySet[Method]:
        return search_methods(queryset, self.parsed_query)

    @property
    def parsed_query(self) -> ParsedQuery | None:
        """The search words as lemmas, parsed once even though facets filter many times."""
        if not hasattr(self, "_parsed_query"):
            text = self.form.cleaned_data.get("q") if hasattr(self.form, "cleaned_data") else ""
            self._parsed_query = parse(text) if text else None
        return self._parsed_query

    def filter_age(self, queryset: QuerySet[Method], name: str, value) -> QuerySet[Method]:
        return queryset.overlapping_ages(int(value), int(value))

    def filter_age_from(self, queryset: QuerySet[Method], name: str, value) -> QuerySet[Method]:
        return queryset.overlapping_ages(int(value), None)

    def filter_age_to(self, queryset: QuerySet[Method], name: str, value) -> QuerySet[Method]:
        return queryset.overlapping_ages(None, int(value))

    def sort_by(self, queryset: QuerySet[Method], name: str, value: str) -> QuerySet[Method]:
        return queryset.order_by(*ordering_for(value))

    @property
    def ignored_filters(self) -> list[tuple[str, str]]:
        """(label, message) for each parameter that was not understood and so not applied."""
        problems = []
        for field_name, errors in self.form.errors.items():
            label = self.form.fields[field_name].label if field_name in self.form.fields else ""
            problems.append((str(label), " ".join(str(error) for error in errors)))
        return problems


def without_empty_values(params: QueryDict) -> QueryDict:
    """The parameters less empty values, which forms send for "any" choices."""
    cleaned = QueryDict(mutable=True)
    for name in params:
        values = [value for value in params.getlist(name) if value != ""]
        if values:
            cleaned.setlist(name, values)
    return cleaned


def localized_name_field() -> str:
    return f"name_{get_language() or 'fi'}"


def ordering_for(sort: str) -> list:
    name = localized_name_field()
    if sort == "rating":
        return [F("rating__sort_order").desc(nulls_last=True), name]
    if sort == "evaluated":
        return [F("rated_on").desc(nulls_last=True), name]
    return [name, "slug"]


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]

    @property
    def selected_count(self) -> int:
        return sum(1 for value in self.values if value.selected)


# The filters shown as facets; each counts the values of its own field_name.
FACETS = (
    "target_group",
    "topic",
    "setting",
    "delivery",
    "care_level",
    "training_language",
    "group",
    "level",
    "scale",
    "owner",
)
TERM_FACETS = {
    "target_group": Vocabulary.TARGET_GROUP,
    "topic": Vocabulary.TOPIC,
    "setting": Vocabulary.SETTING,
    "delivery": Vocabulary.DELIVERY,
    "care_level": Vocabulary.CARE_LEVEL,
    "training_language": Vocabulary.TRAINING_LANGUAGE,
}
NOT_FACETS = {"sort"}


def queryset_without(
    filterset: MethodFilter, base: QuerySet[Method], left_out: str | None
) -> QuerySet[Method]:
    """The base queryset with every valid filter applied except the one named `left_out`."""
    queryset = base
    cleaned = filterset.form.cleaned_data
    for name, filter_ in filterset.filters.items():
        if name in NOT_FACETS or name == left_out or name not in cleaned:
            continue
        queryset = filter_.filter(queryset, cleaned[name])
    return queryset


def count_by(queryset: QuerySet[Method], path: str) -> dict[str, int]:
    rows = queryset.order_by().values(path).annotate(n=Count("pk", distinct=True))
    return {row[path] if row[path] is not None else UNRATED: row["n"] for row in rows}


def selected_codes(filterset: MethodFilter, name: str) -> set[str]:
    raw = filterset.data.getlist(name) if hasattr(filterset.data, "getlist") else []
    return {value for value in raw if value}


def build_facets(filterset: MethodFilter, base: QuerySet[Method]) -> list[Facet]:
    """Every facet with its values, each with the number of methods it would give."""
    terms_by_vocabulary: dict[str, list[Term]] = {}
    for term in Term.objects.filter(vocabulary__in=TERM_FACETS.values()):
        terms_by_vocabulary.setdefault(term.vocabulary, []).append(term)
    options: dict[str, list[tuple[str, str]]] = {
        name: [(t.code, t.label) for t in terms_by_vocabulary.get(vocabulary, [])]
        for name, vocabulary in TERM_FACETS.items()
    }
    levels = list(ScaleLevel.objects.select_related("scale").order_by("-sort_order"))
    options["group"] = [(code, str(label)) for code, label in EvidenceGroup.choices]
    options["level"] = [(level.key, str(level)) for level in levels] + [
        (UNRATED, str(_("Not yet evaluated")))
    ]
    options["scale"] = list({level.scale.code: level.scale.name for level in levels}.items())
    owners = Organisation.objects.filter(methods__in=base).distinct()
    options["owner"] = [(owner.slug, owner.name) for owner in owners]

    facets = []
    for name in FACETS:
        path = filterset.filters[name].field_name
        counts = count_by(queryset_without(filterset, base, name), path)
        chosen = selected_codes(filterset, name)
        values = [
            FacetValue(code, label, counts.get(code, 0), code in chosen)
            for code, label in options[name]
        ]
        facets.append(Facet(name, str(filterset.filters[name].label), values))
    return facets
