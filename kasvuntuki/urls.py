from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from evaluations import api_urls as evaluation_api_urls
from evaluations import views as evaluation_views
from methods import api_urls as method_api_urls
from methods import views as method_views

admin.site.site_header = _("Kasvun tuki administration")
admin.site.site_title = _("Kasvun tuki")

# The open-data API has one address for all languages: each record carries all three.
api_patterns = [*method_api_urls.urlpatterns, *evaluation_api_urls.urlpatterns]
urlpatterns = [
    path("api/v1/", include((api_patterns, "api"))),
    path("healthz", method_views.health, name="health"),
]

# Finnish at the root, Swedish under /sv/ and English under /en/, with the public pages' path
# words translated through the message catalogues ("menetelmat/", "metoder/", "methods/").
# The admin follows the same rule, so evaluators can work in /sv/admin/ or /en/admin/.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", method_views.home, name="home"),
    path(_("methods/"), include("methods.urls")),
    path(_("about-the-ratings/"), method_views.about_ratings, name="about_ratings"),
    path(_("evaluations/"), evaluation_views.pipeline, name="pipeline"),
    path(_("open-data/"), method_views.open_data, name="open_data"),
    path(_("accessibility/"), method_views.accessibility, name="accessibility"),
    path(_("propose/"), evaluation_views.propose, name="propose"),
    path(
        format_lazy("{}<uuid:public_id>/", _("propose/")),
        evaluation_views.proposal_status,
        name="proposal_status",
    ),
    prefix_default_language=False,
)

handler404 = "methods.views.page_not_found"
