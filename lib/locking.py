"""Optimistic locking for admin forms: a save from a page opened before someone else's save
is refused, with what the other save changed, so that nothing is silently reverted.

The page carries a signed snapshot of the record as it was shown (every field, the choices of
each many-to-many field, and a fingerprint of each row of its inlines, such as a method's
contacts or a manual's criteria). On save, the record is read again, locked until the
admin's transaction ends (PostgreSQL; SQLite locks the whole database on write), and any field
that differs from the snapshot refuses the save. Needs no column: any model can use it.
Evaluations keep their own version counter (evaluations.admin.EvaluationForm).
"""

import hashlib

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import OperationalError, models
from django.http import HttpResponseRedirect
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

SALT = "kasvuntuki.optimistic-lock"
SHOWN_LENGTH = 80
ROWS_CHANGED = _("rows added, changed or removed")
CONFLICT = _(
    "Someone else saved this record while you were editing it. Nothing of yours was saved: "
    "open it again to see the latest version, then make your changes again."
)


def own_values(instance: models.Model) -> dict[str, str]:
    """Each stored field's value as text, but the id and the time of the last save."""
    return {
        field.attname: field.value_to_string(instance)
        for field in instance._meta.concrete_fields
        if not field.primary_key and not getattr(field, "auto_now", False)
    }


def row_fingerprint(row: models.Model) -> str:
    """A short stand-in for an inline row's values: the page need not carry whole texts."""
    digest = hashlib.sha256("\x1f".join(own_values(row).values()).encode()).hexdigest()[:16]
    return f"{row.pk}:{digest}"


def snapshot(instance: models.Model, children: tuple[str, ...] = ()) -> dict[str, str | list[str]]:
    """The record's own values as text, and its inline rows (`children`, the names of the
    reverse relations): what another save would change."""
    values: dict[str, str | list[str]] = dict(own_values(instance))
    for field in instance._meta.many_to_many:
        values[field.name] = sorted(
            str(pk) for pk in getattr(instance, field.name).values_list("pk", flat=True)
        )
    for name in children:
        values[name] = sorted(row_fingerprint(row) for row in getattr(instance, name).all())
    return values


def changed_fields(
    model: type[models.Model], loaded: dict, current: dict, children: tuple[str, ...] = ()
) -> list[str]:
    """ "field: its value now" for each field another save changed ("rows changed" for
    inline rows, whose fingerprints mean nothing to a reader)."""
    changes: list[str] = []
    for name, value in current.items():
        if loaded.get(name) == value:
            continue
        if name in children:
            [rows] = [
                relation.related_model._meta.verbose_name_plural
                for relation in model._meta.related_objects
                if relation.get_accessor_name() == name
            ]
            changes.append(f"{capfirst(rows)}: {ROWS_CHANGED}")
            continue
        field = model._meta.get_field(name.removesuffix("_id"))
        shown = ", ".join(value) if isinstance(value, list) else value
        if len(shown) > SHOWN_LENGTH:
            shown = shown[:SHOWN_LENGTH] + "…"
        changes.append(f"{field.verbose_name}: “{shown}”")
    return changes


class OptimisticLockForm(forms.ModelForm):
    loaded_state = forms.CharField(widget=forms.HiddenInput, required=False)
    # The reverse relations edited as inlines on the same page (set by OptimisticLockAdmin).
    locked_children: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            shown = snapshot(self.instance, self.locked_children)
            self.fields["loaded_state"].initial = signing.dumps(shown, salt=SALT)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        locked = model._default_manager.select_for_update().get(pk=self.instance.pk)
        current = snapshot(locked, self.locked_children)
        try:
            loaded = signing.loads(cleaned.get("loaded_state") or "", salt=SALT)
        except signing.BadSignature:
            loaded = {}
        changes = changed_fields(model, loaded, current, self.locked_children)
        if changes:
            what = format_lazy("{} {}", _("Changed meanwhile:"), "; ".join(changes))
            raise ValidationError([CONFLICT, what], code="conflict")
        return cleaned


class OptimisticLockAdmin:
    """Mix into a ModelAdmin before admin.ModelAdmin: its change form carries the lock."""

    form = OptimisticLockForm

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.locked_children = self.inline_relations()
        return form

    def inline_relations(self) -> tuple[str, ...]:
        """The reverse relations (e.g. "contacts") whose rows this page edits as inlines."""
        inline_models = {inline.model for inline in self.inlines}
        return tuple(
            relation.get_accessor_name()
            for relation in self.model._meta.related_objects
            if relation.one_to_many and relation.related_model in inline_models
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        named = {name for _title, block in fieldsets for name in block["fields"]}
        # Only on a form that can be saved: a read-only page would show it as an empty row.
        editable = obj is not None and self.has_change_permission(request, obj)
        if editable and "loaded_state" not in named:
            title, block = fieldsets[0]
            fields = (*block["fields"], "loaded_state")
            fieldsets[0] = (title, {**block, "fields": fields})
        return fieldsets

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except OperationalError as error:
            # SQLite refuses a second writer at the same moment ("database is locked"): the
            # same conflict as a stale page, rather than a server error.
            if "locked" not in str(error):
                raise
            self.message_user(request, CONFLICT, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
