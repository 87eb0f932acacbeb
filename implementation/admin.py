"""Admin for the implementation records. Editors change everything; a regional coordinator
changes the records of their own regions and reads the others (implementation.permissions)."""

from django.contrib import admin
from django.db.models import Q
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from accounts.roles import Role, has_role, roles_of
from lib.history_admin import ReadOnlyHistoryAdmin
from lib.locking import OptimisticLockAdmin

from . import permissions
from .models import (
    Adoption,
    NationalSelection,
    RegionalCoordinator,
    ServiceModel,
    ServiceModelMethod,
    ServiceModelPart,
    TrainingRecord,
)


class RegionScopedAdmin(OptimisticLockAdmin, ReadOnlyHistoryAdmin):
    """Everyone with a role reads every region's records; changes follow permissions.py."""

    def has_module_permission(self, request) -> bool:
        return bool(roles_of(request.user))

    def has_view_permission(self, request, obj=None) -> bool:
        return bool(roles_of(request.user))

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and permissions.can_change(request.user, None)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and permissions.can_change(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and permissions.can_change(
            request.user, obj
        )


class ScopedInlineMixin:
    """Inline rows of a parent record follow the parent's region."""

    def has_add_permission(self, request, obj=None) -> bool:
        return permissions.can_change(request.user, obj) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return permissions.can_change(request.user, obj) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return permissions.can_change(request.user, obj) and super().has_delete_permission(
            request, obj
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return bool(roles_of(request.user))


class TrainingRecordInline(ScopedInlineMixin, admin.TabularInline):
    model = TrainingRecord
    extra = 0
    fields = (
        "year",
        "trained",
        "eligible",
        "target_percent",
        "supervisors",
        "episodes",
        "source_url",
        "is_illustrative",
    )


@admin.register(Adoption)
class AdoptionAdmin(RegionScopedAdmin, TabbedTranslationAdmin):
    list_display = ("method", "region", "status", "care_level", "start_year", "updated_at")
    list_filter = ("status", "region", "care_level")
    search_fields = ("method__name", "region__name")
    autocomplete_fields = ("method",)
    list_select_related = ("method", "region", "care_level")
    inlines = [TrainingRecordInline]
    fieldsets = (
        (None, {"fields": ("region", "method", "status", "care_level", "service_settings")}),
        (None, {"fields": (("age_min", "age_max"), ("start_year", "end_year"))}),
        (None, {"fields": ("notes", "source_url", "is_illustrative")}),
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":
            kwargs["queryset"] = permissions.own_regions(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(TrainingRecord)
class TrainingRecordAdmin(RegionScopedAdmin):
    list_display = ("adoption", "year", "trained", "eligible", "target_percent", "episodes")
    list_filter = ("year", "adoption__region")
    search_fields = ("adoption__method__name", "adoption__region__name")
    list_select_related = ("adoption__method", "adoption__region")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "adoption":
            kwargs["queryset"] = Adoption.objects.filter(
                region__in=permissions.own_regions(request.user)
            ).select_related("method", "region")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ServiceModelPartInline(ScopedInlineMixin, TranslationStackedInline):
    model = ServiceModelPart
    extra = 0


class ServiceModelMethodInline(ScopedInlineMixin, TranslationTabularInline):
    model = ServiceModelMethod
    extra = 0
    autocomplete_fields = ("method",)


@admin.register(ServiceModel)
class ServiceModelAdmin(RegionScopedAdmin, TabbedTranslationAdmin):
    list_display = ("name", "level", "stage", "record_updated", "is_published")
    list_filter = ("level", "stage", "regions", "is_published")
    search_fields = ("name", "summary")
    prepopulated_fields = {"slug": ("name_fi",)}
    inlines = [ServiceModelPartInline, ServiceModelMethodInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "regions":
            kwargs["queryset"] = permissions.own_regions(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(NationalSelection)
class NationalSelectionAdmin(OptimisticLockAdmin, ReadOnlyHistoryAdmin, TabbedTranslationAdmin):
    """Decisions are added, never changed or deleted: each is part of the record."""

    list_display = ("method", "decision", "decided_on", "deciding_body")
    list_filter = ("decision",)
    search_fields = ("method__name",)
    autocomplete_fields = ("method",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RegionalCoordinator)
class RegionalCoordinatorAdmin(ReadOnlyHistoryAdmin):
    list_display = ("user",)
    filter_horizontal = ("regions",)
    autocomplete_fields = ("user",)

    def has_module_permission(self, request) -> bool:
        return has_role(request.user, Role.EDITOR)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if has_role(request.user, Role.EDITOR) else queryset.filter(Q(pk=None))
