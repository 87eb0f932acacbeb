"""Template helpers for the public pages."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info

from lib.languages import MASTER_LANGUAGE
from methods.search import MIN_PART_LENGTH, candidates_for

register = template.Library()


@register.inclusion_tag("includes/translated_text.html")
def translated(obj, field: str, paragraphs: bool = False, highlight=None) -> dict:
    """A translated field in the page's language, or the Finnish text with a visible note.

    The fallback text carries lang="fi" so that screen readers pronounce it right.
    """
    language = get_language() or MASTER_LANGUAGE
    own_text = getattr(obj, f"{field}_{language}", "") or ""
    if own_text or language == MASTER_LANGUAGE:
        return {
            "text": own_text,
            "fallback_lang": None,
            "paragraphs": paragraphs,
            "highlight": highlight,
        }
    return {
        "text": getattr(obj, f"{field}_{MASTER_LANGUAGE}", "") or "",
        "fallback_lang": MASTER_LANGUAGE,
        "language_name": get_language_info(language)["name_translated"],
        "paragraphs": paragraphs,
        "highlight": highlight,
    }


WORD_OR_OTHER = re.compile(r"(\w+)", re.UNICODE)


@register.filter
def highlight(text: str, lemmas) -> str | SafeString:
    """Wrap the words whose lemma the search matched in <mark>; everything else escaped."""
    if not lemmas or not text:
        return text
    language = get_language() or MASTER_LANGUAGE
    parts = []
    for part in WORD_OR_OTHER.split(str(text)):
        if part and part[0].isalnum() and _is_match(part.lower(), language, lemmas):
            parts.append(format_html("<mark>{}</mark>", part))
        else:
            parts.append(escape(part))
    return mark_safe("".join(parts))  # every part above is escaped


def _is_match(word: str, language: str, lemmas: set[str]) -> bool:
    for candidate in candidates_for(word, language):
        for lemma in lemmas:
            if candidate == lemma or (len(lemma) >= MIN_PART_LENGTH and lemma in candidate):
                return True
    return False


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced, e.g. for pagination links."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params[name] = value
    return params.urlencode()
