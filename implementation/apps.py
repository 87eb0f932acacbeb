from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImplementationConfig(AppConfig):
    """Where methods are in use: regional adoptions, training against targets, service models
    and national dissemination decisions."""

    name = "implementation"
    verbose_name = _("Implementation")

    def ready(self) -> None:
        # History is registered here, after modeltranslation has added the _fi/_sv/_en columns,
        # so that it keeps every language (as in the other apps).
        from simple_history import register

        from . import models

        register(models.Adoption, m2m_fields=["service_settings"])
        register(models.TrainingRecord)
        register(models.ServiceModel, m2m_fields=["regions", "topics"])
        register(models.ServiceModelPart)
        register(models.ServiceModelMethod)
        register(models.NationalSelection)
        register(models.RegionalCoordinator, m2m_fields=["regions"])
