from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from lib.history_admin import ReadOnlyHistoryAdmin
from lib.locking import OptimisticLockAdmin

from .models import (
    VOCABULARY_RELATIONS,
    Contact,
    Method,
    Organisation,
    RatingScale,
    Region,
    ScaleLevel,
    Term,
)
from .search import index_methods


class ContactInline(TranslationTabularInline):
    model = Contact
    extra = 0


@admin.register(Method)
class MethodAdmin(OptimisticLockAdmin, ReadOnlyHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "is_published", "age_min", "age_max", "rating", "rated_on", "owner")
    list_filter = ("is_published", "rating__scale", "rating", "topics", "target_groups")
    search_fields = ("name", "original_name", "acronym", "slug")
    prepopulated_fields = {"slug": ("name_fi",)}
    autocomplete_fields = ("owner", *VOCABULARY_RELATIONS)
    readonly_fields = ("rating", "rated_on", "rating_version", "created_at", "updated_at")
    list_select_related = ("owner", "rating__scale")
    inlines = [ContactInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        index_methods([form.instance])  # after the vocabularies are saved too

    fieldsets = (
        (None, {"fields": ("name", "slug", "is_published", "original_name", "acronym", "owner")}),
        (_("Description"), {"fields": ("summary", "aims", "description", "website")}),
        (
            _("Target group and classification"),
            {
                "fields": (
                    ("age_min", "age_max"),
                    "target_groups",
                    "topics",
                    "service_settings",
                    "delivery_formats",
                    "care_levels",
                    "therapy_guarantee",
                    "therapy_guarantee_reason",
                )
            },
        ),
        (
            _("Delivery and training"),
            {
                "fields": (
                    "duration",
                    "deliverers",
                    "training",
                    "training_duration",
                    "training_languages",
                    "training_available_in_finland",
                    "certification",
                    "materials",
                    "costs",
                )
            },
        ),
        (
            _("Rating (set by publishing an evaluation)"),
            {"fields": ("rating", "rated_on", "rating_version", "created_at", "updated_at")},
        ),
    )


@admin.register(Term)
class TermAdmin(TabbedTranslationAdmin):
    list_display = ("label", "vocabulary", "code", "position")
    list_filter = ("vocabulary",)
    search_fields = ("label", "code")

    def save_model(self, request, obj: Term, form, change) -> None:
        super().save_model(request, obj, form, change)
        # Topic and target group labels are searchable text of the methods that use them.
        # Synonyms are not: the search reloads the concepts when a term changes (its
        # updated_at is part of methods.search.registry's version).
        index_methods(
            Method.objects.filter(Q(topics=obj) | Q(target_groups=obj))
            .distinct()
            .prefetch_related("topics", "target_groups")
        )


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "website")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "kind", "cooperation_area")
    list_filter = ("kind", "cooperation_area")
    search_fields = ("name", "code")


class ScaleLevelInline(TranslationTabularInline):
    model = ScaleLevel
    extra = 0
    fields = ("key", "value", "label", "evidence_group", "sort_order")


@admin.register(RatingScale)
class RatingScaleAdmin(TabbedTranslationAdmin):
    list_display = ("name", "code", "max_value", "used_from", "used_until")
    inlines = [ScaleLevelInline]
