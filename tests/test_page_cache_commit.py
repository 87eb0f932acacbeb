"""The public data's version moves again when a write commits (lib.page_cache)."""

import pytest

from lib.page_cache import public_version


@pytest.mark.django_db
def test_the_version_moves_again_when_a_write_commits(
    make_method, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_method()
        written = public_version()
    for callback in callbacks:
        callback()
    assert public_version() != written
