import json
import sys

from django.core.management.base import BaseCommand

from evaluations.registry_io import export_registry


class Command(BaseCommand):
    help = "Write the whole public registry as one JSON document (to a file or stdout)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", help="file to write; stdout if left out")

    def handle(self, *args, path: str | None = None, **options) -> None:
        text = json.dumps(export_registry(), ensure_ascii=False, indent=2, sort_keys=True)
        if path:
            with open(path, "w", encoding="utf-8") as file:
                file.write(text + "\n")
        else:
            sys.stdout.write(text + "\n")
