"""Demo accounts, one per role (plus a second evaluator, to be the peer reviewer).

The password is for the demo only and is documented in the README; a real installation
creates its own accounts.
"""

from django.db import transaction

from .models import User
from .roles import Role, ensure_role_groups

DEMO_PASSWORD = "kasvuntuki-demo"
DEMO_USERS = {
    "toimittaja": (Role.EDITOR, "Tiina", "Toimittaja"),
    "arvioitsija": (Role.EVALUATOR, "Aino", "Arvioitsija"),
    "arvioitsija2": (Role.EVALUATOR, "Ville", "Vertainen"),
    "toimituskunta": (Role.BOARD, "Tuomas", "Tieteellinen"),
    "koordinaattori": (Role.COORDINATOR, "Kaisa", "Koordinaattori"),
}


@transaction.atomic
def load() -> dict[str, int]:
    ensure_role_groups()
    for username in DEMO_USERS:
        demo_user(username)
    return {"demo accounts": len(DEMO_USERS)}


def demo_user(username: str) -> User:
    role, first_name, last_name = DEMO_USERS[username]
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            # A reserved domain: the demo's notifications go nowhere real.
            "email": f"{username}@example.org",
            "is_staff": True,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(ensure_role_groups()[role])
    return user
