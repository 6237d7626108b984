"""Guests of an edition in a sheet: one row per guest with their forums, each admitted through ``admit_guest`` as
any other path admits them (seats, the verification email, badges once accredited). A guest who already holds a
live registration for the edition is left as it is, and the preview says so ("already registered: not changed",
with the columns where the sheet differs): the import adds guests, and an exported sheet imports unchanged;
changes to a registration are made on its page."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_countries import countries
from import_export.fields import Field

from core.countries import country_lookup, read_country, unknown_country_message
from core.spreadsheets.columns import Column
from core.spreadsheets.resources import AuditedResource
from core.spreadsheets.widgets import ChoiceWidget, list_cell
from core.text import listed

from .enums import GuestCategory, Participation, ProtocolLevel, RegistrationSource
from .invitation_import import LANGUAGE_NAMES, PROTOCOL_LEVEL_NAMES
from .models import Registration
from .services import (
    ACTIVE_STATUSES,
    Admission,
    RegistrationError,
    RegistrationRequest,
    admit_guest,
    registrable_forums,
)

COLUMNS = (
    Column("email", gettext_lazy("Email"), ("邮箱", "电子邮箱", "电子邮件", "e-mail"), required=True),
    Column("full_name", pgettext_lazy("of a person", "Name (English)"), ("full name", "name", "英文姓名", "姓名"),
           required=True),
    Column("native_name", gettext_lazy("Name in own script"), ("本国文字姓名", "中文姓名", "native name")),
    Column("title", gettext_lazy("Position"), ("职务", "position")),
    Column("organization_name", gettext_lazy("Organisation"), ("单位", "机构", "organization", "organisation")),
    Column("category", gettext_lazy("Category"), ("类别", "嘉宾类别"), required=True,
           help=gettext_lazy("Government, international organisation, enterprise… (or 政府, 企业…).")),
    Column("country", gettext_lazy("Country or region"), ("国家或地区", "国家/地区", "国家"), required=True),
    Column("participation", gettext_lazy("Participation"), ("参会方式", "参与方式"),
           help=gettext_lazy("On site in Wuzhen (the default) or online.")),
    Column("language", gettext_lazy("Language of emails"), ("语言",)),
    Column("protocol_level", gettext_lazy("Protocol level"), ("礼宾级别", "级别")),
    Column("forums", gettext_lazy("Forums"), ("论坛", "参加论坛", "分论坛"),
           help=gettext_lazy("Slugs or titles of the forums the guest attends, separated by semicolons.")),
)


class GuestResource(AuditedResource):
    """The row is a Registration; the guest's details go to ``admit_guest`` as a RegistrationRequest."""

    columns = COLUMNS
    personal = True

    email = Field(column_name="email", dehydrate_method="dehydrate_email")
    full_name = Field(column_name="full_name", dehydrate_method="dehydrate_full_name")
    native_name = Field(column_name="native_name", dehydrate_method="dehydrate_native_name")
    title = Field(column_name="title", dehydrate_method="dehydrate_title")
    organization_name = Field(column_name="organization_name", dehydrate_method="dehydrate_organization_name")
    category = Field(column_name="category", dehydrate_method="dehydrate_category")
    country = Field(column_name="country", dehydrate_method="dehydrate_country")
    participation = Field(column_name="participation", dehydrate_method="dehydrate_participation")
    language = Field(column_name="language", dehydrate_method="dehydrate_language")
    protocol_level = Field(column_name="protocol_level", dehydrate_method="dehydrate_protocol_level")
    forums = Field(column_name="forums", dehydrate_method="dehydrate_forums")

    class Meta(AuditedResource.Meta):
        model = Registration
        fields = tuple(column.key for column in COLUMNS)
        clean_model_instances = False  # admit_guest checks and writes the guest and the registration

    def __init__(self, *, actor=None, summit=None):
        super().__init__(actor=actor, summit=summit)
        self.countries = country_lookup()
        self.categories = ChoiceWidget(GuestCategory.choices)
        self.participations = ChoiceWidget(Participation.choices, default=Participation.OFFLINE)
        self.levels = ChoiceWidget(ProtocolLevel.choices, default=ProtocolLevel.GUEST)
        self.levels.lookup.update({name.casefold(): level for name, level in PROTOCOL_LEVEL_NAMES.items()})
        self.forum_ids = {}
        for forum in registrable_forums(summit):
            for name in (forum.slug, forum.title_en, forum.title_zh_hans):
                if name:
                    self.forum_ids.setdefault(name.strip().casefold(), forum.pk)

    # --- Export --------------------------------------------------------------------------------------------------

    def get_queryset(self):
        return Registration.objects.filter(summit=self.summit, status__in=ACTIVE_STATUSES)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("guest").prefetch_related("forum_choices__forum").order_by("pk")

    def dehydrate_email(self, registration):
        return registration.guest.email

    def dehydrate_full_name(self, registration):
        return registration.guest.full_name

    def dehydrate_native_name(self, registration):
        return registration.guest.native_name

    def dehydrate_title(self, registration):
        return registration.guest.title

    def dehydrate_organization_name(self, registration):
        return registration.guest.organization_name

    def dehydrate_category(self, registration):
        return registration.guest.category

    def dehydrate_country(self, registration):
        return str(registration.guest.country.name)

    def dehydrate_participation(self, registration):
        return registration.participation

    def dehydrate_language(self, registration):
        return registration.guest.language

    def dehydrate_protocol_level(self, registration):
        return registration.protocol_level

    def dehydrate_forums(self, registration):
        return "; ".join(choice.forum.slug for choice in registration.forum_choices.all())

    # --- Import --------------------------------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        """The edition's live registrations by address, with their guests and forums: one read, not one per row."""
        self.registered = {}
        for registration in self.get_queryset().select_related("guest").prefetch_related(
                "forum_choices").order_by("-pk"):
            self.registered[registration.guest.email.casefold()] = registration

    def get_instance(self, instance_loader, row):
        return self.registered.get(str(row.get("email") or "").strip().casefold())

    def init_instance(self, row=None):
        return Registration(summit=self.summit)

    def row_key(self, instance, row):
        return str(row.get("email") or "").strip().casefold() or None

    def sample_row(self) -> dict[str, str]:
        """A guest attending the edition's first registrable forum."""
        forum = registrable_forums(self.summit).order_by("start", "pk").first() if self.summit else None
        return {"email": "amina.diallo@example.org", "full_name": "Amina Diallo", "title": "Director",
                "organization_name": "Ministry of Communication and Digital Economy",
                "category": str(GuestCategory.GOVERNMENT.label), "country": str(countries.name("SN")),
                "participation": str(Participation.OFFLINE.label), "language": "en",
                "protocol_level": str(ProtocolLevel.GUEST.label), "forums": forum.slug if forum else ""}

    def row_label(self, row: dict) -> str:
        return " · ".join(str(row.get(key) or "") for key in ("email", "full_name") if row.get(key))

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Already registered: left as it is, and the row says so, naming the columns the sheet gives otherwise."""
        if instance.pk is None or import_validation_errors:
            return False
        labels = {column.key: str(column.label) for column in COLUMNS}
        differing = [labels[key] for key in self._differing(instance)]
        self.notes[self.row_number] = _("Already registered: not changed.") if not differing else _(
            "Already registered: not changed (the sheet differs in: %(columns)s). Change the registration on its "
            "page.") % {"columns": listed(differing)}
        return True

    @staticmethod
    def _differing(registration) -> list[str]:
        wanted, guest = registration._spreadsheet_request, registration.guest
        held = {
            "full_name": guest.full_name, "native_name": guest.native_name, "title": guest.title,
            "organization_name": guest.organization_name, "category": guest.category,
            "country": guest.country.code or "", "participation": registration.participation,
            "language": guest.language, "protocol_level": registration.protocol_level,
            "forums": sorted(choice.forum_id for choice in registration.forum_choices.all()),
        }
        given = {key: getattr(wanted, key, None) for key in held}
        given.update(protocol_level=registration._spreadsheet_level, forums=sorted(wanted.forum_ids))
        return [key for key, value in held.items() if (given[key] or "") != (value or "")]

    def _text(self, row, key: str, limit: int, errors: dict) -> str:
        text = " ".join(str(row.get(key) or "").split())
        if len(text) > limit:
            errors.setdefault(key, []).append(ValidationError(
                _("Longer than %(limit)d characters.") % {"limit": limit}))
        return text

    def _choice(self, widget, row, key: str, errors: dict) -> str:
        try:
            return widget.clean(row.get(key))
        except ValueError as error:
            errors.setdefault(key, []).append(ValidationError(str(error)))
            return ""

    def check_instance(self, instance, row, errors):
        email = str(row.get("email") or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.setdefault("email", []).append(ValidationError(
                _("“%(value)s” is not a valid email address.") % {"value": email[:100]}))
        country_text = str(row.get("country") or "").strip()
        country = read_country(country_text, self.countries) if country_text else None
        if country is None:
            errors.setdefault("country", []).append(ValidationError(
                unknown_country_message(country_text[:60]) if country_text else _("This field is required.")))
        language = LANGUAGE_NAMES.get(str(row.get("language") or "en").strip().casefold())
        if language is None:
            errors.setdefault("language", []).append(ValidationError(
                _("Unknown language “%(value)s” (en or zh-hans).") % {"value": str(row.get("language"))[:30]}))
        forum_ids = []
        for name in list_cell(row.get("forums")):
            if name.casefold() in self.forum_ids:
                forum_ids.append(self.forum_ids[name.casefold()])
            else:
                errors.setdefault("forums", []).append(ValidationError(
                    _("Unknown forum “%(value)s” (give its slug or title).") % {"value": name[:100]}))
        category = self._choice(self.categories, row, "category", errors)
        if not category and "category" not in errors:
            errors.setdefault("category", []).append(ValidationError(_("This field is required.")))
        instance._spreadsheet_request = RegistrationRequest(
            email=email, full_name=self._text(row, "full_name", 200, errors),
            title=self._text(row, "title", 300, errors),
            organization_name=self._text(row, "organization_name", 300, errors), category=category,
            country=country or "", participation=self._choice(self.participations, row, "participation", errors),
            language=language or "en", forum_ids=tuple(sorted(set(forum_ids))),
            native_name=self._text(row, "native_name", 200, errors),
        )
        if not instance._spreadsheet_request.full_name and "full_name" not in errors:
            errors.setdefault("full_name", []).append(ValidationError(_("This field is required.")))
        instance._spreadsheet_level = self._choice(self.levels, row, "protocol_level", errors)

    def do_instance_save(self, instance, is_create):
        """Through ``admit_guest``: the verification email goes to the address given (nobody has proven it yet)."""
        try:
            outcome = admit_guest(summit=self.summit, request=instance._spreadsheet_request, admission=Admission(
                source=RegistrationSource.IMPORT, protocol_level=instance._spreadsheet_level, address_proven=False))
        except RegistrationError as refusal:
            raise ValidationError(refusal.messages) from refusal
        instance.pk = instance.id = outcome.registration.pk
        instance._spreadsheet_before = {}

    def audited_values(self, instance) -> dict[str, str]:
        return {}
