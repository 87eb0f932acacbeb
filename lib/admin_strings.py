"""Words of Django 6.1's admin that its Finnish or Swedish catalogues lack.

Listed here so that makemessages keeps them in our catalogues (locale/), which Django reads
before its own; otherwise the Finnish and Swedish admin would show them in English. Nothing
imports this module: the strings are found by makemessages, and used by Django's own code
and templates under the same msgids.
"""

from django.utils.translation import gettext_noop

DJANGO_ADMIN_STRINGS = (
    gettext_noop("- Select an option -"),  # the empty choice of every select (BLANK_CHOICE_LABEL)
    gettext_noop("Run"),  # the button of the list actions
    gettext_noop("Change or view list link"),  # a heading of the app list's table
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
)
