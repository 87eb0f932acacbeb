"""The role groups of the tests' users: made once per session, not once per user."""

from django.contrib.auth.models import Group

from accounts.roles import ensure_role_groups


def role_group(role: str) -> Group:
    """The group of a role, as `ensure_role_groups` makes it.

    The groups are made once when the test database is set up (conftest's `django_db_setup`);
    a transactional test empties every table when it ends, and then they are made again.
    """
    group = Group.objects.filter(name=role).first()
    return group if group is not None else ensure_role_groups()[role]
