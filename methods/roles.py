"""What each role may do with the registry's own models in admin (see accounts.roles)."""

from accounts.roles import ALL, EDIT, VIEW, AppPermissions, Role

PERMISSIONS: AppPermissions = {
    Role.EDITOR: {
        "method": EDIT,
        "contact": ALL,
        "term": EDIT,
        "organisation": EDIT,
        "region": EDIT,
        "ratingscale": VIEW,
        "scalelevel": VIEW,
    },
    Role.EVALUATOR: {"method": VIEW, "term": VIEW},
    Role.BOARD: {"method": VIEW, "term": VIEW, "organisation": VIEW, "region": VIEW},
    # Coordinators pick methods and regions for their records; they change none of them.
    Role.COORDINATOR: {"method": VIEW, "term": VIEW, "region": VIEW},
}
