"""The site's languages, and moving translated fields between models and {"fi", "sv", "en"}."""

from django.conf import settings

LANGUAGES: list[str] = [code for code, _name in settings.LANGUAGES]


def texts_by_language(obj, field: str) -> dict[str, str]:
    """{"fi": …, "sv": …, "en": …} from a model's name_fi, name_sv and name_en."""
    return {lang: getattr(obj, f"{field}_{lang}") or "" for lang in LANGUAGES}


def field_values(field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"name_fi": …, "name_sv": …, "name_en": …} from {"fi": …, "sv": …, "en": …}."""
    return {f"{field}_{lang}": texts.get(lang, "") or "" for lang in LANGUAGES}
