"""The expo's public forms: the exhibitor application, and what an exhibitor's contact edits through its link."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm, MultiLineTextField, clean_phone, country_choices, single_line
from core.images import validate_image
from core.text import SUBJECT_PART_MAX_LENGTH
from members.enums import OrganizationKind

from .enums import ExhibitCategory
from .services import ExhibitDetails


class ExhibitorApplicationForm(HoneypotForm):
    organization_name = forms.CharField(label=_("Organisation name"), max_length=SUBJECT_PART_MAX_LENGTH)
    country = forms.ChoiceField(label=_("Country or region"), choices=country_choices)
    kind = forms.ChoiceField(label=_("Kind of organisation"), choices=[("", "---------"), *OrganizationKind.choices])
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact email"), max_length=254, help_text=_("We send the confirmation and our decision here."),
    )
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, help_text=_("With the country code, e.g. +86 571 1234 5678."),
    )
    products = MultiLineTextField(
        label=_("Products to show"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you would exhibit, and any new product you would release at the expo."),
    )
    interest_categories = forms.MultipleChoiceField(
        label=_("Exhibit categories"), choices=ExhibitCategory.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every category your exhibits belong to."),
    )
    wanted_area_sqm = forms.DecimalField(
        label=_("Wanted booth area (m²)"), required=False, min_value=Decimal("1"), max_value=Decimal("10000"),
        max_digits=7, decimal_places=2, help_text=_("Optional. Our standard booths are 36, 54 and 72 m²."),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organizers store these details to review the application and contact me."),
    )

    def clean_organization_name(self):
        return single_line(self.cleaned_data["organization_name"])

    def clean_contact_name(self):
        return single_line(self.cleaned_data["contact_name"])

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])


class ExhibitorProfileForm(forms.Form):
    description_en = MultiLineTextField(
        label=_("Description (English)"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
    )
    description_zh_hans = MultiLineTextField(
        label=_("Description (Chinese)"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")


class ExhibitForm(forms.Form):
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_zh_hans = forms.CharField(label=_("Title (Chinese)"), max_length=300, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=ExhibitCategory.choices)
    summary_en = forms.CharField(label=_("Summary (English)"), max_length=500, required=False)
    summary_zh_hans = forms.CharField(label=_("Summary (Chinese)"), max_length=500, required=False)
    description_en = MultiLineTextField(
        label=_("Description (English)"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 6}),
    )
    description_zh_hans = MultiLineTextField(
        label=_("Description (Chinese)"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 6}),
    )
    is_new_release = forms.BooleanField(
        label=_("New release"), required=False, help_text=_("Launched at the expo."),
    )
    shown_online = forms.BooleanField(
        label=_("Shown in the online hall"), required=False,
        help_text=_("Shown in the online cloud hall while it is open."),
    )

    @classmethod
    def initial_from(cls, exhibit) -> dict:
        return {name: getattr(exhibit, name) for name in cls.base_fields}

    def details(self) -> ExhibitDetails:
        return ExhibitDetails(**self.cleaned_data)


class ExhibitImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image"), validators=[validate_image], help_text=_("A JPEG, PNG, WebP or GIF."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    alt_text_en = forms.CharField(
        label=_("Text alternative (English)"), max_length=300,
        help_text=_("What the image shows, read out by screen readers to people who cannot see it."),
    )
    alt_text_zh_hans = forms.CharField(label=_("Text alternative (Chinese)"), max_length=300, required=False)
    caption_en = forms.CharField(label=_("Caption (English)"), max_length=300, required=False)
    caption_zh_hans = forms.CharField(label=_("Caption (Chinese)"), max_length=300, required=False)
