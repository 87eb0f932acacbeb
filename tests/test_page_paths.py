"""The paths of pages by slug, found once a language (lib.page_paths), are reverse()'s."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from lib.page_paths import page_path


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_method_page_path_is_the_reversed_one_in_each_language(language) -> None:
    with translation.override(language):
        expected = reverse("methods:detail", kwargs={"slug": "kiva-koulu"})
        assert page_path("methods:detail", "kiva-koulu") == expected


def test_two_slugs_of_one_view_get_their_own_paths() -> None:
    with translation.override("en"):
        assert page_path("methods:detail", "a") != page_path("methods:detail", "b")


def test_a_slug_no_path_accepts_is_refused_as_reverse_refuses_it() -> None:
    with translation.override("fi"), pytest.raises(NoReverseMatch):
        page_path("methods:detail", "../admin")
