from modeltranslation.translator import TranslationOptions, register

from .models import Forum, Session, Speaker, ThemeGroup


@register(ThemeGroup)
class ThemeGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(Forum)
class ForumTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("name", "title", "affiliation", "bio")
