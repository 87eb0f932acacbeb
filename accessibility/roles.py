"""Editors read and mark the accessibility feedback (see accounts.roles)."""

from accounts.roles import AppPermissions, Role

PERMISSIONS: AppPermissions = {Role.EDITOR: {"feedback": ("change", "view")}}
