"""The public registration form, the guest's change of forums, and the check-in desk's scan box.

Forms only parse and validate what was typed; the registration itself is ``services.register_guest``.
"""

from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import (
    HoneypotMixin,
    MultiLineTextField,
    clean_phone,
    country_choices,
    honeypot_field,
    single_line,
)
from forums.models import Forum

from . import selectors
from .enums import GuestCategory, Participation
from .services import forum_capacity, held_seats, open_forums, registrable_forums


@dataclass(frozen=True)
class ForumOption:
    """A forum as the form shows it: its time, and the on-site seats still free (None: no limit)."""

    forum: Forum
    seats_left: int | None
    reserved: bool = False  # held for this invitee: theirs whatever the seats left

    @property
    def full(self) -> bool:
        return self.seats_left is not None and self.seats_left <= 0


def forum_options(summit, *, include=(), reserved=()) -> list[ForumOption]:
    """The forums a guest may choose, in programme order, with their free seats (seats held for invitees are not
    free): three queries whatever their number. Forums by invitation only are offered only when in ``include``
    (held by this guest) or ``reserved`` (reserved by their invitation)."""
    extra = {*include, *reserved}
    forums = open_forums(summit)
    if extra:
        forums = forums | registrable_forums(summit).filter(pk__in=extra)
    forums = list(forums.select_related("room").order_by("start", "order", "pk"))
    counts = selectors.forum_seat_counts(forum.pk for forum in forums)
    held = held_seats(forum.pk for forum in forums)
    options = []
    for forum in forums:
        capacity = forum_capacity(forum)
        taken = counts[forum.pk]["seated_on_site"] + held.get(forum.pk, 0)
        seats_left = None if capacity is None else max(capacity - taken, 0)
        options.append(ForumOption(forum=forum, seats_left=seats_left, reserved=forum.pk in reserved))
    return options


class ForumChoiceMixin:
    """A ``forums`` field of checkboxes, one per forum open to registration, paired with what to show about it."""

    def _set_forum_choices(self, options: list[ForumOption]) -> None:
        self.forum_options = options
        field = self.fields["forums"]
        field.choices = [(option.forum.pk, option.forum.title) for option in options]
        field.required = bool(options)  # an edition with no forum open yet still takes registrations

    @property
    def forum_rows(self) -> list[tuple]:
        """(checkbox, option) pairs for the template, which shows each forum's time and seats by its box."""
        return list(zip(self["forums"], self.forum_options, strict=True))


def forums_field() -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=_("Forums you wish to attend"), coerce=int, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one forum.")},
    )


class PersonDetailsMixin:
    """What every form a person fills in about themselves shares (registration, invitation, a delegation member,
    press accreditation): the consent label linking the edition's privacy notice, the phone in international form,
    and names on one line, as they are printed on badges and lists."""

    one_line_fields: tuple[str, ...] = ("full_name", "native_name", "title", "organization_name")

    def _link_privacy_notice(self, summit) -> None:
        privacy_url = reverse("guests:privacy", kwargs={"year": summit.year})
        self.fields["consent"].label = format_html(
            _('I have read and accept the <a href="{url}">privacy notice</a>.'), url=privacy_url
        )

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        for name in self.one_line_fields:
            if cleaned.get(name):
                cleaned[name] = single_line(cleaned[name])
        return cleaned


class RegistrationForm(PersonDetailsMixin, HoneypotMixin, ForumChoiceMixin, forms.Form):
    honeypot_field_name = "website"

    email = forms.EmailField(label=_("Email"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200, help_text=_("As in your passport."))
    native_name = forms.CharField(
        label=_("Name in native script"), max_length=200, required=False,
        help_text=_("E.g. the name in Chinese characters."),
    )
    title = forms.CharField(label=_("Position"), max_length=300)
    organization_name = forms.CharField(label=pgettext_lazy("where someone works", "Organisation"), max_length=300)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "---------"), *GuestCategory.choices])
    country = forms.ChoiceField(label=_("Country or region"), choices=country_choices)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, help_text=_("With the country code, e.g. +86 571 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    participation = forms.ChoiceField(
        label=_("Participation"), choices=Participation.choices, widget=forms.RadioSelect
    )
    forums = forums_field()
    needs = MultiLineTextField(
        label=_("Accessibility or dietary needs"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the privacy notice"), label_suffix="",
        error_messages={"required": _("You can register only if you accept the privacy notice.")},
    )
    website = honeypot_field()  # this page's honeypot name since its first edition (no real website field here)

    def __init__(self, *args, summit, options: list[ForumOption], **kwargs):
        super().__init__(*args, **kwargs)
        self._set_forum_choices(options)
        self._link_privacy_notice(summit)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organization_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["title"].widget.attrs["autocomplete"] = "organization-title"

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class ForumsForm(ForumChoiceMixin, forms.Form):
    """The guest's change of forums on their own page."""

    forums = forums_field()

    def __init__(self, *args, options: list[ForumOption], **kwargs):
        super().__init__(*args, **kwargs)
        self._set_forum_choices(options)


class CheckInForm(forms.Form):
    token = forms.CharField(
        label=_("Badge code"), max_length=200, strip=True,
        help_text=_("Scan the QR code on the badge, or type the code printed under it and press Enter."),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off", "autocapitalize": "off",
                                      "spellcheck": "false"}),
    )


class InvitationForm(PersonDetailsMixin, ForumChoiceMixin, forms.Form):
    """The invitee's answer: the registration form filled with what organizers know (the address is the
    invitation's and fixed), the reserved forums shown apart (theirs, not a choice) and the open forums to choose."""

    full_name = RegistrationForm.base_fields["full_name"]
    native_name = RegistrationForm.base_fields["native_name"]
    title = RegistrationForm.base_fields["title"]
    organization_name = RegistrationForm.base_fields["organization_name"]
    category = RegistrationForm.base_fields["category"]
    country = RegistrationForm.base_fields["country"]
    phone = RegistrationForm.base_fields["phone"]
    participation = RegistrationForm.base_fields["participation"]
    forums = forums_field()
    needs = RegistrationForm.base_fields["needs"]
    consent = RegistrationForm.base_fields["consent"]

    def __init__(self, *args, invitation, options: list[ForumOption], **kwargs):
        kwargs.setdefault("initial", {
            "full_name": invitation.full_name, "native_name": invitation.native_name, "title": invitation.title,
            "organization_name": invitation.organization_name, "category": invitation.category,
            "country": invitation.country.code, "participation": "offline",
        })
        super().__init__(*args, **kwargs)
        self.reserved_options = [option for option in options if option.reserved]
        self._set_forum_choices([option for option in options if not option.reserved])
        self.fields["forums"].required = False  # the reserved forums may be all they attend
        self.fields["forums"].label = _("Other forums you wish to attend")
        self._link_privacy_notice(invitation.summit)
