"""History in admin: every change can be read, by those who may see the object, and reverted
by no one.

django-simple-history's "old version" page would otherwise let anyone with view permission
read objects hidden from them and save an old version over a published one.
"""

from django.core.exceptions import PermissionDenied
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
