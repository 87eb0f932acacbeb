"""The search's index of the documents' forms (methods.search.postings): which methods hold
each form, kept as an array or a bitset, whichever is smaller, and answered the same."""

from array import array
from dataclasses import replace

import pytest

from lib.bitsets import bitset, positions
from methods.facets import facet_index, texts_for
from methods.search.postings import FormIndex, build_form_index, compact

SIZE = 1000


def test_a_form_few_methods_hold_keeps_their_numbers() -> None:
    assert compact([3, 900], SIZE) == array("H", [3, 900])


def test_a_form_many_methods_hold_keeps_a_bitset() -> None:
    numbers = list(range(0, SIZE, 10))
    assert compact(numbers, SIZE) == bitset(numbers, SIZE)


def test_a_registry_past_65536_methods_keeps_four_bytes_a_number() -> None:
    assert compact([70_000], 100_000) == array("I", [70_000])


def test_the_methods_holding_any_of_some_forms_are_the_union_of_either_kind() -> None:
    many = list(range(0, SIZE, 10))
    index = FormIndex(
        SIZE,
        "",
        {("fi", "body"): {"harva": compact([5, 7], SIZE), "yleinen": compact(many, SIZE)}},
        {"fi": frozenset({"harva", "yleinen"})},
    )
    held = index.holding("fi", "body", ["harva", "yleinen", "tuntematon"])
    assert positions(held) == sorted({5, 7, *many})


def test_a_language_or_column_without_documents_holds_nothing() -> None:
    index = FormIndex(SIZE, "", {}, {})
    assert index.holding("sv", "names", ["skola"]) == 0


@pytest.mark.django_db
def test_the_index_numbers_the_methods_as_the_facet_index_does(make_indexed) -> None:
    make_indexed(slug="a", summary_fi="Koulun kiusaaminen.")
    second = make_indexed(slug="b", summary_fi="Masennuksen hoito.")
    index = facet_index()
    held = texts_for(index).holding("fi", "body", ["masennus"])
    assert [index.ids[bit] for bit in positions(held)] == [second.pk]


@pytest.mark.django_db
def test_the_documents_of_unnumbered_methods_are_left_out(make_indexed) -> None:
    published = make_indexed(summary_fi="Koulun kiusaaminen.")
    make_indexed(summary_fi="Salainen luonnos.", is_published=False)
    texts = build_form_index({published.pk: 0}, "")
    assert texts.holding("fi", "body", ["luonnos", "salainen"]) == 0
    assert "luonnos" not in texts.vocabulary["fi"]
    assert texts.holding("fi", "body", ["kiusaaminen"]) == 1


@pytest.mark.django_db
def test_the_vocabulary_holds_the_names_and_the_body_forms_of_each_language(make_indexed) -> None:
    make_indexed(name_fi="Ihmeelliset vuodet", summary_sv="Föräldraskap.")
    texts = build_form_index({method_id: 0 for method_id in facet_index().bit_of}, "")
    assert {"ihmeellinen", "vuosi"} <= texts.vocabulary["fi"]
    assert "föräldraskap" in texts.vocabulary["sv"]


@pytest.mark.django_db
def test_a_facet_index_another_process_built_gets_an_index_of_forms_by_its_own_bits(
    make_indexed,
) -> None:
    make_indexed(summary_fi="Masennuksen hoito.")
    other = replace(facet_index(), token="built elsewhere")
    texts = texts_for(other)
    assert texts.numbered_for == "built elsewhere"
    assert texts.holding("fi", "body", ["masennus"]) == 1
