"""The paths of the pages addressed by a slug, found once a language rather than a page.

A list page links twenty method cards and an API page fifty records in three languages, and
reverse() for each took a quarter of an API page's time: the path of a page is the same
around any slug, so it is reversed once per view, language and script prefix, and the slug
put in its place.
"""

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

SLUG_MARK = "slug-mark"
# What the slug converter of a path accepts (django.urls.converters.SlugConverter).
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def page_path(view_name: str, slug: str, language: str | None = None) -> str:
    """reverse(view_name, kwargs={"slug": slug}) in `language`, else the active one.

    A slug the path would not accept (one written past validation, by a script) is given to
    reverse(), which refuses it as it always has, rather than put in a path that is wrong.
    """
    language = language or get_language()
    if language is None or not SLUG.fullmatch(slug):  # no language to key the path by
        return reverse(view_name, kwargs={"slug": slug})
    before, after = _path_around_slug(view_name, language, get_script_prefix(), get_urlconf())
    return f"{before}{slug}{after}"


@lru_cache(maxsize=64)
def _path_around_slug(
    view_name: str, language: str, script_prefix: str, urlconf: str | None
) -> tuple[str, str]:
    """(The script prefix and the request's URLconf are in the key because reverse() reads
    them.)"""
    with override(language):
        path = reverse(view_name, kwargs={"slug": SLUG_MARK}, urlconf=urlconf)
    before, _mark, after = path.partition(SLUG_MARK)
    return before, after
