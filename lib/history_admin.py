"""History in admin: every change can be read, by those who may see the object, and reverted
by no one.

django-simple-history's "old version" page would otherwise let anyone with view permission
read objects hidden from them and save an old version over a published one.
"""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ForeignKey, JSONField, ManyToManyField
from django.http import Http404, HttpRequest
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from lib.languages import translated_fields

NO_VALUE = "–"
# Bookkeeping that changes on every save and tells a reader nothing.
UNSHOWN_FIELDS = {"lock_version", "updated_at"}


def translated_base_fields(model) -> tuple[str, ...]:
    try:
        return translated_fields(model)
    except NotRegistered:  # a model without translated fields
        return ()


class LabelledHistoryHelper(HistoricalRecordContextHelper):
    """History diffs in words: choice labels instead of codes, "yes"/"no", dates in the
    reader's format and time zone, "–" for nothing (never "None" or "pk=None")."""

    def context_for_delta_changes(self, delta) -> list[dict]:
        shown = [
            change
            for change in delta.changes
            if change.field not in UNSHOWN_FIELDS
            # "summary" repeats one of "summary_fi", "summary_sv", "summary_en".
            and change.field not in translated_base_fields(self.model)
            and not isinstance(self.model._meta.get_field(change.field), JSONField)
        ]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=shown))

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, ManyToManyField):
            named = super().prepare_delta_change_value(change, value)
            return ", ".join(sorted(force_str(item) for item in named)) or NO_VALUE
        return describe(field, value)


def describe(field, value) -> str:
    """One stored value as a person reads it."""
    if isinstance(value, DeletedObject):
        if value.pk is None:
            return NO_VALUE
        kind = value.model._meta.verbose_name
        return _("deleted (%(kind)s %(id)s)") % {"kind": kind, "id": value.pk}
    if value is None or value == "":
        return NO_VALUE
    if field.choices:
        return force_str(dict(field.flatchoices).get(value, value))
    if isinstance(field, BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return force_str(value)


def raise_404_unless_visible(model_admin, request: HttpRequest, object_id) -> None:
    """Objects a user may not see are not found (rather than "perhaps it was deleted")."""
    try:
        exists = model_admin.get_queryset(request).filter(pk=int(object_id)).exists()
    except (TypeError, ValueError):
        exists = False
    if not exists:
        raise Http404


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    def get_historical_record_context_helper(self, request, historical_record):
        return LabelledHistoryHelper(self.model, historical_record)

    def history_view_title(self, request, obj) -> str:
        return _("History: %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj) -> str:
        return _("Earlier version: %(object)s") % {"object": obj}

    def get_history_queryset(self, request, history_manager, pk_name: str, object_id):
        """As simple-history lists the versions, but without its select_related() with no
        field names for a model without foreign keys (a service model), which Django 6.1
        deprecates."""
        versions = history_manager.filter(**{pk_name: object_id})
        if not isinstance(history_manager.model.history_user, property):
            versions = versions.select_related("history_user")
        foreign_keys = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, ForeignKey)
        ]
        return versions.select_related(*foreign_keys) if foreign_keys else versions

    def history_view(self, request, object_id, extra_context=None):
        raise_404_unless_visible(self, request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied  # Old versions are read, never saved back.
        raise_404_unless_visible(self, request, object_id)
        if not str(version_id).isdigit():
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
