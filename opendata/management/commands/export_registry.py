import json

from django.core.management.base import BaseCommand

from opendata.registry_io import export_registry


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
            self.stdout.write(text)
