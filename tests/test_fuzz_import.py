"""Hypothesis breaks a valid registry document in one place, any way JSON allows: the import
names a problem or imports it, and never fails with a traceback."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.registry_io import InvalidDocument, export_registry, import_registry

from .test_fuzz import SCALE
from .test_registry_io import empty_the_registry

pytestmark = pytest.mark.fuzz

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**40), max_value=2**40)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.sampled_from(["javascript:alert(1)", "fi", "met", "rct", "5of5", "2022", "1-5"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=6,
)


@pytest.fixture
def document(make_method) -> dict:
    method = make_method(slug="arvioitu", rating="5of5")
    method.contacts.create(name="Yhteyshenkilö")
    exported = export_registry()
    empty_the_registry()
    return exported


def break_one_place(data: st.DataObject, document: dict) -> dict:
    """The document with one value (at any depth) replaced, removed, or given a new key."""
    broken = copy.deepcopy(document)
    node = broken
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if not isinstance(child, (dict, list)) or not child or data.draw(st.booleans()):
            break
        node = child
    if not keys:
        return broken
    action = data.draw(st.sampled_from(["replace", "remove"]))
    if action == "remove" and isinstance(node, dict):
        del node[key]
    else:
        node[key] = data.draw(json_values)
    return broken


@settings(
    max_examples=1000 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
@pytest.mark.django_db
def test_a_document_broken_anywhere_is_refused_or_imported_never_a_traceback(
    document, data
) -> None:
    broken = break_one_place(data, document)
    try:
        import_registry(broken)
    except InvalidDocument as refused:
        assert refused.problems
    else:
        empty_the_registry()
