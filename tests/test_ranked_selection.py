"""The list's order of a selection of methods, found only as far as a page asks
(methods.facets.RankedSelection), is the order of sorting them all."""

import random

import pytest

from methods.facets import FacetIndex, RankedSelection, bitset

SIZE = 300


def index_of(size: int) -> FacetIndex:
    rng = random.Random(size)
    ids = [1000 + bit for bit in range(size)]
    names = [f"{rng.choice('abcdefgh')}{bit}\x00slug-{bit}" for bit in range(size)]
    return FacetIndex(
        bit_of={id_: bit for bit, id_ in enumerate(ids)},
        ids=ids,
        ages=[(0, 17)] * size,
        rated_on=[None] * size,
        rating_order=[None] * size,
        names={"fi": names},
        slugs=[f"slug-{bit}" for bit in range(size)],
        changed_at=None,
        members={},
        levels=[],
        regions=[],
        owners=[],
    )


def sorted_ids(index: FacetIndex, bits: list[int]) -> list[int]:
    rank = index.rank("name", "fi")
    return [index.ids[bit] for bit in sorted(bits, key=rank.__getitem__)]


@pytest.fixture
def index() -> FacetIndex:
    return index_of(SIZE)


@pytest.mark.parametrize("share", [0.0, 0.01, 0.3, 1.0])
def test_it_lists_the_selection_in_the_order_of_sorting_it(index, share) -> None:
    bits = random.Random(7).sample(range(SIZE), int(SIZE * share))
    selection = RankedSelection(index, bitset(bits, SIZE), index.order("name", "fi"))
    assert list(selection) == sorted_ids(index, bits)
    assert len(selection) == len(bits)


def test_a_page_of_it_is_the_same_page_of_the_sorted_selection(index) -> None:
    bits = random.Random(8).sample(range(SIZE), 120)
    expected = sorted_ids(index, bits)
    selection = RankedSelection(index, bitset(bits, SIZE), index.order("name", "fi"))
    assert selection[40:60] == expected[40:60]
    assert selection[0:20] == expected[0:20]  # after a later page: from what was found
    assert selection[110:200] == expected[110:]


def test_one_item_is_found_by_position_from_either_end(index) -> None:
    bits = [5, 50, 150]
    expected = sorted_ids(index, bits)
    selection = RankedSelection(index, bitset(bits, SIZE), index.order("name", "fi"))
    assert (selection[0], selection[-1]) == (expected[0], expected[-1])


def test_a_position_past_either_end_is_an_index_error(index) -> None:
    selection = RankedSelection(index, bitset([1, 2], SIZE), index.order("name", "fi"))
    for position in (2, -3):
        with pytest.raises(IndexError):
            selection[position]
