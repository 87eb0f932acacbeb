from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = _("Evaluations")

    def ready(self) -> None:
        # Registered after modeltranslation, so the history keeps every language's summary.
        from simple_history import register

        from .models import CriterionAnswer, Evaluation

        register(Evaluation, m2m_fields=["evaluators", "peer_reviewers"])
        register(CriterionAnswer, m2m_fields=["studies"])
