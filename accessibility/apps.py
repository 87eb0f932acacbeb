from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    """The accessibility statement and the feedback it invites (Act on the Provision of
    Digital Services, 306/2019)."""

    name = "accessibility"
    verbose_name = _("Accessibility")
