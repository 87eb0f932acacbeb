"""Implementation's public pages in the sitemap: regions, published service models, overviews."""

from django.urls import reverse

from lib.sitemaps import PagesSitemap, PublicSitemap
from methods.models import Region

from .models import ServiceModel


class RegionSitemap(PublicSitemap):
    def items(self):
        return Region.objects.only("code").order_by("code")

    def location(self, region: Region) -> str:
        return reverse("region", args=[region.code])


class ServiceModelSitemap(PublicSitemap):
    def items(self):
        return ServiceModel.objects.published().only("slug").order_by("slug")


SITEMAPS = {
    "regions": RegionSitemap(),
    "service-models": ServiceModelSitemap(),
    "implementation-pages": PagesSitemap(
        "region_list", "implementation_overview", "service_model_list", "therapy_guarantee"
    ),
}
