"""History in admin: every change can be read, by those who may see the object, and reverted
by no one.

django-simple-history's "old version" page would otherwise let anyone with view permission
read objects hidden from them and save an old version over a published one.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import ForeignKey
from django.http import Http404, HttpRequest
from simple_history.admin import SimpleHistoryAdmin


def raise_404_unless_visible(model_admin, request: HttpRequest, object_id) -> None:
    """Objects a user may not see are not found (rather than "perhaps it was deleted")."""
    try:
        exists = model_admin.get_queryset(request).filter(pk=int(object_id)).exists()
    except (TypeError, ValueError):
        exists = False
    if not exists:
        raise Http404


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
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
