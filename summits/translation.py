from modeltranslation.translator import TranslationOptions, register

from .models import PressConference, Room, Summit, Venue


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "city", "address")


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name",)


@register(Summit)
class SummitTranslation(TranslationOptions):
    fields = ("name", "theme", "description", "city")


@register(PressConference)
class PressConferenceTranslation(TranslationOptions):
    fields = ("title", "city", "location", "spokespeople", "summary")
