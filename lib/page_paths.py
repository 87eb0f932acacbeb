"""The paths of the pages addressed by a slug, found once a language rather than a page.

A list page links twenty method cards and an API page fifty records in three languages, and
reverse() for each took a quarter of an API page's time: the path of a page is the same
around any slug, so it is reversed once per view, language and script prefix, and the slug
put in its place.
"""

from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, override

SLUG_MARK = "slug-mark"


def page_path(view_name: str, slug: str) -> str:
    """reverse(view_name, kwargs={"slug": slug}) in the active language, for a valid slug
    (letters, digits, hyphens and underscores, which a path holds as they are)."""
    language = get_language()
    if language is None:  # translations deactivated: nothing to key the path by
        return reverse(view_name, kwargs={"slug": slug})
    before, after = _path_around_slug(view_name, language, get_script_prefix())
    return f"{before}{slug}{after}"


@lru_cache(maxsize=64)
def _path_around_slug(view_name: str, language: str, script_prefix: str) -> tuple[str, str]:
    """(The script prefix is in the key because reverse() adds it.)"""
    with override(language):
        path = reverse(view_name, kwargs={"slug": SLUG_MARK})
    before, _mark, after = path.partition(SLUG_MARK)
    return before, after
