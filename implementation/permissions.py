"""Who may change which implementation records: editors all of them, a regional coordinator
only those of their own regions (the others they may read). One place, used by admin."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from accounts.roles import Role, has_role
from methods.models import Region

from .models import Adoption, RegionalCoordinator, ServiceModel, TrainingRecord

User = AbstractBaseUser | AnonymousUser


def own_regions(user: User) -> QuerySet[Region]:
    """The regions whose records this user may change."""
    if has_role(user, Role.EDITOR):
        return Region.objects.all()
    if not has_role(user, Role.COORDINATOR):
        return Region.objects.none()
    return Region.objects.filter(
        pk__in=RegionalCoordinator.regions.through.objects.filter(
            regionalcoordinator__user=user
        ).values("region_id")
    )


def region_of(record: Adoption | TrainingRecord) -> int:
    return record.adoption.region_id if isinstance(record, TrainingRecord) else record.region_id


def can_change(user: User, record: Adoption | TrainingRecord | ServiceModel | None) -> bool:
    """Editors change everything; a coordinator what belongs to their regions only."""
    if has_role(user, Role.EDITOR):
        return True
    if not has_role(user, Role.COORDINATOR):
        return False
    if record is None:
        return True  # the list, and adding a record (its region is checked on save)
    regions = set(own_regions(user).values_list("pk", flat=True))
    if isinstance(record, ServiceModel):
        # A new model has no regions yet; an existing one is theirs when every region is.
        model_regions = set(record.regions.values_list("pk", flat=True)) if record.pk else set()
        return model_regions <= regions
    return region_of(record) in regions
