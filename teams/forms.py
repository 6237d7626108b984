"""The forum team's forms: the forum's description, a session, a speaker in a session. They read and check what
is typed; the scheduling rules are the services' (teams/services/checks.py)."""

from django import forms
from django.conf import settings
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from core.text import texts_without_bidi_controls
from forums.enums import SessionLanguage, SessionType, SpeakerRole
from forums.models import Session, Speaker
from summits.models import Room

LOCAL_TIME = "%Y-%m-%dT%H:%M"  # what <input type="datetime-local"> sends; in Wuzhen time, the site's zone


class CleanTextForm(forms.Form):
    """Every text field loses bidirectional controls, which reverse the text after them on the public pages."""

    def clean(self):
        self.cleaned_data = texts_without_bidi_controls(super().clean())
        return self.cleaned_data


def _longest(model, name: str) -> int:
    """The model's own limit: the live row takes what the working copy holds, never cut at publish."""
    return model._meta.get_field(name).max_length


def _text(label, *, max_length: int, required: bool = False, long: bool = False):
    return forms.CharField(label=label, max_length=max_length, required=required,
                           widget=forms.Textarea(attrs={"rows": 5}) if long else None)


class DescriptionForm(CleanTextForm):
    description_en = _text(_("Description in English"), max_length=20000, long=True)
    description_zh_hans = _text(_("Description in Chinese"), max_length=20000, long=True)


class LocalTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format=LOCAL_TIME)


class SessionForm(CleanTextForm):
    title_en = _text(_("Title in English"), max_length=_longest(Session, "title"), required=True)
    title_zh_hans = _text(_("Title in Chinese"), max_length=_longest(Session, "title"))
    type = forms.ChoiceField(label=_("Type"), choices=SessionType.choices)
    start = forms.DateTimeField(label=_("Starts"), input_formats=[LOCAL_TIME], widget=LocalTimeInput(),
                                help_text=_("Wuzhen time (China Standard Time, UTC+8)."))
    end = forms.DateTimeField(label=_("Ends"), input_formats=[LOCAL_TIME], widget=LocalTimeInput())
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), empty_label=None,
                                  help_text=_("The forum's room, or one the organizers gave your forum."))
    language = forms.ChoiceField(label=_("Language"), choices=SessionLanguage.choices)
    reference = _text(_("Reference"), max_length=_longest(Session, "reference"))
    description_en = _text(_("Description in English"), max_length=20000, long=True)
    description_zh_hans = _text(_("Description in Chinese"), max_length=20000, long=True)

    def __init__(self, *args, rooms, **kwargs):
        super().__init__(*args, **kwargs)
        in_order = Case(*(When(pk=room.pk, then=place) for place, room in enumerate(rooms))) if rooms else "pk"
        self.fields["room"].queryset = Room.objects.filter(pk__in=[room.pk for room in rooms]).select_related(
            "venue").order_by(in_order)  # the order of ``rooms`` (natural: Hall 3 before Hall 12)


class PlacementForm(CleanTextForm):
    speaker = forms.TypedChoiceField(label=_("Speaker"), coerce=int, empty_value=None, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.choices)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0,
                               help_text=_("Speakers are listed from the lowest number."))
    name_en = _text(_("Name in English"), max_length=_longest(Speaker, "name"))
    name_zh_hans = _text(_("Name in Chinese"), max_length=_longest(Speaker, "name"))
    title_en = _text(_("Position in English"), max_length=_longest(Speaker, "title"))
    title_zh_hans = _text(_("Position in Chinese"), max_length=_longest(Speaker, "title"))
    affiliation_en = _text(_("Organisation in English"), max_length=_longest(Speaker, "affiliation"))
    affiliation_zh_hans = _text(_("Organisation in Chinese"), max_length=_longest(Speaker, "affiliation"))
    email = forms.EmailField(label=_("Email"), required=False, max_length=_longest(Speaker, "email"))
    speaker_language = forms.ChoiceField(label=_("Language of their emails"), choices=settings.LANGUAGES,
                                         required=False)

    NEW_SPEAKER_FIELDS = ("name_en", "name_zh_hans", "title_en", "title_zh_hans", "affiliation_en",
                          "affiliation_zh_hans", "email", "speaker_language")

    def __init__(self, *args, speakers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = [("", _("A new speaker (fill in below)")),
                                          *((speaker.pk, str(speaker)) for speaker in speakers)]

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("speaker") and not cleaned_data.get("name_en"):
            self.add_error("name_en", _("Give the new speaker's name, or choose a speaker of this forum."))
        return cleaned_data

    def new_speaker(self) -> dict | None:
        """The new speaker's fields, as the working copy keeps them; None when an existing speaker is chosen."""
        if self.cleaned_data.get("speaker"):
            return None
        values = {name: self.cleaned_data.get(name, "") for name in self.NEW_SPEAKER_FIELDS}
        values["language"] = values.pop("speaker_language") or "en"
        return values
