"""The readers' form: subscribing to new reports by email."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm


class SubscriptionForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Email"), max_length=254,
        help_text=_("We send a link to this address; your subscription starts once you open it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the organizers keep my email address to tell me of new reports. Every email has a "
                "link to unsubscribe."),
        error_messages={"required": _("Please agree so that we may keep your address.")},
    )
