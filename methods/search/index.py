"""The search documents: every form of a method's searchable words, per language.

A method has one SearchDocument per language. `names` holds the forms of its name in that
language and in Finnish (names travel between languages), its original name and its acronym;
`body` those of its summary, aims and the labels of its topics and target groups in that
language. Each form is padded with spaces, so a whole form is " form ".
"""

from collections.abc import Iterable

from django.db import transaction

from lib.languages import LANGUAGES, MASTER_LANGUAGE

from ..models import Method, SearchDocument
from .morphology import index_forms, tokens


def forms_text(texts: Iterable[str], language: str) -> str:
    forms: list[str] = []
    for text in texts:
        for word in tokens(text):
            forms.extend(sorted(index_forms(word, language)))
    return f" {' '.join(dict.fromkeys(forms))} " if forms else " "


def texts_of(method: Method, language: str) -> tuple[list[str], list[str]]:
    """(name texts, body texts) of a method in one language."""
    names = [getattr(method, f"name_{language}") or ""]
    body = [getattr(method, f"summary_{language}") or "", getattr(method, f"aims_{language}") or ""]
    for term in [*method.topics.all(), *method.target_groups.all()]:
        body.append(getattr(term, f"label_{language}") or "")
    return names, body


def document_for(method: Method, language: str) -> tuple[str, str]:
    names, body = texts_of(method, language)
    name_forms = forms_text(names, language)
    if language != MASTER_LANGUAGE:
        name_forms += forms_text([method.name_fi or ""], MASTER_LANGUAGE).strip() + " "
    # The original name and acronym are in no one language: their words as written, with
    # the English lemmas most of them have.
    foreign = forms_text([method.original_name, method.acronym], "en").strip()
    return f"{name_forms}{foreign} " if foreign else name_forms, forms_text(body, language)


@transaction.atomic
def index_methods(methods: Iterable[Method]) -> None:
    """Write the search documents of these methods (call after any change to their texts)."""
    for method in methods:
        for language in LANGUAGES:
            names, body = document_for(method, language)
            SearchDocument.objects.update_or_create(
                method=method, language=language, defaults={"names": names, "body": body}
            )


def index_all() -> None:
    index_methods(Method.objects.prefetch_related("topics", "target_groups"))
