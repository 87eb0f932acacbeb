"""Admin for the evaluation workflow: what each role sees and may do is in permissions.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from accounts.roles import Role, has_role, roles_of
from lib.history_admin import ReadOnlyHistoryAdmin, raise_404_unless_visible
from lib.languages import translated_fields
from lib.locking import OptimisticLockAdmin

from . import freezing, notifications, permissions, workflow
from .models import (
    Criterion,
    CriterionAnswer,
    Evaluation,
    EvaluationState,
    EvaluationStudy,
    Manual,
    Proposal,
    ProposalState,
    Study,
)

State = EvaluationState
ANSWER_CHANGES_SHOWN = 20


class FrozenManualMixin:
    """A manual in use is read-only, criteria included (evaluations.freezing)."""

    def has_change_permission(self, request, obj=None) -> bool:
        manual = obj.manual if isinstance(obj, Criterion) else obj
        if freezing.is_manual_frozen(manual):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        manual = obj.manual if isinstance(obj, Criterion) else obj
        if freezing.is_manual_frozen(manual):
            return False
        return super().has_delete_permission(request, obj)


class CriterionInline(FrozenManualMixin, TranslationTabularInline):
    model = Criterion
    extra = 0
    fields = ("code", "area", "level", "requirement", "text", "position")

    def has_add_permission(self, request, obj=None) -> bool:
        if freezing.is_manual_frozen(obj):
            return False
        return super().has_add_permission(request, obj)


@admin.register(Manual)
class ManualAdmin(OptimisticLockAdmin, FrozenManualMixin, TabbedTranslationAdmin):
    list_display = ("name", "version", "scale", "valid_from")
    inlines = [CriterionInline]
    actions = ["copy_as_new_version"]

    @admin.action(description=_("Copy as a new version (a manual in use cannot be changed)"))
    def copy_as_new_version(self, request, queryset) -> None:
        if not self.has_add_permission(request):
            raise PermissionDenied
        for manual in queryset:
            copy = freezing.copy_manual(manual)
            self.message_user(
                request,
                _("%(copy)s: version %(version)s, copied from version %(original)s.")
                % {"copy": copy, "version": copy.version, "original": manual.version},
                messages.SUCCESS,
            )


@admin.register(Study)
class StudyAdmin(OptimisticLockAdmin, ReadOnlyHistoryAdmin):
    list_display = ("citation", "year", "country", "design", "quality")
    list_filter = ("design", "quality", "country")
    search_fields = ("citation", "doi")
    autocomplete_fields = ("focus",)

    def get_queryset(self, request):
        return freezing.visible_studies(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None) -> bool:
        # A study a published rating rests on is frozen: a correction is a new study.
        allowed = super().has_change_permission(request, obj)
        return allowed and freezing.can_change_study(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and not freezing.is_study_frozen(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        raise_404_unless_visible(self, request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)


class AnswersEditableMixin:
    """Inline rows editable only while the evaluation is in the user's hands."""

    def _editable(self, request: HttpRequest, obj: Evaluation | None) -> bool:
        return obj is not None and permissions.can_edit_answers(request.user, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._editable(request, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return permissions.takes_part(request.user)


SCREENED_PREFIX = "evaluationstudy_set"  # the screened-studies inline's formset prefix
MOST_ROWS_READ = 1000


def studies_included_in(data, prefix: str = SCREENED_PREFIX) -> set[int]:
    """The studies a submitted evaluation form screens as included (new rows too).

    Read from the raw form data, so that an answer can rest on a study added in the same
    save, before the screened-studies rows are in the database. Malformed numbers are skipped;
    the screened-studies formset reports them itself.
    """
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), MOST_ROWS_READ)
    except (TypeError, ValueError):
        return set()
    included = set()
    for row in range(total):
        if data.get(f"{prefix}-{row}-DELETE") or not data.get(f"{prefix}-{row}-included"):
            continue
        study = str(data.get(f"{prefix}-{row}-study", ""))
        if study.isdigit():
            included.add(int(study))
    return included


class LabelledRowsFormSet(forms.BaseInlineFormSet):
    """A tabular inline's fields named by their column: the table's header cells are not
    labels of the inputs, so without this a screen reader meets each input nameless."""

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        for field in form.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))


class EvaluationStudyInline(AnswersEditableMixin, admin.TabularInline):
    """Screening: a study found with the search, or added in a popup with the "+" beside it."""

    model = EvaluationStudy
    formset = LabelledRowsFormSet
    extra = 0
    autocomplete_fields = ("study",)
    verbose_name_plural = _("Screened studies (include or exclude, with the reason)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "study":
            # Only what the user may see (evaluations.freezing), whatever id is submitted.
            kwargs["queryset"] = freezing.visible_studies(request.user, Study.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._editable(request, obj)


class CriterionAnswerInline(AnswersEditableMixin, admin.StackedInline):
    """The manual as a form: one block per criterion, in the manual's order."""

    model = CriterionAnswer
    extra = 0
    can_delete = False
    # The justification's languages one under the other, each with its own label: tabs inside
    # every criterion's block would nest interactive controls (jQuery UI's tab markup).
    fields = (
        "criterion_text",
        "answer",
        "justification_fi",
        "justification_sv",
        "justification_en",
        "studies",
    )
    readonly_fields = ("criterion_text",)
    verbose_name_plural = _("Criteria of the manual")

    def get_formset(self, request, obj=None, **kwargs):
        self.evaluation = obj  # the studies an answer can rest on are this one's screened ones
        # A "met" the rule does not count is said so beside the criterion.
        self.discounted = {}
        if obj is not None:
            counted = Evaluation.objects.with_answers().get(pk=obj.pk).counted_answers()
            self.discounted = {row.criterion.pk: row.note for row in counted if row.note}
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "studies":
            # The included screened studies, and those the same save screens as included.
            screened = EvaluationStudy.objects.filter(
                evaluation=getattr(self, "evaluation", None), included=True
            ).values("study_id")
            screened_now = freezing.visible_studies(
                request.user, Study.objects.filter(pk__in=studies_included_in(request.POST))
            ).values("pk")
            kwargs["queryset"] = Study.objects.filter(
                Q(pk__in=screened) | Q(pk__in=screened_now)
            ).select_related("design")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("criterion")

    @admin.display(description=_("criterion"))
    def criterion_text(self, answer: CriterionAnswer):
        criterion = answer.criterion
        text = format_html(
            "<strong>{} · {} · {}</strong><br>{}<br><small>{}</small>",
            criterion.code,
            criterion.get_area_display(),
            _("level %(level)s") % {"level": criterion.level},
            criterion.text,
            criterion.guidance,
        )
        note = getattr(self, "discounted", {}).get(criterion.pk)
        if note is None:
            return text
        return format_html(
            '{}<p class="discounted"><strong>{}</strong></p>',
            text,
            _("Answered “met”, but the rule counts it as not met: it %(gap)s.") % {"gap": note},
        )


class EvaluationForm(forms.ModelForm):
    """Refuses a save made from a page opened before someone else's save."""

    # Named apart from the model's lock_version, which the admin may not put in a form.
    loaded_version = forms.IntegerField(
        label=_("version of the form"), widget=forms.HiddenInput, required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.lock_version

    def clean(self) -> dict:
        cleaned = super().clean()
        evaluators, reviewers = cleaned.get("evaluators"), cleaned.get("peer_reviewers")
        if evaluators is not None and reviewers is not None and set(evaluators) & set(reviewers):
            self.add_error(
                "peer_reviewers", _("A peer reviewer cannot review an evaluation they made.")
            )
        method = cleaned.get("method")
        if not self.instance.pk and method and workflow.has_evaluation_under_way(method):
            self.add_error("method", _("An evaluation of this method is already under way."))
        if self.instance.pk:
            # Locks the row until the admin's transaction ends, so two saves cannot both pass.
            current = (
                Evaluation.objects.select_for_update()
                .values_list("lock_version", flat=True)
                .get(pk=self.instance.pk)
            )
            if cleaned.get("loaded_version") != current:
                raise ValidationError(
                    _(
                        "Someone else saved this evaluation while you were editing it. "
                        "Nothing of yours was saved: open the evaluation again to see the "
                        "latest version, then make your changes again."
                    ),
                    code="conflict",
                )
        return cleaned


class AssignedToMeFilter(admin.SimpleListFilter):
    """The evaluations the signed-in user evaluates or peer reviews."""

    title = _("assigned to me")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("evaluator", _("as evaluator")), ("peer_reviewer", _("as peer reviewer"))]

    def queryset(self, request, queryset):
        if self.value() == "evaluator":
            return queryset.filter(evaluators=request.user)
        if self.value() == "peer_reviewer":
            return queryset.filter(peer_reviewers=request.user)
        return queryset  # an unknown value filters nothing


def _move_action(target: State, description):
    def action(modeladmin, request, queryset) -> None:
        modeladmin.run_workflow(
            request, queryset, lambda e: workflow.move(e, target, by=request.user)
        )

    action.__name__ = f"move_to_{target}"
    return admin.action(description=description)(action)


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyHistoryAdmin, TabbedTranslationAdmin):
    form = EvaluationForm
    list_display = ("method", "version", "state", "manual", "level", "published_on")
    list_filter = (AssignedToMeFilter, "state", "manual")
    search_fields = ("method__name",)
    autocomplete_fields = ("method",)
    filter_horizontal = ("evaluators", "peer_reviewers")
    list_select_related = ("method", "manual", "level__scale")
    inlines = [EvaluationStudyInline, CriterionAnswerInline]
    change_form_template = "admin/evaluations/evaluation/change_form.html"
    actions = [
        _move_action(State.IN_EVALUATION, _("Start, or return to the evaluators")),
        _move_action(State.PEER_REVIEW, _("Send to peer review")),
        _move_action(State.BOARD_DECISION, _("Send to the board for decision")),
        "approve",
        "publish",
        "start_update",
    ]
    computed_fields = ("level_given", "board_approval", "answer_changes")
    workflow_fields = ("level", "published_on", "state")

    def get_queryset(self, request):
        return permissions.visible_evaluations(request.user, super().get_queryset(request))

    def has_module_permission(self, request) -> bool:
        return permissions.takes_part(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return permissions.takes_part(request.user)

    def has_add_permission(self, request) -> bool:
        return has_role(request.user, Role.EDITOR)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            return bool(roles_of(request.user) & {Role.EDITOR, Role.EVALUATOR})
        return permissions.can_edit_details(request.user, obj) or permissions.can_edit_answers(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # An evaluation is never deleted; an update is a new version.

    def get_readonly_fields(self, request, obj=None):
        if permissions.can_edit_details(request.user, obj):
            # An evaluation keeps the method, manual and version it was started with.
            fixed_once_created = ("method", "manual", "version") if obj else ()
            return (*self.computed_fields, *self.workflow_fields, *fixed_once_created)
        # Everything but the answers and screened studies (the inlines) is read-only. A
        # translated field is listed by its languages only ("summary_fi", …): naming
        # "summary" too would show each language twice.
        model_fields = [
            field.name
            for field in Evaluation._meta.get_fields()
            if getattr(field, "editable", False)
            and (field.concrete or field.many_to_many)
            and not field.auto_created
            and field.name not in translated_fields(Evaluation)
        ]
        return (*self.computed_fields, *model_fields)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # The lock guards saves; a page that cannot save does not show it.
        return [
            (title, {**block, "fields": [f for f in block["fields"] if f != "loaded_version"]})
            for title, block in fieldsets
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        raise_404_unless_visible(self, request, object_id)
        # The buttons and the comment thread, above the form (change_form.html).
        evaluation = Evaluation.objects.get(pk=object_id)
        extra_context = {
            **(extra_context or {}),
            "workflow_steps": workflow.available_steps(evaluation, request.user),
            "comments": evaluation.comments.select_related("author"),
            "may_comment": permissions.can_comment(request.user, evaluation),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj: Evaluation, form, change: bool) -> None:
        obj.lock_version += 1
        super().save_model(request, obj, form, change)
        if not change:
            workflow.prepare_answers(obj)

    def save_related(self, request, form, formsets, change: bool) -> None:
        evaluation = form.instance
        # Who was assigned before this save, so that only the newly assigned are told.
        evaluators_before = set(evaluation.evaluators.values_list("pk", flat=True))
        reviewers_before = set(evaluation.peer_reviewers.values_list("pk", flat=True))
        super().save_related(request, form, formsets, change)
        told = notifications.evaluators_assigned(
            evaluation, evaluation.evaluators.exclude(pk__in=evaluators_before)
        )
        if evaluation.state == State.PEER_REVIEW:
            # A peer reviewer added during peer review: it is their turn at once.
            told += notifications.peer_review_due(
                evaluation, evaluation.peer_reviewers.exclude(pk__in=reviewers_before)
            )
        if told:
            self.message_user(
                request,
                gettext("Assigned") + "; " + workflow.notified(told),
                messages.SUCCESS,
            )
        # Only now are the inlines (answers, studies) saved too.
        changed = workflow.withdraw_approval_if_changed(form.instance, by=request.user)
        if changed:
            self.message_user(
                request,
                _(
                    "The board's approval was withdrawn because %(parts)s changed; the "
                    "evaluation needs the board's approval again."
                )
                % {"parts": ", ".join(changed)},
                messages.WARNING,
            )

    def get_urls(self):
        own = [
            path(
                "<int:object_id>/step/<slug:key>/",
                self.admin_site.admin_view(self.step_view),
                name="evaluations_evaluation_step",
            ),
            path(
                "<int:object_id>/comment/",
                self.admin_site.admin_view(self.comment_view),
                name="evaluations_evaluation_comment",
            ),
        ]
        return own + super().get_urls()

    def _visible(self, request, object_id: int) -> Evaluation:
        evaluation = self.get_queryset(request).filter(pk=object_id).first()
        if evaluation is None:
            raise Http404
        return evaluation

    def step_view(self, request, object_id: int, key: str) -> HttpResponse:
        """A move of the workflow: GET asks to confirm it and says what happens, POST makes it."""
        evaluation = self._visible(request, object_id)
        change_url = reverse("admin:evaluations_evaluation_change", args=[evaluation.pk])
        steps = {step.key: step for step in workflow.available_steps(evaluation, request.user)}
        step = steps.get(key)
        error = "" if step else workflow.why_not(evaluation, key, request.user)
        if request.method == "POST" and step:
            reason = request.POST.get("reason", "")
            try:
                done = workflow.take_step(evaluation, key, by=request.user, reason=reason)
            except workflow.WorkflowError as refusal:
                error = str(refusal)
            else:
                self.message_user(request, done, messages.SUCCESS)
                return redirect(change_url)
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "evaluation": evaluation,
            "step": step,
            "error": error,
            "change_url": change_url,
            "title": step.label if step else gettext("Not possible now"),
        }
        status = 200 if not error else (403 if step is None else 400)
        return TemplateResponse(
            request, "admin/evaluations/evaluation/step.html", ctx, status=status
        )

    def comment_view(self, request, object_id: int) -> HttpResponse:
        """The internal comment thread: GET shows the form, POST adds the comment."""
        evaluation = self._visible(request, object_id)
        change_url = reverse("admin:evaluations_evaluation_change", args=[evaluation.pk])
        error = ""
        if request.method == "POST":
            try:
                workflow.add_comment(evaluation, by=request.user, text=request.POST.get("text", ""))
            except workflow.WorkflowError as refusal:
                error = str(refusal)
            else:
                self.message_user(request, gettext("Comment added."), messages.SUCCESS)
                return redirect(change_url)
        ctx = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "evaluation": evaluation,
            "comment": True,
            "error": error,
            "change_url": change_url,
            "title": gettext("Write a comment"),
        }
        return TemplateResponse(
            request,
            "admin/evaluations/evaluation/step.html",
            ctx,
            status=400 if error else 200,
        )

    @admin.display(description=_("Level these answers give"))
    def level_given(self, evaluation: Evaluation):
        if evaluation.pk is None:
            return "–"
        result = evaluation.rating_result()
        level = evaluation.scale_level(result)
        label = str(level) if level else _("No level reached yet")
        if not result.reasons:
            return label
        heading, *gaps = result.reasons
        items = format_html_join("", "<li>{}</li>", ((gap,) for gap in gaps))
        return format_html("<strong>{}</strong><br>{}<ul>{}</ul>", label, heading, items)

    @admin.display(description=_("Board approval"))
    def board_approval(self, evaluation: Evaluation) -> str:
        if evaluation.board_approved_on is None:
            return _("Not approved")
        approved = f"{evaluation.board_approved_on:%d.%m.%Y} – {evaluation.board_approved_by}"
        changed = workflow.changed_since_approval(evaluation)
        if changed:
            return format_html(
                "{}<br><strong>{}</strong>",
                approved,
                _("Changed since: %(parts)s") % {"parts": ", ".join(changed)},
            )
        return approved

    @admin.display(description=_("Latest changes to the answers"))
    def answer_changes(self, evaluation: Evaluation):
        if evaluation.pk is None:
            return "–"
        rows = (
            CriterionAnswer.history.filter(evaluation_id=evaluation.pk)
            .select_related("history_user", "criterion")
            .order_by("-history_date")[:ANSWER_CHANGES_SHOWN]
        )
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} · {} · {}: {}</li>",
                (
                    (
                        f"{timezone.localtime(row.history_date):%d.%m.%Y %H:%M}",
                        row.history_user or "–",
                        row.criterion.code,
                        row.get_answer_display() or "–",
                    )
                    for row in rows
                ),
            ),
        )

    @admin.action(description=_("Start an update: a new version of a published evaluation"))
    def start_update(self, request, queryset) -> None:
        for evaluation in queryset:
            if not evaluation.is_published:
                self.message_user(
                    request,
                    f"{evaluation}: {_('Only a published evaluation can be updated.')}",
                    messages.ERROR,
                )
                continue
            self.run_workflow(
                request,
                Evaluation.objects.filter(pk=evaluation.pk),
                lambda e: workflow.start_update(e.method, by=request.user),
            )

    @admin.action(description=_("Approve (scientific board)"))
    def approve(self, request, queryset) -> None:
        self.run_workflow(request, queryset, lambda e: workflow.approve(e, by=request.user))

    @admin.action(description=_("Publish the rating"))
    def publish(self, request, queryset) -> None:
        self.run_workflow(request, queryset, lambda e: workflow.publish(e, by=request.user))

    def run_workflow(self, request, queryset: QuerySet[Evaluation], step) -> None:
        done = 0
        for evaluation in queryset:
            try:
                step(evaluation)
            except workflow.WorkflowError as refusal:
                self.message_user(request, f"{evaluation}: {refusal}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d evaluation updated.", "%(count)d evaluations updated.", done)
                % {"count": done},
                messages.SUCCESS,
            )


@admin.register(Proposal)
class ProposalAdmin(OptimisticLockAdmin, ReadOnlyHistoryAdmin):
    list_display = ("method_name", "state", "proposer_organisation", "created_at", "decided_on")
    list_filter = ("state",)
    search_fields = ("method_name", "proposer_name", "proposer_organisation")
    autocomplete_fields = ("method",)
    readonly_fields = ("state", "decided_by", "decided_on", "evaluation", "public_id")
    actions = ["accept", "reject"]
    fieldsets = (
        (
            _("Proposal"),
            {
                "fields": (
                    "method_name",
                    "description",
                    "website",
                    "proposer_name",
                    "proposer_email",
                    "proposer_organisation",
                    "is_method_owner",
                    "language",
                    "public_id",
                )
            },
        ),
        (
            _("Inclusion checklist"),
            {
                "fields": (
                    "aim_met",
                    "target_group_met",
                    "theory_met",
                    "training_met",
                    "ethics_met",
                    "is_assessment_method",
                    "is_unlimited_therapy",
                    "checklist_notes",
                    "method",
                )
            },
        ),
        (
            _("Decision"),
            {"fields": ("state", "decision_note", "decided_by", "decided_on", "evaluation")},
        ),
    )

    def has_module_permission(self, request) -> bool:
        return bool(roles_of(request.user) & {Role.EDITOR, Role.BOARD})

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        undecided = obj is None or obj.state == ProposalState.PROPOSED
        return undecided and self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return False  # Proposals come through the public form.

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        if has_role(request.user, Role.EDITOR):
            return self.readonly_fields
        # Board members record only the reason of their decision.
        every_field = [name for _title, block in self.fieldsets for name in block["fields"]]
        return [name for name in every_field if name != "decision_note"]

    @admin.action(description=_("Accept for evaluation (scientific board)"))
    def accept(self, request, queryset) -> None:
        self._decide(request, queryset, accept=True)

    @admin.action(description=_("Do not accept (scientific board; give the reason first)"))
    def reject(self, request, queryset) -> None:
        self._decide(request, queryset, accept=False)

    def _decide(self, request, queryset, accept: bool) -> None:
        for proposal in queryset:
            try:
                workflow.decide_proposal(
                    proposal, accept, by=request.user, note=proposal.decision_note
                )
            except workflow.WorkflowError as refusal:
                self.message_user(request, f"{proposal}: {refusal}", messages.ERROR)
            else:
                self.message_user(request, f"{proposal}: {proposal.get_state_display()}")
