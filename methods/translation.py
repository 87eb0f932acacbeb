from modeltranslation.translator import TranslationOptions, register

from .models import Contact, Method, Organisation, RatingScale, Region, ScaleLevel, Term


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("label", "synonyms")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(RatingScale)
class RatingScaleTranslation(TranslationOptions):
    fields = ("name", "description")


@register(ScaleLevel)
class ScaleLevelTranslation(TranslationOptions):
    fields = ("label", "description")


@register(Method)
class MethodTranslation(TranslationOptions):
    fields = (
        "name",
        "summary",
        "aims",
        "description",
        "duration",
        "deliverers",
        "training",
        "training_duration",
        "certification",
        "materials",
        "costs",
        "therapy_guarantee_reason",
    )


@register(Contact)
class ContactTranslation(TranslationOptions):
    fields = ("role",)
