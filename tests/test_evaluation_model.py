"""Invariants of evaluations that the database itself keeps."""

import pytest
from django.db import IntegrityError, transaction

from evaluations.models import Evaluation, EvaluationState, Manual


@pytest.mark.django_db
def test_the_database_refuses_a_second_evaluation_under_way_for_one_method(make_method) -> None:
    method = make_method(slug="voima")
    manual = Manual.objects.latest("valid_from")
    Evaluation.objects.create(method=method, manual=manual, version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(method=method, manual=manual, version=2)


@pytest.mark.django_db
def test_published_versions_do_not_count_as_under_way(make_method) -> None:
    method = make_method(slug="voima", rating="2of5")
    manual = Manual.objects.latest("valid_from")
    Evaluation.objects.create(method=method, manual=manual, version=2)
    assert Evaluation.objects.filter(method=method).count() == 2
    assert Evaluation.objects.under_way().get(method=method).version == 2


@pytest.mark.django_db
def test_the_public_evaluations_are_the_published_ones_of_published_methods(make_method) -> None:
    shown = make_method(slug="julkinen", rating="2of5")
    hidden = make_method(slug="luonnos", rating="2of5")
    hidden.is_published = False
    hidden.save()
    public = Evaluation.objects.public()
    assert [e.method.slug for e in public] == ["julkinen"]
    assert all(e.state == EvaluationState.PUBLISHED for e in public)
    assert Evaluation.objects.published().filter(method=hidden).exists()
    assert shown.current_evaluation() in public
