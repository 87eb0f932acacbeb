import json

from django.core.management.base import BaseCommand, CommandError

from methods.search.registry import build_everything
from opendata.registry_io import InvalidDocument, import_registry


class Command(BaseCommand):
    help = (
        "Read a registry document written by export_registry. Everything is checked first; "
        "if any record is invalid, each problem is reported and nothing is changed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="the JSON document to read")

    def handle(self, *args, path: str, **options) -> None:
        try:
            with open(path, encoding="utf-8") as file:
                document = json.load(file)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path}: cannot be read as JSON: {error}") from error
        try:
            counts = import_registry(document)
        except InvalidDocument as invalid:
            for problem in invalid.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Nothing was imported: {len(invalid.problems)} problem(s) in {path}."
            ) from invalid
        build_everything()  # the registry's indexes, for the first reader to find ready
        summary = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Imported {summary}."))
