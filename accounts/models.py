from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The project's own user model, in place from the first migration so it can grow later."""

    # The language of the mail the workflow sends this person (evaluations.notifications).
    language = models.CharField(
        _("language of notifications"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="fi",
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username
