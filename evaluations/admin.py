from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import Criterion, CriterionAnswer, Evaluation, EvaluationStudy, Manual, Study


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0
    fields = ("code", "area", "level", "requirement", "text", "position")


@admin.register(Manual)
class ManualAdmin(TabbedTranslationAdmin):
    list_display = ("name", "version", "scale", "valid_from")
    inlines = [CriterionInline]


@admin.register(Study)
class StudyAdmin(SimpleHistoryAdmin):
    list_display = ("citation", "year", "country", "design", "quality")
    list_filter = ("design", "quality", "country")
    search_fields = ("citation", "doi")
    autocomplete_fields = ("focus",)


class EvaluationStudyInline(admin.TabularInline):
    model = EvaluationStudy
    extra = 0
    autocomplete_fields = ("study",)


class CriterionAnswerInline(admin.StackedInline):
    model = CriterionAnswer
    extra = 0
    autocomplete_fields = ("studies",)


@admin.register(Evaluation)
class EvaluationAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ("method", "version", "state", "manual", "level", "published_on")
    list_filter = ("state", "manual")
    search_fields = ("method__name",)
    autocomplete_fields = ("method",)
    readonly_fields = ("level", "published_on")
    list_select_related = ("method", "manual", "level__scale")
    inlines = [EvaluationStudyInline, CriterionAnswerInline]
