"""Links that we store and show: http and https only.

Django's URLField also accepts ftp: and ftps:, and an import or a script that skips form
validation could store javascript:, which a page would then render as a link. Every stored
link is a WebLinkField, validated by forms, admin (model validation) and the import alike.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")
validate_web_link = URLValidator(
    schemes=list(SCHEMES),
    message=_("Enter a web address that begins with https:// or http://."),
)


def is_web_link(value: object) -> bool:
    """Whether a value is an empty link or a valid http(s) address."""
    if value == "":
        return True
    if not isinstance(value, str):
        return False
    try:
        validate_web_link(value)
    except ValidationError:
        return False
    return True


class WebLinkField(models.URLField):
    """A URLField that accepts http and https addresses only.

    It differs from URLField only in validation, which has no part in the database schema, so
    it deconstructs as a URLField: the migrations stay those of a URLField.
    """

    default_validators = [validate_web_link]

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
