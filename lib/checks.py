"""Deployment checks of our own settings (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register


@register(deploy=True)
def site_url_is_set(app_configs=None, **kwargs) -> list[CheckMessage]:
    """Without SITE_URL absolute addresses come from the request's Host header."""
    if settings.SITE_URL.startswith("https://"):
        return []
    return [
        Warning(
            "SITE_URL is not set to the site's https:// address.",
            hint="Set SITE_URL, e.g. https://kasvuntuki.fi: links in pages, the API, feeds "
            "and exports are built from it rather than from the request's Host header.",
            id="kasvuntuki.W001",
        )
    ]
