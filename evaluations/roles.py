"""What each role may do with the manual, studies, evaluations and proposals in admin.

These are the coarse model permissions the admin checks first; which evaluations a user sees
and when answers can be edited is decided object by object in evaluations.permissions.
"""

from accounts.roles import ALL, EDIT, VIEW, AppPermissions, Role

PERMISSIONS: AppPermissions = {
    Role.EDITOR: {
        "manual": EDIT,
        "criterion": EDIT,
        "study": EDIT,
        "evaluation": EDIT,
        "evaluationstudy": ALL,
        "criterionanswer": EDIT,
        "proposal": EDIT,
    },
    Role.EVALUATOR: {
        "manual": VIEW,
        "criterion": VIEW,
        "study": EDIT,
        "evaluation": ("change", "view"),
        "evaluationstudy": ALL,
        "criterionanswer": ("change", "view"),
    },
    Role.BOARD: {
        "manual": VIEW,
        "criterion": VIEW,
        "study": VIEW,
        "evaluation": VIEW,
        "evaluationstudy": VIEW,
        "criterionanswer": VIEW,
        "proposal": VIEW,
    },
}
