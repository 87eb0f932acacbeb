"""Feedback on the accessibility of the service, which the law says every visitor can send."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    """Feedback on the accessibility of the service, sent from the accessibility statement."""

    message = models.TextField(_("message"))
    email = models.EmailField(_("email, if you would like an answer"), blank=True)
    page = models.CharField(_("the page it concerns"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=2)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message[:60]
