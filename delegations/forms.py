"""The focal point's forms (add a member, substitute one) and the member's own registration form.

Forms only parse and validate; the rules (quota, head, deadline, registration) are in ``services.py``.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import MultiLineTextField, country_choices, single_line
from guests.forms import ForumChoiceMixin, ForumOption, PersonDetailsMixin, forums_field

from .services import MemberDetails, NewMember


class NewMemberForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, help_text=_("As in the passport."))
    email = forms.EmailField(label=_("Email"), max_length=254,
                             help_text=_("The member receives their own link at this address."))
    title = forms.CharField(label=_("Position"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language of the member's emails"), choices=settings.LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        for name in ("full_name", "title"):
            if cleaned.get(name):
                cleaned[name] = single_line(cleaned[name])
        return cleaned

    def new_member(self, *, is_head: bool = False) -> NewMember:
        data = self.cleaned_data
        return NewMember(full_name=data["full_name"], email=data["email"].strip().lower(), title=data["title"],
                         is_head=is_head, language=data["language"])


class AddMemberForm(NewMemberForm):
    is_head = forms.BooleanField(label=_("Head of the delegation"), required=False)

    def new_member(self, *, is_head: bool = False) -> NewMember:
        return super().new_member(is_head=self.cleaned_data["is_head"])


class SubstituteForm(NewMemberForm):
    member = forms.TypedChoiceField(label=_("Member to substitute"), coerce=int)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(member.pk, member.full_name) for member in members]
        self.order_fields(["member"])


class WithdrawForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member to withdraw"), coerce=int)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(member.pk, member.full_name) for member in members]


class MemberRegistrationForm(PersonDetailsMixin, ForumChoiceMixin, forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200,
        help_text=_("Exactly as in your passport, in the passport's order (e.g. ZHANG Wei)."),
    )
    native_name = forms.CharField(
        label=_("Name in native script"), max_length=200, required=False,
        help_text=_("E.g. the name in Chinese characters."),
    )
    title = forms.CharField(label=_("Position"), max_length=300)
    organization_name = forms.CharField(label=pgettext_lazy("where someone works", "Organisation"), max_length=300)
    country = forms.ChoiceField(label=_("Country or region"), choices=country_choices)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, help_text=_("With the country code, e.g. +86 571 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
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

    def __init__(self, *args, summit, options: list[ForumOption], **kwargs):
        super().__init__(*args, **kwargs)
        self._set_forum_choices(options)
        self._link_privacy_notice(summit)

    def details(self) -> MemberDetails:
        data = self.cleaned_data
        return MemberDetails(
            full_name=data["full_name"], native_name=data["native_name"], title=data["title"],
            organization_name=data["organization_name"], country=data["country"], phone=data["phone"],
            needs=data["needs"], forum_ids=tuple(data["forums"]),
        )
