from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views

urlpatterns = [
    path(_("regions/"), views.region_list, name="region_list"),
    path(format_lazy("{}<slug:code>/", _("regions/")), views.region_detail, name="region"),
    path(_("implementation/"), views.overview, name="implementation_overview"),
    path(
        format_lazy("{}{}", _("implementation/"), "csv/"),
        views.overview_csv,
        name="implementation_overview_csv",
    ),
    path(_("service-models/"), views.service_model_list, name="service_model_list"),
    path(
        format_lazy("{}<slug:slug>/", _("service-models/")),
        views.service_model_detail,
        name="service_model",
    ),
    path(_("therapy-guarantee/"), views.therapy_guarantee, name="therapy_guarantee"),
]
