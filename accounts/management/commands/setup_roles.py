from django.core.management.base import BaseCommand

from accounts.roles import ensure_role_groups


class Command(BaseCommand):
    help = "Create the role groups with the permissions each app declares. Safe to rerun."

    def handle(self, *args, **options) -> None:
        groups = ensure_role_groups()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(groups)}."))
