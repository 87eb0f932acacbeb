from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MethodsConfig(AppConfig):
    name = "methods"
    verbose_name = _("Method registry")

    def ready(self) -> None:
        # History is registered here, after modeltranslation has added the name_fi/_sv/_en
        # columns, so that the history keeps every language and not just the active one.
        from simple_history import register

        from .models import VOCABULARY_RELATIONS, Method

        register(Method, m2m_fields=list(VOCABULARY_RELATIONS))
