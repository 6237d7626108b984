"""The guest's request for a visa invitation letter: parsed and checked for shape here, judged by
``services.request_letter``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import country_choices

from .enums import Sex
from .missions import mission_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LetterRequestForm(forms.Form):
    surname = forms.CharField(label=_("Surname"), max_length=100,
                              help_text=_("Exactly as in your passport."))
    given_names = forms.CharField(label=_("Given names"), max_length=150, required=False,
                                  help_text=_("Exactly as in your passport; empty if your passport has none."))
    nationality = forms.ChoiceField(label=_("Nationality"), choices=country_choices)
    sex = forms.ChoiceField(label=_("Sex (as in your passport)"), required=False,
                            choices=[("", "---------"), *Sex.choices])
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput())
    passport_number = forms.CharField(
        label=_("Passport number"), max_length=20, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    passport_expiry = forms.DateField(label=_("Passport expiry date"), widget=DateInput())
    mission = forms.ChoiceField(label=_("Chinese embassy or consulate where you apply"), choices=mission_choices)
    mission_other = forms.CharField(label=_("Other embassy or consulate (city and country)"), max_length=200,
                                    required=False)
    arrival_date = forms.DateField(label=_("Arrival in China"), widget=DateInput())
    departure_date = forms.DateField(label=_("Departure from China"), widget=DateInput())

    def clean_passport_number(self):
        number = "".join(self.cleaned_data["passport_number"].split()).upper()
        if not number.isalnum() or not 5 <= len(number) <= 20:
            raise forms.ValidationError(_("Enter the passport number as printed: letters and digits only."))
        return number
