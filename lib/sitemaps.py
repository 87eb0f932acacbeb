"""The base of every app's sitemap: each address in the three languages, with its alternates,
and absolute addresses from SITE_URL (never from the Host header, see lib.http.absolute_url).

Each domain app lists its public pages in its own sitemaps.py; kasvuntuki/urls.py gathers them.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True  # Finnish, the master language, for readers of any other language

    def get_protocol(self, protocol: str | None = None) -> str:
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).scheme
        return super().get_protocol(protocol)

    def get_domain(self, site=None) -> str:
        if settings.SITE_URL:
            return urlsplit(settings.SITE_URL).netloc
        return super().get_domain(site)


class PagesSitemap(PublicSitemap):
    """Pages without a record of their own, named by their URL names."""

    def __init__(self, *url_names: str) -> None:
        self.url_names = url_names

    def items(self) -> tuple[str, ...]:
        return self.url_names

    def location(self, item: str) -> str:
        return reverse(item)
