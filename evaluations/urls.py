from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("evaluations/"), views.pipeline, name="pipeline"),
    path(_("propose/"), views.propose, name="propose"),
    path(format_lazy("{}<slug:version>/", _("criteria-manual/")), views.manual, name="manual"),
    path(
        format_lazy("{}<uuid:public_id>/", _("propose/")),
        views.proposal_status,
        name="proposal_status",
    ),
]
