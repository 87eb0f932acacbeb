"""Sets of method numbers as ints (lib.bitsets)."""

import random

import pytest

from lib.bitsets import bitset, positions

SIZE = 1000


def test_a_bitset_has_the_bits_of_its_positions_set() -> None:
    assert bitset([0, 3, 9], SIZE) == 0b1000001001


@pytest.mark.parametrize("count", [0, 1, 20, 600, 990, 1000])
def test_the_positions_of_a_bitset_are_its_set_bits_lowest_first(count) -> None:
    bits = random.Random(count).sample(range(SIZE), count)
    assert positions(bitset(bits, SIZE)) == sorted(bits)
