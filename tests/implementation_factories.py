"""Fixtures for the implementation tests: regions, adoptions, training figures, coordinators."""

import pytest

from accounts.models import User
from accounts.roles import Role
from implementation.models import Adoption, AdoptionStatus, RegionalCoordinator, TrainingRecord
from methods.models import Region, Term, Vocabulary

from .role_groups import role_group


def region(code: str, name: str | None = None) -> Region:
    found, _ = Region.objects.get_or_create(
        code=code,
        defaults={"kind": "wellbeing_county", "name": name or code, "name_fi": name or code},
    )
    return found


def care_level(code: str) -> Term:
    return Term.objects.get(vocabulary=Vocabulary.CARE_LEVEL, code=code)


def adopt(method, where: Region, status=AdoptionStatus.IN_USE, level: str | None = None, **fields):
    return Adoption.objects.create(
        method=method,
        region=where,
        status=status,
        care_level=care_level(level) if level else None,
        **fields,
    )


def train(adoption: Adoption, year: int = 2025, **figures) -> TrainingRecord:
    return TrainingRecord.objects.create(adoption=adoption, year=year, **figures)


def coordinator_of(username: str, *regions: Region) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-password-1", is_staff=True
    )
    user.groups.add(role_group(Role.COORDINATOR))
    record = RegionalCoordinator.objects.create(user=user)
    record.regions.set(regions)
    return user


@pytest.fixture
def kymenlaakso(db) -> Region:
    return region("kyme", "Kymenlaakson hyvinvointialue")


@pytest.fixture
def vantaa(db) -> Region:
    return region("vake", "Vantaan ja Keravan hyvinvointialue")
