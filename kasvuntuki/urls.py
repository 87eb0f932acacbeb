from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from methods import views as method_views

admin.site.site_header = _("Kasvun tuki administration")
admin.site.site_title = _("Kasvun tuki")

urlpatterns = [
    path("admin/", admin.site.urls),
]

# Public pages: Finnish at the root, Swedish under /sv/ and English under /en/, with path
# words translated through the message catalogues ("menetelmat/", "metoder/", "methods/").
urlpatterns += i18n_patterns(
    path("", method_views.home, name="home"),
    path(_("methods/"), include("methods.urls")),
    path(_("about-the-ratings/"), method_views.about_ratings, name="about_ratings"),
    prefix_default_language=False,
)

handler404 = "methods.views.page_not_found"
