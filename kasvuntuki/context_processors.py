from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language_info


def language_links(request: HttpRequest) -> dict:
    """The current page in each language, for the language switcher and hreflang links.

    The query string is kept, so a filtered list stays filtered in the other language.
    """
    path = request.get_full_path()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "absolute_url": request.build_absolute_uri(translate_url(path, code)),
            }
        )
    return {"language_links": links}
