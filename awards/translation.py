from modeltranslation.translator import TranslationOptions, register

from .models import AwardCategory, AwardProgramme, JuryMember, Nomination


@register(AwardProgramme)
class AwardProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "criteria")


@register(AwardCategory)
class AwardCategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Nomination)
class NominationTranslation(TranslationOptions):
    fields = ("nominee_name", "title", "citation")


@register(JuryMember)
class JuryMemberTranslation(TranslationOptions):
    fields = ("affiliation",)
