"""Wiring only: each app's URLs under their prefix, the admin, and the error handlers."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accessibility.sitemaps import SITEMAPS as ACCESSIBILITY_SITEMAPS
from evaluations.sitemaps import SITEMAPS as EVALUATION_SITEMAPS
from implementation.sitemaps import SITEMAPS as IMPLEMENTATION_SITEMAPS
from methods.sitemaps import SITEMAPS as METHOD_SITEMAPS
from opendata.sitemaps import SITEMAPS as OPEN_DATA_SITEMAPS

from . import views

# Every public page in the three languages, for search engines; each app lists its own.
SITEMAPS = (
    METHOD_SITEMAPS
    | EVALUATION_SITEMAPS
    | IMPLEMENTATION_SITEMAPS
    | ACCESSIBILITY_SITEMAPS
    | OPEN_DATA_SITEMAPS
)

admin.site.site_header = _("Kasvun tuki administration")
admin.site.site_title = _("Kasvun tuki")

# The open-data API has one address for all languages: each record carries all three.
urlpatterns = [
    path("api/", include("opendata.api_urls")),
    path("healthz", views.health, name="health"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots, name="robots"),
]

# Finnish at the root, Swedish under /sv/ and English under /en/, with the public pages' path
# words translated through the message catalogues ("menetelmat/", "metoder/", "methods/").
# The admin follows the same rule, so evaluators can work in /sv/admin/ or /en/admin/.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("methods.urls")),
    path("", include("evaluations.urls")),
    path("", include("implementation.urls")),
    path("", include("accessibility.urls")),
    path("", include("opendata.urls")),
    prefix_default_language=False,
)

handler400 = "kasvuntuki.views.bad_request"
handler403 = "kasvuntuki.views.permission_denied"
handler404 = "kasvuntuki.views.page_not_found"
handler500 = "kasvuntuki.views.server_error"
