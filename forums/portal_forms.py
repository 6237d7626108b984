"""The speaker portal's forms: the answer to a session, the profile, the consent questions, slides and travel."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import MultiLineTextField, single_line
from core.images import validate_image

from .models import SPEAKER_BIO_MAX_LENGTH, SessionSpeaker
from .services import SpeakerProfile, TravelDetails

NAME_LENGTH, TITLE_LENGTH, TEXT_LENGTH, BIO_LENGTH = 200, 300, 2000, SPEAKER_BIO_MAX_LENGTH
SINGLE_LINES = ("name_en", "name_zh_hans", "native_name", "title_en", "title_zh_hans", "affiliation_en",
                "affiliation_zh_hans")


class DeclineForm(forms.Form):
    reason = MultiLineTextField(
        label=_("Reason (optional)"), required=False, max_length=TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the organizers read it."),
    )


class ProfileForm(forms.Form):
    name_en = forms.CharField(label=_("Name in English"), max_length=NAME_LENGTH)
    name_zh_hans = forms.CharField(label=pgettext_lazy("a person's", "Name in Chinese"), max_length=NAME_LENGTH,
                                   required=False)
    native_name = forms.CharField(
        label=_("Name in your own script"), max_length=NAME_LENGTH, required=False,
        help_text=_("If it is neither of the two above, e.g. Владимир Иванов."),
    )
    title_en = forms.CharField(label=_("Position in English"), max_length=TITLE_LENGTH, required=False,
                               help_text=_("Your position, e.g. Secretary-General."))
    title_zh_hans = forms.CharField(label=_("Position in Chinese"), max_length=TITLE_LENGTH, required=False)
    affiliation_en = forms.CharField(label=_("Organisation in English"), max_length=TITLE_LENGTH, required=False)
    affiliation_zh_hans = forms.CharField(label=_("Organisation in Chinese"), max_length=TITLE_LENGTH,
                                          required=False)
    bio_en = MultiLineTextField(label=_("Biography in English"), max_length=BIO_LENGTH, required=False,
                                widget=forms.Textarea(attrs={"rows": 6}))
    bio_zh_hans = MultiLineTextField(label=_("Biography in Chinese"), max_length=BIO_LENGTH, required=False,
                                     widget=forms.Textarea(attrs={"rows": 6}))
    photo = forms.FileField(
        label=_("Photo"), required=False, validators=[validate_image],
        help_text=_("A portrait as a JPEG, PNG, WebP or GIF; shown on the agenda and your page once you agree to "
                    "photo publication in one of your sessions."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )

    def __init__(self, *args, has_organisation: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if has_organisation:  # chosen by the organizers: shown, not typed
            del self.fields["affiliation_en"], self.fields["affiliation_zh_hans"]

    def clean(self):
        data = super().clean()
        for name in SINGLE_LINES:
            if isinstance(data.get(name), str):
                data[name] = single_line(data[name])
        return data

    @classmethod
    def initial_from(cls, speaker) -> dict:
        return {name: getattr(speaker, name) or "" for name in cls.base_fields if name != "photo"}

    def profile(self, speaker) -> SpeakerProfile:
        data = {name: value for name, value in self.cleaned_data.items() if name != "photo"}
        data.setdefault("affiliation_en", speaker.affiliation_en or "")
        data.setdefault("affiliation_zh_hans", speaker.affiliation_zh_hans or "")
        return SpeakerProfile(**data)


class ConsentForm(forms.Form):
    """Each question is a whole sentence: no colon after it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)

    recording = forms.BooleanField(
        label=_("I agree that my talk is recorded and the recording published after the session."), required=False)
    streaming = forms.BooleanField(
        label=_("I agree that my talk is streamed live on the internet while I speak."), required=False)
    photo = forms.BooleanField(
        label=_("I agree that my photo is shown with my name on the summit's website and in the programme it sends "
                "to partners, and that photos of me taken at the session are published by the organizers and the "
                "press."),
        required=False)


class SlidesForm(forms.Form):
    slides = forms.FileField(
        label=_("Slides"), validators=SessionSpeaker._meta.get_field("slides").validators,
        help_text=_("A PDF. Only the organizers can open it: it is not published."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class WuzhenDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class TravelForm(forms.Form):
    arrival_at = forms.DateTimeField(label=_("Arrival (Wuzhen time)"), required=False, widget=WuzhenDateTimeInput())
    arrival_place = forms.CharField(label=_("Arriving at"), max_length=200, required=False,
                                    help_text=_("Airport or railway station, e.g. Hangzhou Xiaoshan (HGH)."))
    arrival_flight = forms.CharField(label=_("Flight or train number"), max_length=40, required=False)
    departure_at = forms.DateTimeField(label=_("Departure (Wuzhen time)"), required=False,
                                       widget=WuzhenDateTimeInput())
    departure_place = forms.CharField(label=_("Departing from"), max_length=200, required=False)
    departure_flight = forms.CharField(label=_("Flight or train number"), max_length=40, required=False)
    needs = MultiLineTextField(label=_("Needs"), max_length=TEXT_LENGTH, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Accompanying persons, access, diet."))

    def clean(self):
        data = super().clean()
        for name in ("arrival_place", "arrival_flight", "departure_place", "departure_flight"):
            if isinstance(data.get(name), str):
                data[name] = single_line(data[name])
        return data

    @classmethod
    def initial_from(cls, travel) -> dict:
        return {name: getattr(travel, name) for name in cls.base_fields} if travel else {}

    def details(self) -> TravelDetails:
        return TravelDetails(**self.cleaned_data)
