"""The filters of the public method list, and the facet counts shown beside them.

Within one facet the chosen values are alternatives (OR); different facets narrow each
other (AND). Every value in a facet shows how many methods it would give together with the
other facets' choices.
"""

from datetime import date

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lib.languages import localized_field

from .models import (
    MAX_AGE,
    EvidenceGroup,
    Method,
    Organisation,
    RatingScale,
    Region,
    ScaleLevel,
    Term,
    Vocabulary,
    years_before,
)
from .search import ParsedQuery, parse, search_methods
from .search.concepts import classification_terms

MAX_QUERY_LENGTH = 200
MAX_REVIEW_YEARS = 50
# The adoption status that makes a method "used" in a region. The implementation app owns
# adoptions; the registry reaches them only through the reverse relation `adoptions`.
IN_USE = "in_use"
UNRATED = "unrated"


SORT_CHOICES = [
    ("name", _("Name")),
    ("rating", _("Strongest evidence first")),
    ("evaluated", _("Latest evaluation first")),
]


class WholeNumberFilter(django_filters.NumberFilter):
    """A number filter that accepts whole numbers only (NumberFilter takes decimals)."""

    field_class = forms.IntegerField


# The filters by a vocabulary's terms (their choices are the terms' codes: MethodFilter).
TERM_FILTERS = {
    "target_group": Vocabulary.TARGET_GROUP,
    "topic": Vocabulary.TOPIC,
    "setting": Vocabulary.SETTING,
    "delivery": Vocabulary.DELIVERY,
    "care_level": Vocabulary.CARE_LEVEL,
    "training_language": Vocabulary.TRAINING_LANGUAGE,
}


def _term_filter(field_name: str, label) -> django_filters.Filter:
    """Methods classified under any of the chosen codes; the choices are set from the facet
    terms, read once per version of the registry (MethodFilter.__init__)."""
    return django_filters.MultipleChoiceFilter(field_name=f"{field_name}__code", label=label)


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
    target_group = _term_filter("target_groups", _("Target group"))
    topic = _term_filter("topics", _("Topic"))
    setting = _term_filter("service_settings", _("Setting"))
    delivery = _term_filter("delivery_formats", _("Delivery format"))
    care_level = _term_filter("care_levels", _("Care level"))
    training_language = _term_filter("training_languages", _("Language of training"))
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
    region = django_filters.ModelMultipleChoiceFilter(
        field_name="adoptions__region__code",
        to_field_name="code",
        queryset=Region.objects.all(),
        method="filter_used_in_region",
        label=_("Used in region"),
    )
    owner = django_filters.ModelMultipleChoiceFilter(
        field_name="owner__slug",
        to_field_name="slug",
        queryset=Organisation.objects.all(),
        label=_("Owner organisation"),
    )
    reviewed_within = WholeNumberFilter(
        method="filter_reviewed_within",
        label=_("Evidence reviewed within (years)"),
        min_value=1,
        max_value=MAX_REVIEW_YEARS,
    )
    sort = django_filters.ChoiceFilter(
        method="sort_by", choices=SORT_CHOICES, label=_("Sort by"), empty_label=None
    )

    class Meta:
        model = Method
        fields: list[str] = []
        form = MethodFilterForm

    def __init__(self, data=None, *args, **kwargs) -> None:
        # The search is parsed once, before the filters, because the ages and target groups
        # it names ("ahdistus 7-vuotias", "nuoret") become the age and target_group filters.
        self.parsed_query = understood_query(data)
        self.query_filters: dict[str, list[str]] = {}
        if self.parsed_query is not None:
            data, self.query_filters = with_query_filters(data, self.parsed_query)
        super().__init__(data, *args, **kwargs)
        # Every facet term: the term filters' choices, and the list's facets. The choices
        # are the codes alone: the pages and the API show the labels from the terms, and a
        # form made once serves every language (get_form_class).
        self.terms = facet_terms()
        for name, vocabulary in TERM_FILTERS.items():
            self.filters[name].extra["choices"] = [
                (term.code, term.code) for term in self.terms if term.vocabulary == vocabulary
            ]

    def get_form_class(self) -> type[forms.Form]:
        """The filters' form, made once per version of the facet terms (its choices) rather
        than a request: making its seventeen fields took a third of the filters' time on
        every list and API page. Each form copies the fields, so requests never share them.
        """
        kept = _form_classes.get(type(self))
        if kept is None or kept[0] is not self.terms:
            kept = (self.terms, super().get_form_class())
            _form_classes[type(self)] = kept
        return kept[1]

    def filter_text(self, queryset: QuerySet[Method], name: str, value: str) -> QuerySet[Method]:
        return search_methods(queryset, self.parsed_query)

    def filter_age(self, queryset: QuerySet[Method], name: str, value) -> QuerySet[Method]:
        return queryset.overlapping_ages(int(value), int(value))

    def filter_age_from(self, queryset: QuerySet[Method], name: str, value) -> QuerySet[Method]:
        return queryset.overlapping_ages(int(value), None)

    def filter_age_to(self, queryset: QuerySet[Method], name: str, value) -> QuerySet[Method]:
        return queryset.overlapping_ages(None, int(value))

    def filter_reviewed_within(
        self, queryset: QuerySet[Method], name: str, value
    ) -> QuerySet[Method]:
        """Methods whose rating rests on an evaluation published in the last `value` years."""
        return queryset.filter(rated_on__gte=years_before(date.today(), int(value)))

    def filter_used_in_region(
        self, queryset: QuerySet[Method], name: str, value
    ) -> QuerySet[Method]:
        """Methods in use in any of the chosen regions (the implementation app's adoptions)."""
        if not value:
            return queryset
        in_use = Method.objects.filter(adoptions__region__in=value, adoptions__status=IN_USE)
        return queryset.filter(pk__in=in_use.values("pk"))

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


# A filter set's form class, with the facet terms it was made for (MethodFilter.get_form_class).
_form_classes: dict[type, tuple[list[Term], type[forms.Form]]] = {}


def facet_terms() -> list[Term]:
    """The terms of the filters' vocabularies, read once per version of the registry (their
    labels are read in the request's language when shown). The filters are by every
    vocabulary the methods are classified by, whose terms the search reads too."""
    return classification_terms()


def facet_terms_of(vocabulary: str) -> list[Term]:
    """The facet terms of one of the filters' vocabularies (facet_terms)."""
    return [term for term in facet_terms() if term.vocabulary == vocabulary]


def understood_query(data) -> ParsedQuery | None:
    """The parsed search of a filter request, or None without a usable `q`."""
    text = (data.get("q") or "") if data is not None else ""
    if not text.strip() or len(text) > MAX_QUERY_LENGTH or "\x00" in text:
        return None  # an invalid q is left out, and the form says why
    return parse(text)


def with_query_filters(data, parsed: ParsedQuery) -> tuple[QueryDict, dict[str, list[str]]]:
    """The request's parameters plus the age and target groups the query names, and which
    values came from the query. A filter the request gives itself wins over the query."""
    merged = data.copy() if isinstance(data, QueryDict) else QueryDict(mutable=True)
    if not isinstance(data, QueryDict):
        for key, value in data.items():
            merged.setlist(key, value if isinstance(value, list) else [value])
    added: dict[str, list[str]] = {}
    age = parsed.age
    if age and not any(merged.get(name) for name in ("age", "age_from", "age_to")):
        if age.is_single:
            added["age"] = [str(age.age_from)]
        else:
            added["age_from"], added["age_to"] = [str(age.age_from)], [str(age.age_to)]
    chosen = merged.getlist("target_group")
    groups = [code for code in parsed.group_codes if code not in chosen]
    if groups:
        added["target_group"] = groups
    for name, values in added.items():
        merged.setlist(name, [*merged.getlist(name), *values])
    return merged, added


def localized_name_field() -> str:
    return localized_field("name", get_language())


def ordering_for(sort: str) -> list:
    name = localized_name_field()
    if sort == "rating":
        return [F("rating__sort_order").desc(nulls_last=True), name]
    if sort == "evaluated":
        return [F("rated_on").desc(nulls_last=True), name]
    return [name, "slug"]
