"""Text search over the method registry."""

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

SEARCHED_FIELDS = ("name", "summary", "aims")


def search_methods(queryset: QuerySet, query: str) -> QuerySet:
    """Methods whose name, original name, acronym, summary or aims contain every word.

    Searches the page's language and Finnish, the master language that others fall back to.
    """
    languages = {get_language() or "fi", "fi"}
    for word in query.split():
        word_matches = Q(original_name__icontains=word) | Q(acronym__icontains=word)
        for field in SEARCHED_FIELDS:
            for language in languages:
                word_matches |= Q(**{f"{field}_{language}__icontains": word})
        queryset = queryset.filter(word_matches)
    return queryset
