"""What each role may do with the implementation records in admin (see accounts.roles).

Regional coordinators hold the model permissions here; which regions' records they may
change is decided object by object in implementation.permissions.
"""

from accounts.roles import ALL, EDIT, VIEW, AppPermissions, Role

PERMISSIONS: AppPermissions = {
    Role.EDITOR: {
        "adoption": ALL,
        "trainingrecord": ALL,
        "servicemodel": EDIT,
        "servicemodelpart": ALL,
        "servicemodelmethod": ALL,
        # A decision is never changed: a new decision is a new row.
        "nationalselection": ("add", "view"),
        "regionalcoordinator": ALL,
    },
    Role.COORDINATOR: {
        "adoption": ALL,
        "trainingrecord": ALL,
        "servicemodel": EDIT,
        "servicemodelpart": ALL,
        "servicemodelmethod": ALL,
        "nationalselection": VIEW,
    },
    Role.BOARD: {
        "adoption": VIEW,
        "trainingrecord": VIEW,
        "servicemodel": VIEW,
        "nationalselection": VIEW,
    },
}
