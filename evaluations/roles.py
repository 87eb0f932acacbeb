"""The groups behind the roles and the model permissions each holds.

Object-level rules (which evaluations an evaluator sees, when answers can be edited) are in
evaluations.permissions; these are the coarse model permissions the admin checks first.
`manage.py setup_roles` applies them; it is idempotent and runs after every deploy's migrate.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from accounts.roles import Role

ALL = ("add", "change", "delete", "view")
EDIT = ("add", "change", "view")
VIEW = ("view",)

# role → app label → model → actions
ROLE_PERMISSIONS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    Role.EDITOR: {
        "methods": {
            "method": EDIT,
            "contact": ALL,
            "term": EDIT,
            "organisation": EDIT,
            "region": EDIT,
            "ratingscale": VIEW,
            "scalelevel": VIEW,
            "feedback": ("change", "view"),
        },
        "evaluations": {
            "manual": EDIT,
            "criterion": EDIT,
            "study": EDIT,
            "evaluation": EDIT,
            "evaluationstudy": ALL,
            "criterionanswer": EDIT,
            "proposal": EDIT,
        },
    },
    Role.EVALUATOR: {
        "methods": {"method": VIEW, "term": VIEW},
        "evaluations": {
            "manual": VIEW,
            "criterion": VIEW,
            "study": EDIT,
            "evaluation": ("change", "view"),
            "evaluationstudy": ALL,
            "criterionanswer": ("change", "view"),
        },
    },
    Role.BOARD: {
        "methods": {"method": VIEW, "term": VIEW, "organisation": VIEW, "region": VIEW},
        "evaluations": {
            "manual": VIEW,
            "criterion": VIEW,
            "study": VIEW,
            "evaluation": VIEW,
            "evaluationstudy": VIEW,
            "criterionanswer": VIEW,
            "proposal": VIEW,
        },
    },
}


@transaction.atomic
def ensure_role_groups() -> dict[str, Group]:
    groups = {}
    for role, apps in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in apps.items()
            for model, actions in models.items()
            for action in actions
        ]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)
        groups[role] = group
    return groups
