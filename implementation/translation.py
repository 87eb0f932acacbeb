from modeltranslation.translator import TranslationOptions, register

from .models import Adoption, NationalSelection, ServiceModel, ServiceModelMethod, ServiceModelPart


@register(Adoption)
class AdoptionTranslation(TranslationOptions):
    fields = ("notes",)


@register(ServiceModel)
class ServiceModelTranslation(TranslationOptions):
    fields = (
        "name",
        "summary",
        "funders",
        "basic_idea",
        "environment",
        "target_group",
        "conditions",
        "results",
        "tips",
    )


@register(ServiceModelPart)
class ServiceModelPartTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ServiceModelMethod)
class ServiceModelMethodTranslation(TranslationOptions):
    fields = ("note",)


@register(NationalSelection)
class NationalSelectionTranslation(TranslationOptions):
    fields = ("deciding_body", "evidence_reason", "need_reason", "target_group_reason")
