"""The website's membership application form and the admin's rejection form.

Forms only parse and check what was typed; the application itself is ``services.apply_for_membership``.
"""


from django import forms
from django.utils.translation import gettext_lazy as _

from core import admin_reasons
from core.forms import HoneypotForm, MultiLineTextField, clean_phone, country_choices, single_line
from core.text import SUBJECT_PART_MAX_LENGTH

from .enums import APPLICATION_TYPES, OrganizationKind

MOTIVATION_MIN_LENGTH, MOTIVATION_MAX_LENGTH = 80, 4000


class MembershipApplicationForm(HoneypotForm):
    name = forms.CharField(label=_("Name of the organisation"), max_length=SUBJECT_PART_MAX_LENGTH)
    name_zh_hans = forms.CharField(
        label=_("Name in Chinese"), max_length=SUBJECT_PART_MAX_LENGTH, required=False,
        help_text=_("If your organisation has an official Chinese name."),
    )
    country = forms.ChoiceField(label=_("Country or region"), choices=country_choices)
    kind = forms.ChoiceField(label=_("Kind of organisation"),
                             choices=[("", "---------"), *OrganizationKind.choices])
    type = forms.ChoiceField(
        label=_("Membership type"), choices=APPLICATION_TYPES, widget=forms.RadioSelect,
        help_text=_("Individuals join by invitation of the organisation."),
    )
    website = forms.URLField(label=_("Website"), max_length=200, assume_scheme="https",
                             help_text=_("E.g. https://www.example.org/"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(label=_("Contact email"), max_length=254)
    contact_phone = forms.CharField(
        label=_("Phone"), max_length=40, help_text=_("With the country code, e.g. +86 571 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    motivation = MultiLineTextField(
        label=_("Why does your organisation wish to join?"), label_suffix="", min_length=MOTIVATION_MIN_LENGTH,
        max_length=MOTIVATION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences: your work, and what you would bring to and expect from the organisation."),
        error_messages={"min_length": _(
            "Please write a few sentences (at least %(limit_value)d characters; you wrote %(show_value)d)."
        )},
    )
    consent = forms.BooleanField(
        label=_("I agree that the WIC secretariat keeps these details to review the application and to write to "
                "the contact person about it."),
        label_suffix="",
        error_messages={"required": _("We can review the application only if you agree to this.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {"name": "organization", "contact_name": "name", "contact_email": "email", "website": "url"}
        for field, value in autocomplete.items():
            self.fields[field].widget.attrs["autocomplete"] = value

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_name_zh_hans(self):
        return single_line(self.cleaned_data["name_zh_hans"])

    def clean_contact_name(self):
        return single_line(self.cleaned_data["contact_name"])

    def clean_contact_email(self):
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean_motivation(self):
        return self.cleaned_data["motivation"].strip()


class RejectionForm(admin_reasons.ReasonForm):
    """The admin's intermediate page for rejecting applications: an optional reason, quoted in the email."""

    reason = forms.CharField(
        label=_("Reason (quoted in the email to the applicant)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )
