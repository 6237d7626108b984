from modeltranslation.translator import TranslationOptions, register

from .models import Exhibit, ExhibitImage, Exhibitor, Expo, Hall


@register(Expo)
class ExpoTranslation(TranslationOptions):
    fields = ("name", "description", "focus")


@register(Hall)
class HallTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Exhibitor)
class ExhibitorTranslation(TranslationOptions):
    fields = ("description",)


@register(Exhibit)
class ExhibitTranslation(TranslationOptions):
    fields = ("title", "summary", "description")


@register(ExhibitImage)
class ExhibitImageTranslation(TranslationOptions):
    fields = ("caption", "alt_text")
