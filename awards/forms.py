"""The public call's forms: a nomination, and a competition entry with its team.

Forms only parse and check what was typed; saving is ``services.submit_nomination``, which checks the call again.
"""


from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotForm, MultiLineTextField, clean_phone, country_choices, single_line

from .enums import NomineeKind
from .models import AwardProgramme, NominationDocument
from .models.nomination import DOCUMENT_EXTENSIONS
from .services.nominations import MAX_DOCUMENTS, MAX_TEAM_MEMBERS, NominationSubmission, TeamMemberEntry

CITATION_MAX_LENGTH = 5000
# Member rows shown at once; the others (up to MAX_TEAM_MEMBERS) sit in a disclosure, opened without a script.
VISIBLE_MEMBER_ROWS = 5
LEADER_EMAIL_REQUIRED = _("Give the team leader's email: we write to this address.")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files in one input, each checked by the document model's own validators (type and size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(f".{ext}" for ext in
                                                                                 DOCUMENT_EXTENSIONS)}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.validators = [*self.validators, *NominationDocument._meta.get_field("file").validators]

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_DOCUMENTS:
            raise forms.ValidationError(
                _("Attach at most %(max)d documents; you chose %(count)d."),
                code="too_many_documents", params={"max": MAX_DOCUMENTS, "count": len(files)},
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except forms.ValidationError as error:
                errors.extend(
                    forms.ValidationError(_("%(file)s: %(error)s"), params={"file": upload.name, "error": message})
                    for message in error.messages
                )
        if errors:
            raise forms.ValidationError(errors)
        return tuple(cleaned)


def _documents_help() -> str:
    return _("Up to %(max)d files (PDF, Word, PowerPoint, Excel, images or text), %(size)s at most each.") % {
        "max": MAX_DOCUMENTS, "size": filesizeformat(settings.DOCUMENT_MAX_BYTES),
    }


class CallForm(HoneypotForm):
    """What a nomination and an entry share: the category (track), the documents and the consent."""

    category = forms.ModelChoiceField(label=_("Category"), queryset=None, empty_label="---------")
    documents = DocumentsField(label=_("Supporting documents"))
    consent = forms.BooleanField(
        label=_("I agree that the WIC secretariat and the jury keep and read these details and documents to "
                "review the submission, and write to the contact person about it."),
        label_suffix="",
        error_messages={"required": _("We can review the submission only if you agree to this.")},
    )

    def __init__(self, *args, programme: AwardProgramme, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.language = programme, language
        categories = programme.categories.order_by("order", "pk")
        if categories.exists():
            self.fields["category"].queryset = categories
        else:
            del self.fields["category"]
        self.fields["documents"].help_text = _documents_help()

    # The text both forms share (a nomination's nominee and citation are a team and its project in an entry).
    def clean_nominee_name(self):
        return single_line(self.cleaned_data["nominee_name"])

    def clean_title(self):
        return single_line(self.cleaned_data["title"])

    def clean_citation(self):
        return self.cleaned_data["citation"].strip()

    def clean_nominated_by_organization(self):
        return single_line(self.cleaned_data["nominated_by_organization"])

    def clean_nominated_by_phone(self):
        return clean_phone(self.cleaned_data["nominated_by_phone"])

    def _submission(self, **values) -> NominationSubmission:
        data = self.cleaned_data
        return NominationSubmission(
            category=data.get("category"), documents=data["documents"], language=self.language, **values
        )


class NominationForm(CallForm):
    nominee_kind = forms.ChoiceField(
        label=_("The nominee is"), choices=NomineeKind.choices, initial=NomineeKind.PERSON, widget=forms.RadioSelect
    )
    nominee_name = forms.CharField(
        label=_("Name of the person or organisation nominated"), max_length=300,
        help_text=_("A person's full name, or an organisation's official name."),
    )
    country = forms.ChoiceField(label=_("Country or region of the nominee"), choices=country_choices)
    title = forms.CharField(
        label=_("Achievement or case"), max_length=300,
        help_text=_("A short title of the achievement, practice or case nominated."),
    )
    citation = MultiLineTextField(
        label=_("Citation"), max_length=CITATION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Why the nominee deserves the award: what was achieved, its impact, and for whom "
                    "(at most 5,000 characters)."),
    )
    nominated_by_name = forms.CharField(label=_("Your name"), max_length=200)
    nominated_by_email = forms.EmailField(label=_("Your email"), max_length=254,
                                          help_text=_("We send the acknowledgement to this address."))
    nominated_by_organization = forms.CharField(label=_("Your organisation"), max_length=300, required=False)
    nominated_by_phone = forms.CharField(
        label=_("Your phone"), max_length=40, required=False,
        help_text=_("With the country code, e.g. +86 571 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    field_order = [
        "category", "nominee_kind", "nominee_name", "country", "title", "citation", "documents",
        "nominated_by_name", "nominated_by_email", "nominated_by_organization", "nominated_by_phone", "consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {"nominated_by_name": "name", "nominated_by_email": "email",
                        "nominated_by_organization": "organization"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value

    def clean_nominated_by_name(self):
        return single_line(self.cleaned_data["nominated_by_name"])

    def clean_nominated_by_email(self):
        return self.cleaned_data["nominated_by_email"].strip().lower()

    def submission(self) -> NominationSubmission:
        data = self.cleaned_data
        return self._submission(
            nominee_kind=data["nominee_kind"], nominee_name=data["nominee_name"], country=data["country"],
            title=data["title"], citation=data["citation"], nominated_by_name=data["nominated_by_name"],
            nominated_by_email=data["nominated_by_email"],
            nominated_by_organization=data["nominated_by_organization"],
            nominated_by_phone=data["nominated_by_phone"],
        )


class EntryForm(CallForm):
    """A competition entry: the team, its project, and the leader's phone (name and email are the first member's,
    in the team formset)."""

    nominee_name = forms.CharField(label=_("Team name"), max_length=300)
    title = forms.CharField(label=_("Project title"), max_length=300)
    citation = MultiLineTextField(
        label=_("Project description"), max_length=CITATION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What the project does, for whom, how far it has come, and what is new in it "
                    "(at most 5,000 characters)."),
    )
    nominated_by_organization = forms.CharField(
        label=_("Organisation, company or university"), max_length=300, required=False,
        help_text=_("If the team belongs to one."),
    )
    nominated_by_phone = forms.CharField(
        label=_("Team leader's phone"), max_length=40,
        help_text=_("With the country code, e.g. +86 571 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    field_order = ["category", "nominee_name", "title", "citation", "documents", "nominated_by_organization",
                   "nominated_by_phone", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:
            self.fields["category"].label = _("Track")

    def submission(self, team: "TeamFormSet") -> NominationSubmission:
        data = self.cleaned_data
        members = team.members()
        leader = members[0]
        return self._submission(
            nominee_kind=NomineeKind.ORGANISATION,  # a team: a group of people, named as a group
            nominee_name=data["nominee_name"], country=leader.country, title=data["title"],
            citation=data["citation"], nominated_by_name=leader.name, nominated_by_email=leader.email,
            nominated_by_organization=data["nominated_by_organization"],
            nominated_by_phone=data["nominated_by_phone"], team_members=tuple(members),
        )


class TeamMemberForm(forms.Form):
    """One member's row. Only the leader's row is marked required; another row is optional, but a row begun needs
    its member's name."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.CharField(label=_("Role in the team"), max_length=200, required=False)
    email = forms.EmailField(label=_("Email"), max_length=254, required=False)
    country = forms.ChoiceField(label=_("Country or region"), choices=country_choices, required=False)

    def clean_name(self):
        return single_line(self.cleaned_data["name"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        begun = any(data.get(name) for name in ("role", "email", "country"))
        if begun and not data.get("name") and "name" not in self.errors:
            self.add_error("name", forms.ValidationError(_("Give this member's name, or leave the row empty."),
                                                         code="member_name"))
        return data


class BaseTeamFormSet(forms.BaseFormSet):
    """The team, leader first: the first member given is the leader, who needs an email (we write to it)."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i == 0:  # the leader's row: the name and email are asked for (and marked) as required
            form.fields["name"].required = True
            form.fields["email"].required = True
            form.fields["email"].error_messages["required"] = LEADER_EMAIL_REQUIRED
        return form

    def clean(self):
        if any(self.errors):
            return
        filled = [form for form in self.forms if form.has_changed()]
        if not filled:
            raise forms.ValidationError(_("Name at least one team member: the team leader."), code="no_members")
        leader = filled[0]  # the first row was left empty: the first member given leads
        if not leader.cleaned_data.get("email"):
            leader.add_error("email", forms.ValidationError(LEADER_EMAIL_REQUIRED, code="leader_email"))

    def members(self) -> list[TeamMemberEntry]:
        filled = [form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data]
        return [
            TeamMemberEntry(name=data["name"], role=data["role"], email=data["email"], country=data["country"],
                            is_leader=index == 0)
            for index, data in enumerate(filled)
        ]

    visible_row_count = VISIBLE_MEMBER_ROWS

    @property
    def more_rows_used(self) -> bool:
        """Whether the rows past the visible ones hold something: then their disclosure is shown open."""
        return self.is_bound and any(form.has_changed() for form in self.forms[VISIBLE_MEMBER_ROWS:])


TeamFormSet = forms.formset_factory(
    TeamMemberForm, formset=BaseTeamFormSet, extra=MAX_TEAM_MEMBERS, max_num=MAX_TEAM_MEMBERS,
    absolute_max=MAX_TEAM_MEMBERS, validate_max=True,
)


def team_formset(data=None, **kwargs) -> BaseTeamFormSet:
    return TeamFormSet(data, prefix="members", **kwargs)
