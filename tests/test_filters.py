"""The list's filters (methods.filters)."""

from methods.filters import TERM_FILTERS
from methods.models import VOCABULARY_RELATIONS


def test_there_is_a_term_filter_for_every_vocabulary_methods_are_classified_by() -> None:
    # facet_terms are the classification terms the search reads too: one query of the terms.
    assert sorted(TERM_FILTERS.values()) == sorted(VOCABULARY_RELATIONS.values())
