from django.core.management.base import BaseCommand

from evaluations.roles import ensure_role_groups


class Command(BaseCommand):
    help = "Create the editor, evaluator and board groups with their permissions. Safe to rerun."

    def handle(self, *args, **options) -> None:
        groups = ensure_role_groups()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(groups)}."))
