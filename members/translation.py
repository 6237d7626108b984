from modeltranslation.translator import TranslationOptions, register

from .models import Body, Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "short_name", "description")


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "description")
