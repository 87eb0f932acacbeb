"""The roles of the editorial process, kept as Django groups.

A user's role is membership of the group of that name; what each role may do to evaluations
is decided in evaluations.permissions, which depends on this module, not the other way round.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor (evaluation editorial office)")
    EVALUATOR = "evaluator", _("Evaluator")
    BOARD = "board", _("Member of the scientific editorial board")


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The user's roles, read once per user object (a superuser counts as an editor)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_kasvuntuki_roles", None)
    if cached is None:
        names = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
        if user.is_superuser:
            names.add(Role.EDITOR)
        cached = frozenset(names)
        user._kasvuntuki_roles = cached
    return cached


def has_role(user: AbstractBaseUser | AnonymousUser, role: Role) -> bool:
    return role in roles_of(user)
