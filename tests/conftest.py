"""Shared fixtures: vocabularies, a method factory and the standing cast of users."""

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import translation

from accounts.models import User
from accounts.roles import Role, ensure_role_groups
from evaluations.models import Evaluation
from evaluations.workflow import new_evaluation
from methods.demo_data import load_vocabularies
from methods.models import VOCABULARY_RELATIONS, Method, Organisation, ScaleLevel, Term, Vocabulary
from methods.search import index_methods
from tests.evaluation_factories import publish_evaluation_with_level

from .demo_snapshot import Snapshot, restore, take_snapshot_of_the_demo
from .role_groups import role_group

# Fixtures of the implementation tests (regions, coordinators) live in their own module.
pytest_plugins = ["tests.implementation_factories"]

_counter = itertools.count(1)
BROWSER_TESTS = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow groups so that `-m "not browser and not fuzz"` gives a quick run.

    Everything under tests/browser/ drives Chromium. Hypothesis's @given and schemathesis's
    parametrize both set `is_hypothesis_test` on the test function: those are the fuzz tests.
    """
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)


@pytest.fixture(scope="session", autouse=True)
def plain_http_and_static() -> None:
    """Tests speak plain HTTP and run without collectstatic's manifest.

    Set for the whole session, before the live server of the browser tests builds its
    middleware, which reads these settings once.
    """
    settings.SECURE_SSL_REDIRECT = False
    # Hashing passwords properly is slow by design; tests need no protection against cracking.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """The test database as pytest-django makes it, with the role groups in place.

    Every test user belongs to a role; making its group for each user was most of the cost
    of a user.
    """
    with django_db_blocker.unblock():
        ensure_role_groups()


@pytest.fixture(autouse=True)
def finnish_by_default():
    """Each test starts in Finnish, the master language, as a fresh request would."""
    with translation.override("fi"):
        yield


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> Snapshot:
    """Every table's rows after loading the demo data of every app, read once per session."""
    with django_db_blocker.unblock():
        return take_snapshot_of_the_demo()


@pytest.fixture(scope="module")
def demo_registry(demo_snapshot, django_db_blocker) -> Iterator[None]:
    """The demo data of every app, in place for the module that asks for it.

    It is written back from the session's snapshot in a transaction that is rolled back after
    the module, so no other module sees it. Each test of the module still runs in its own
    savepoint inside that transaction (pytest-django's `db`), so what one test changes is
    undone before the next.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        restore(demo_snapshot)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_registry, db) -> None:
    """The demo registry, for one test (in its own savepoint of the module's load)."""


@pytest.fixture
def vocabularies(db) -> None:
    load_vocabularies()


def term(vocabulary: Vocabulary, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def level(key: str) -> ScaleLevel:
    return ScaleLevel.objects.get(key=key)


@pytest.fixture
def make_method(vocabularies) -> Callable[..., Method]:
    """Create a published method; keyword arguments name fields or vocabulary codes.

    make_method(name_fi="Voima", topics=["depression"], rating="4of5", age_min=3, age_max=9)

    A rating is given the only way a real one is: by publishing an evaluation whose
    answers reach that level.
    """

    def make(
        *,
        topics: tuple[str, ...] = (),
        target_groups: tuple[str, ...] = (),
        service_settings: tuple[str, ...] = (),
        delivery_formats: tuple[str, ...] = (),
        care_levels: tuple[str, ...] = (),
        training_languages: tuple[str, ...] = (),
        rating: str | None = None,
        rated_on: date = date(2025, 1, 1),
        owner: Organisation | None = None,
        **fields,
    ) -> Method:
        number = next(_counter)
        fields.setdefault("name_fi", f"Menetelmä {number}")
        fields.setdefault("slug", f"menetelma-{number}")
        fields.setdefault("age_min", 0)
        fields.setdefault("age_max", 17)
        fields.setdefault("is_published", True)
        method = Method.objects.create(owner=owner, **fields)
        chosen = {
            "topics": topics,
            "target_groups": target_groups,
            "service_settings": service_settings,
            "delivery_formats": delivery_formats,
            "care_levels": care_levels,
            "training_languages": training_languages,
        }
        for relation, vocabulary in VOCABULARY_RELATIONS.items():
            if chosen[relation]:  # a new method has no terms: nothing to set
                getattr(method, relation).set([term(vocabulary, c) for c in chosen[relation]])
        if rating:
            scale_level = level(rating)
            publish_evaluation_with_level(
                method, scale_level.scale.code, scale_level.value, version=1, on=rated_on
            )
            method.refresh_from_db()
        return method

    return make


@pytest.fixture
def make_indexed(make_method) -> Callable[..., Method]:
    """make_method, with the search documents the admin and demo loader keep current."""

    def make(**fields) -> Method:
        method = make_method(**fields)
        index_methods([method])
        return method

    return make


def _user_with_role(username: str, role: str | None) -> User:
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-password-1", is_staff=role is not None
    )
    if role:
        user.groups.add(role_group(role))
    return user


@pytest.fixture
def editor(db) -> User:
    return _user_with_role("testitoimittaja", Role.EDITOR)


@pytest.fixture
def evaluator(db) -> User:
    return _user_with_role("testiarvioitsija", Role.EVALUATOR)


@pytest.fixture
def other_evaluator(db) -> User:
    return _user_with_role("toinen-arvioitsija", Role.EVALUATOR)


@pytest.fixture
def board_member(db) -> User:
    return _user_with_role("testitoimituskunta", Role.BOARD)


@pytest.fixture
def evaluation(make_method, evaluator, other_evaluator) -> Evaluation:
    """A queued evaluation of one method, with an evaluator and a peer reviewer."""
    evaluation = new_evaluation(make_method(slug="voima"))
    evaluation.evaluators.add(evaluator)
    evaluation.peer_reviewers.add(other_evaluator)
    return evaluation


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
