"""What published ratings rest on, and who may see or change it.

A published level is computed from answers, the studies they cite and the manual's criteria;
if any of those changed afterwards, the page would show a level the rule no longer gives. So a
study screened for a published evaluation and a manual any evaluation has started under are
frozen: a correction is a new study record, or a new manual version. Evaluators see only the
studies of the evaluations assigned to them (and the ones they entered themselves, so that a
study they just added can be linked).
"""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet

from accounts.roles import Role, has_role

from . import permissions
from .models import Criterion, Evaluation, EvaluationState, EvaluationStudy, Manual, Study

User = AbstractBaseUser | AnonymousUser


def visible_studies(user: User, queryset: QuerySet[Study]) -> QuerySet[Study]:
    if has_role(user, Role.EDITOR) or has_role(user, Role.BOARD):
        return queryset
    if not has_role(user, Role.EVALUATOR):
        return queryset.none()
    assigned = permissions.visible_evaluations(user, Evaluation.objects.all())
    linked = EvaluationStudy.objects.filter(evaluation__in=assigned).values("study_id")
    entered = Study.history.filter(history_type="+", history_user=user).values("id")
    return queryset.filter(Q(pk__in=linked) | Q(pk__in=entered))


def is_study_frozen(study: Study | None) -> bool:
    """A study screened for a published evaluation: its rating rests on it."""
    if study is None or study.pk is None:
        return False
    return EvaluationStudy.objects.filter(
        study_id=study.pk, evaluation__state=EvaluationState.PUBLISHED
    ).exists()


def can_change_study(user: User, study: Study | None) -> bool:
    if is_study_frozen(study):
        return False
    if has_role(user, Role.EDITOR):
        return True
    if not has_role(user, Role.EVALUATOR):
        return False
    return study is None or visible_studies(user, Study.objects.filter(pk=study.pk)).exists()


def is_manual_frozen(manual: Manual | None) -> bool:
    """A manual some evaluation was started under: its levels were or will be given by it."""
    if manual is None or manual.pk is None:
        return False
    return Evaluation.objects.filter(manual_id=manual.pk).exists()


def next_manual_version(version: str) -> str:
    """The first free version name after this one: "2.0" → "2.0-2", "2.0-2" → "2.0-3"."""
    stem, _dash, number = version.rpartition("-")
    if not (stem and number.isdigit()):
        stem, number = version, "1"
    taken = set(Manual.objects.values_list("version", flat=True))
    counter = int(number) + 1
    while f"{stem}-{counter}" in taken:
        counter += 1
    return f"{stem}-{counter}"


@transaction.atomic
def copy_manual(manual: Manual, on: date | None = None) -> Manual:
    """A new version of a manual with the same criteria, free to edit until it is used."""
    copy = Manual.objects.get(pk=manual.pk)
    copy.pk = None
    copy.version = next_manual_version(manual.version)
    copy.valid_from = on or date.today()
    copy.save()
    criteria = list(manual.criteria.all())
    for criterion in criteria:
        criterion.pk = None
        criterion.manual = copy
    Criterion.objects.bulk_create(criteria)
    return copy
