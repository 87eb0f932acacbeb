from django.core.management.base import BaseCommand

from methods.demo_data import load_registry


class Command(BaseCommand):
    help = "Load the demo registry (vocabularies, regions, organisations, methods). Safe to rerun."

    def handle(self, *args, **options) -> None:
        counts = load_registry()
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
