"""The registry's public pages in the sitemap: the method pages of published methods."""

from lib.sitemaps import PagesSitemap, PublicSitemap

from .models import Method


class MethodSitemap(PublicSitemap):
    def items(self):
        return Method.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, method: Method):
        return method.updated_at


SITEMAPS = {
    "methods": MethodSitemap(),
    "registry-pages": PagesSitemap("home", "methods:list", "about_ratings", "gap_map"),
}
