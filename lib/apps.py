from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibConfig(AppConfig):
    """Infrastructure shared by the apps: no models and no URLs, only wiring and helpers."""

    name = "lib"
    verbose_name = _("Shared infrastructure")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .page_cache import bump_on_change

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(bump_on_change, dispatch_uid=f"page-cache-{signal}")
