"""Template helpers for the public pages."""

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info

register = template.Library()

MASTER_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@register.inclusion_tag("includes/translated_text.html")
def translated(obj, field: str, paragraphs: bool = False) -> dict:
    """A translated field in the page's language, or the Finnish text with a visible note.

    The fallback text carries lang="fi" so that screen readers pronounce it right.
    """
    language = get_language() or MASTER_LANGUAGE
    own_text = getattr(obj, f"{field}_{language}", "") or ""
    if own_text or language == MASTER_LANGUAGE:
        return {"text": own_text, "fallback_lang": None, "paragraphs": paragraphs}
    return {
        "text": getattr(obj, f"{field}_{MASTER_LANGUAGE}", "") or "",
        "fallback_lang": MASTER_LANGUAGE,
        "language_name": get_language_info(language)["name_translated"],
        "paragraphs": paragraphs,
    }


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced, e.g. for pagination links."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params[name] = value
    return params.urlencode()
