"""The list's order of a selection of methods, found only as far as a page asks
(methods.facets.RankedSelection), is the order of sorting them all."""

import random

import pytest

from lib.bitsets import bitset
from methods.facets import FacetIndex, RankedSelection, best_matches_first

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
        token="test",
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


def sorted_by_rank(index: FacetIndex, bits: list[int], ranks: dict[int, int]) -> list[int]:
    """The search's order, by sorting every selected method: best rank first, then name."""
    name = index.rank("name", "fi")
    ordered = sorted(bits, key=lambda bit: (-ranks.get(index.ids[bit], 0), name[bit]))
    return [index.ids[bit] for bit in ordered]


def search_case(index: FacetIndex, seed: int) -> tuple[list[int], dict[int, int]]:
    """A selection and ranks as a search gives: a few methods rank high, many rank low, and
    some ranked methods are not selected (another filter left them out)."""
    rng = random.Random(seed)
    bits = rng.sample(range(SIZE), 150)
    ranked = bits[:140] + rng.sample(range(SIZE), 30)
    weights = [1] * 100 + [3] * 20 + [11, 13, 23] * 10
    ranks = {index.ids[bit]: rng.choice(weights) for bit in ranked}
    return bits, ranks


def bits_by_rank(index: FacetIndex, ranks: dict[int, int]) -> dict[int, int]:
    """Method id → rank, as the search gives it: rank → the bitset of its methods."""
    by_rank: dict[int, list[int]] = {}
    for id_, rank in ranks.items():
        by_rank.setdefault(rank, []).append(index.bit_of[id_])
    return {rank: bitset(bits, SIZE) for rank, bits in by_rank.items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_best_matches_come_first_and_by_name_within_a_rank(index, seed) -> None:
    bits, ranks = search_case(index, seed)
    ordered = best_matches_first(index, bitset(bits, SIZE), bits_by_rank(index, ranks), "fi")
    assert list(ordered) == sorted_by_rank(index, bits, ranks)
    assert len(ordered) == len(bits)


def test_a_page_of_the_best_matches_is_that_page_of_sorting_them_all(index) -> None:
    bits, ranks = search_case(index, 4)
    expected = sorted_by_rank(index, bits, ranks)
    ordered = best_matches_first(index, bitset(bits, SIZE), bits_by_rank(index, ranks), "fi")
    for start in (0, 15, 20, 100, 140):
        assert ordered[start : start + 20] == expected[start : start + 20]
    assert ordered[5] == expected[5] and ordered[-1] == expected[-1]


def test_without_ranks_the_selection_is_in_name_order(index) -> None:
    bits = random.Random(9).sample(range(SIZE), 50)
    assert list(best_matches_first(index, bitset(bits, SIZE), {}, "fi")) == sorted_ids(index, bits)
