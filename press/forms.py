"""The journalist's application form and the press office's rejection page. Forms parse and validate; the
application itself is ``services.apply_for_accreditation``."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import admin_reasons
from core.forms import (
    HoneypotForm,
    MultiLineTextField,
    country_choices,
)
from guests.enums import GuestCategory, Participation
from guests.forms import PersonDetailsMixin
from guests.services import RegistrationRequest

from .enums import PressRole
from .models import LETTER_EXTENSIONS, PressAccreditation
from .services import PressApplication

ONE_LINE_FIELDS = ("full_name", "native_name", "title", "media_outlet", "press_card_number",
                      "press_card_authority")


class AccreditationForm(PersonDetailsMixin, HoneypotForm):
    # About the journalist: as the registration form asks.
    full_name = forms.CharField(label=_("Full name"), max_length=200, help_text=_("As in your passport."))
    native_name = forms.CharField(
        label=_("Name in native script"), max_length=200, required=False,
        help_text=_("E.g. the name in Chinese characters."),
    )
    title = forms.CharField(label=_("Position"), max_length=300, required=False,
                            help_text=_("E.g. senior correspondent. Left empty, your role is used."))
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, help_text=_("With the country code, e.g. +86 571 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    country = forms.ChoiceField(label=_("Your country or region"), choices=country_choices)
    language = forms.ChoiceField(label=_("Language of our emails"), choices=settings.LANGUAGES)
    # About the assignment.
    media_outlet = forms.CharField(label=_("Media outlet"), max_length=300)
    outlet_country = forms.ChoiceField(label=_("Outlet's country or region"), choices=country_choices)
    outlet_website = forms.URLField(label=_("Outlet's website"), max_length=300, required=False,
                                    assume_scheme="https")
    role = forms.ChoiceField(label=_("Role"), choices=PressRole.choices, widget=forms.RadioSelect)
    press_card_number = forms.CharField(label=_("Press card number"), max_length=100)
    press_card_authority = forms.CharField(label=_("Press card issued by"), max_length=300,
                                           help_text=_("The authority or association that issued the card."))
    letter_of_assignment = forms.FileField(
        label=_("Letter of assignment"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in LETTER_EXTENSIONS)}),
    )
    equipment = MultiLineTextField(
        label=_("Equipment needing clearance"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Cameras, lenses, drones, satellite or radio transmitters you bring to the venue."),
    )
    consent = forms.BooleanField(
        label=_("I agree to the privacy notice"), label_suffix="",
        error_messages={"required": _("You can apply only if you accept the privacy notice.")},
    )
    one_line_fields = ONE_LINE_FIELDS

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()
        self.fields["letter_of_assignment"].validators = list(
            PressAccreditation._meta.get_field("letter_of_assignment").validators)
        self.fields["letter_of_assignment"].help_text = _(
            "Signed by your editor: a PDF or an image (JPEG, PNG), %(size)s at most."
        ) % {"size": filesizeformat(settings.DOCUMENT_MAX_BYTES)}
        self._link_privacy_notice(summit)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["media_outlet"].widget.attrs["autocomplete"] = "organization"

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


    def registration_request(self) -> RegistrationRequest:
        data = self.cleaned_data
        with translation.override(data["language"]):
            title = data["title"] or str(PressRole(data["role"]).label)
        return RegistrationRequest(
            email=data["email"], full_name=data["full_name"], native_name=data["native_name"], title=title,
            organization_name=data["media_outlet"], category=GuestCategory.MEDIA, country=data["country"],
            phone=data["phone"], participation=Participation.OFFLINE, language=data["language"],
        )

    def application(self) -> PressApplication:
        data = self.cleaned_data
        return PressApplication(
            media_outlet=data["media_outlet"], outlet_country=data["outlet_country"],
            outlet_website=data["outlet_website"], role=data["role"], press_card_number=data["press_card_number"],
            press_card_authority=data["press_card_authority"], letter_of_assignment=data["letter_of_assignment"],
            equipment=data["equipment"],
        )


class RejectionForm(admin_reasons.ReasonForm):
    """The admin's intermediate page for rejecting applications: the reason, quoted in the email to the journalist."""

    reason = forms.CharField(
        label=_("Reason (quoted in the email to the journalist)"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
