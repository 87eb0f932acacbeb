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

        # The modules whose indexes are kept per version of the registry register them on
        # import (search.registry.kept_per_version); imported here so that building them
        # all (build_everything: before gunicorn forks, after an import) finds every one,
        # even in a process that has not loaded the URLs.
        from . import facets, filters  # noqa: F401
        from .search import query  # noqa: F401
