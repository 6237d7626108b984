from modeltranslation.translator import TranslationOptions, register

from .models import AwardCategory, AwardProgramme, JuryMember, Nomination, ReviewCriterion


@register(AwardProgramme)
class AwardProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "criteria")


@register(AwardCategory)
class AwardCategoryTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Nomination)
class NominationTranslation(TranslationOptions):
    fields = ("nominee_name", "title", "citation")
    # Nominations submitted in Chinese have no English text until organizers add it: show the Chinese meanwhile.
    fallback_languages = {"default": ("en", "zh-hans")}


@register(JuryMember)
class JuryMemberTranslation(TranslationOptions):
    fields = ("affiliation",)


@register(ReviewCriterion)
class ReviewCriterionTranslation(TranslationOptions):
    fields = ("name", "description")
