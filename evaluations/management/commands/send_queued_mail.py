from django.core.management.base import BaseCommand

from evaluations.outbox import send_unsent


class Command(BaseCommand):
    help = "Send the notifications whose first send failed (run from cron, e.g. every 5 minutes)."

    def handle(self, *args, **options) -> None:
        sent, unsent = send_unsent()
        if options["verbosity"]:
            self.stdout.write(f"Sent {sent}; {unsent} still waiting.")
