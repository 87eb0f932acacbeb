"""The roles of the editorial process, kept as Django groups.

A user's role is membership of the group of that name. Each app declares in its own
`roles.py` which model permissions each role holds for that app's models (`PERMISSIONS`);
`ensure_role_groups` (the `setup_roles` command) gathers them into the groups. Object-level
rules (which evaluations an evaluator sees) live with each app, e.g. evaluations.permissions.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from lib.project import app_modules


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor (evaluation editorial office)")
    EVALUATOR = "evaluator", _("Evaluator")
    BOARD = "board", _("Member of the scientific editorial board")
    COORDINATOR = "coordinator", _("Regional coordinator")


# The actions of Django's model permissions, in the combinations the apps grant.
ALL = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
VIEW = ("view",)

# What an app's roles.py declares: role → model name → actions on the app's own models.
AppPermissions = dict[str, dict[str, tuple[str, ...]]]


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


def declared_permissions() -> dict[str, list[tuple[str, str]]]:
    """role → [(app label, codename)] from every app's roles.PERMISSIONS."""
    granted: dict[str, list[tuple[str, str]]] = {role: [] for role in Role.values}
    for module in app_modules("roles"):
        app_label = module.__name__.split(".")[0]
        for role, models_ in getattr(module, "PERMISSIONS", {}).items():
            for model, actions in models_.items():
                granted[role] += [(app_label, f"{action}_{model}") for action in actions]
    return granted


@transaction.atomic
def ensure_role_groups() -> dict[str, Group]:
    """A group per role holding exactly the permissions the apps declare. Idempotent.

    The permissions are read in one query, and a group whose permissions are already right
    is left alone: the demo loader and the tests call this for every user they create.
    """
    declared = declared_permissions()
    wanted = {key for keys in declared.values() for key in keys}
    by_key = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app_label for app_label, _ in wanted},
            codename__in={codename for _, codename in wanted},
        )
    }
    groups = {}
    for role, keys in declared.items():
        group, _created = Group.objects.get_or_create(name=role)
        # A declared permission that does not exist is a mistake in a roles.py: fail loudly.
        group.permissions.set([by_key[key] for key in keys])
        groups[role] = group
    return groups
