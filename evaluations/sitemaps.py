"""The workflow's public pages in the sitemap: every published rating's own page, the manuals
that ratings were made under, the pipeline and the proposal form."""

from django.urls import reverse

from lib.sitemaps import PagesSitemap, PublicSitemap

from .models import Evaluation, Manual


class EvaluationVersionSitemap(PublicSitemap):
    def items(self):
        return (
            Evaluation.objects.public()
            .select_related("method")
            .only("version", "published_on", "method__slug")
            .order_by("method__slug", "version")
        )

    def location(self, evaluation: Evaluation) -> str:
        return reverse("methods:evaluation", args=[evaluation.method.slug, evaluation.version])

    def lastmod(self, evaluation: Evaluation):
        return evaluation.published_on


class ManualSitemap(PublicSitemap):
    def items(self):
        used = Evaluation.objects.public().values("manual")
        return Manual.objects.filter(pk__in=used).only("version").order_by("version")

    def location(self, manual: Manual) -> str:
        return reverse("manual", args=[manual.version])


SITEMAPS = {
    "ratings": EvaluationVersionSitemap(),
    "manuals": ManualSitemap(),
    "evaluation-pages": PagesSitemap("pipeline", "propose"),
}
