from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views

# The list and the method pages are namespaced ("methods:list"); the site-wide pages of the
# registry keep plain names that every template links to.
method_patterns = (
    [
        path("", views.method_list, name="list"),
        path("<slug:slug>/", views.method_detail, name="detail"),
        path(
            format_lazy("<slug:slug>/{}<int:version>/", _("evaluation/")),
            views.evaluation_version,
            name="evaluation",
        ),
    ],
    "methods",
)

urlpatterns = [
    path("", views.home, name="home"),
    path(_("methods/"), include(method_patterns)),
    path(_("about-the-ratings/"), views.about_ratings, name="about_ratings"),
    path(_("compare/"), views.compare, name="compare"),
    path(_("evidence-gap-map/"), views.gap_map, name="gap_map"),
    path(
        format_lazy("{}{}", _("evidence-gap-map/"), "csv/"), views.gap_map_csv, name="gap_map_csv"
    ),
    path(format_lazy("{}{}", _("compare/"), "csv/"), views.compare_csv, name="compare_csv"),
]
