from django.core.management.base import BaseCommand

from evaluations.demo_data import load_demo


class Command(BaseCommand):
    help = "Load the demo registry, its ratings and evaluations in progress. Safe to rerun."

    def handle(self, *args, **options) -> None:
        counts = load_demo()
        summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
