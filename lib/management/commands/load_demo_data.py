from django.core.management.base import BaseCommand
from django.db import transaction

from lib.page_cache import bump_public_version
from lib.project import app_modules


def demo_loaders() -> list:
    """Each installed app's `demo_data.load`, in INSTALLED_APPS order (methods before the apps
    that point at methods)."""
    return [module.load for module in app_modules("demo_data")]


class Command(BaseCommand):
    help = (
        "Load every app's demo data: the registry, ratings, evaluations in progress. Safe to rerun."
    )

    def handle(self, *args, **options) -> None:
        counts: dict[str, int] = {}
        with transaction.atomic():
            for load in demo_loaders():
                counts.update(load())
        bump_public_version()  # bulk writes send no signals
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
