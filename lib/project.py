"""The project's own apps, for the few things each app declares in its own folder (its demo
data, its role permissions) and that one command gathers from all of them."""

import importlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings


def project_apps() -> list[AppConfig]:
    """The installed apps that live in this repository, in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config for config in apps.get_app_configs() if Path(config.path).resolve().parent == base
    ]


def app_modules(name: str) -> Iterator[ModuleType]:
    """Each project app's module of this name (e.g. "demo_data"), for the apps that have one."""
    for config in project_apps():
        module = f"{config.name}.{name}"
        if importlib.util.find_spec(module) is not None:
            yield importlib.import_module(module)
