from modeltranslation.translator import TranslationOptions, register

from .models import Criterion, CriterionAnswer, Evaluation, Manual


@register(Manual)
class ManualTranslation(TranslationOptions):
    fields = ("name",)


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("text", "guidance")


@register(Evaluation)
class EvaluationTranslation(TranslationOptions):
    fields = ("summary", "change_note")


@register(CriterionAnswer)
class CriterionAnswerTranslation(TranslationOptions):
    fields = ("justification",)
