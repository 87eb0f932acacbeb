"""The site's languages, and moving translated fields between models and {"fi", "sv", "en"}.

Finnish is the master language: every translated text has a Finnish version, and a missing
Swedish or English one falls back to it visibly.
"""

from django.conf import settings
from django.db.models import Model
from django.utils.translation import get_language
from modeltranslation.translator import translator

LANGUAGES: list[str] = [code for code, _name in settings.LANGUAGES]
MASTER_LANGUAGE: str = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def translated_fields(model: type[Model]) -> tuple[str, ...]:
    """The fields of a model that have a column per language, as registered in translation.py."""
    return tuple(translator.get_options_for_model(model).fields)


def texts_by_language(obj, field: str) -> dict[str, str]:
    """{"fi": …, "sv": …, "en": …} from a model's name_fi, name_sv and name_en."""
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGUAGES}


def field_values(field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"name_fi": …, "name_sv": …, "name_en": …} from {"fi": …, "sv": …, "en": …}."""
    return {f"{field}_{lang}": texts.get(lang, "") or "" for lang in LANGUAGES}


def localized_field(field: str, language: str | None) -> str:
    """The column of a translated field in a language, e.g. "name_sv"; Finnish if unknown."""
    return f"{field}_{language if language in LANGUAGES else MASTER_LANGUAGE}"


def shown_text(obj, field: str) -> str:
    """A translated field as modeltranslation's attribute gives it (the text in the active
    language, else the Finnish), without its lookups: a list page reads two hundred labels."""
    return text_in_language(obj, field)[0]


def text_in_language(obj, field: str) -> tuple[str, str]:
    """(text, fallback language) of a translated field in the active language: its own text
    and "", or, where it has none, the Finnish text and "fi"."""
    language = get_language() or MASTER_LANGUAGE
    own = getattr(obj, f"{field}_{language}", "") or ""
    if own or language == MASTER_LANGUAGE:
        return own, ""
    return getattr(obj, f"{field}_{MASTER_LANGUAGE}", "") or "", MASTER_LANGUAGE
