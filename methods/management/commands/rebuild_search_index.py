from django.core.management.base import BaseCommand

from methods.search import index_all
from methods.search.registry import build_everything


class Command(BaseCommand):
    help = "Rebuild every method's search documents (lemmas), e.g. after a lemmatiser upgrade."

    def handle(self, *args, **options) -> None:
        index_all()
        build_everything()  # the registry's indexes, for the first reader to find ready
