"""Speakers in a sheet: one row per speaker, found again by slug or, without one, by email address, so that a
sheet imported twice never adds a speaker twice. A row therefore needs a slug or an address; an address that keys a
row (no slug) is given once in the sheet and belongs to at most one speaker. Two rows with slugs may share an
address (an assistant writing for two speakers), as two speakers on the site may."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from import_export.fields import Field
from import_export.widgets import Widget

from core.countries import country_lookup, read_country, unknown_country_message
from core.slugs import unique_slug
from core.spreadsheets.columns import Column
from core.spreadsheets.resources import AuditedResource, slug_field, text_field
from core.spreadsheets.widgets import ChoiceWidget

from ..models import SPEAKER_BIO_MAX_LENGTH, Speaker
from .lookups import shared_address_message
from .samples import speaker_sample

COLUMNS = (
    Column("slug", gettext_lazy("Slug"), ("标识", "speaker slug", "代码"),
           help=gettext_lazy("The speaker's address on the site; empty: made from the English name. Importing the "
                             "sheet again updates the speaker with this slug (or, without one, this email).")),
    Column("email", gettext_lazy("Email"), ("邮箱", "电子邮箱", "电子邮件", "e-mail")),
    Column("name_en", pgettext_lazy("of a person", "Name (English)"), ("name", "英文姓名", "姓名（英文）"),
           required=True),
    Column("name_zh_hans", pgettext_lazy("of a person", "Name (Chinese)"), ("中文姓名", "姓名（中文）", "姓名")),
    Column("native_name", gettext_lazy("Name in own script"), ("本国文字姓名", "native name")),
    Column("title_en", gettext_lazy("Position (English)"), ("title", "position", "职务（英文）", "英文职务")),
    Column("title_zh_hans", gettext_lazy("Position (Chinese)"), ("职务（中文）", "中文职务", "职务")),
    Column("affiliation_en", gettext_lazy("Affiliation (English)"), ("affiliation", "organisation", "organization",
                                                                    "单位（英文）", "英文单位")),
    Column("affiliation_zh_hans", gettext_lazy("Affiliation (Chinese)"), ("单位（中文）", "中文单位", "单位", "机构")),
    Column("country", gettext_lazy("Country or region"), ("国家或地区", "国家/地区", "国家", "country")),
    Column("language", gettext_lazy("Language of emails"), ("语言", "language")),
    Column("bio_en", gettext_lazy("Biography (English)"), ("bio", "biography", "英文简介", "简介（英文）")),
    Column("bio_zh_hans", gettext_lazy("Biography (Chinese)"), ("中文简介", "简介（中文）", "简介")),
)


class CountryWidget(Widget):
    """A country or region by ISO code or name in either language; the regions of China by their official name."""

    def __init__(self):
        super().__init__()
        self.lookup = country_lookup()

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip()
        if not text:
            return ""
        code = read_country(text, self.lookup)
        if code is None:
            raise ValueError(unknown_country_message(text[:60]))
        return code

    def render(self, value, obj=None, **kwargs):
        return str(value.name) if value else ""


class SpeakerResource(AuditedResource):
    columns = COLUMNS
    slug = slug_field()
    email = text_field("email", one_line=True)
    name_en = text_field("name_en", one_line=True)
    name_zh_hans = text_field("name_zh_hans", one_line=True)
    native_name = text_field("native_name", one_line=True)
    title_en = text_field("title_en", one_line=True)
    title_zh_hans = text_field("title_zh_hans", one_line=True)
    affiliation_en = text_field("affiliation_en", one_line=True)
    affiliation_zh_hans = text_field("affiliation_zh_hans", one_line=True)
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    language = Field(attribute="language", column_name="language",
                     widget=ChoiceWidget([("en", gettext_lazy("English")), ("zh-hans", gettext_lazy("Chinese"))],
                                         default="en"))
    bio_en = text_field("bio_en", max_length=SPEAKER_BIO_MAX_LENGTH)
    bio_zh_hans = text_field("bio_zh_hans", max_length=SPEAKER_BIO_MAX_LENGTH)
    personal = True  # an address and a biography: the trail names the speaker by id

    class Meta(AuditedResource.Meta):
        model = Speaker
        fields = tuple(column.key for column in COLUMNS)
        import_id_fields = ("slug",)

    def before_import(self, dataset, **kwargs):
        """Every speaker's slug by address, read once; and the addresses the sheet gave so far, by line."""
        self.slugs_by_email: dict[str, list[str]] = defaultdict(list)
        for slug, email in Speaker.objects.exclude(email="").order_by("slug").values_list("slug", "email"):
            self.slugs_by_email[email.casefold()].append(slug)
        self.email_lines: dict[str, tuple[int, bool]] = {}  # address: its first line, and whether it had a slug

    def get_instance(self, instance_loader, row):
        """By slug; without one, by the address of the one speaker who has it."""
        slug = str(row.get("slug") or "").strip()
        if slug:
            return Speaker.objects.filter(slug=slug).first()
        slugs = self.slugs_by_email.get(str(row.get("email") or "").strip().casefold(), [])
        return Speaker.objects.filter(slug=slugs[0]).first() if len(slugs) == 1 else None

    def sample_row(self) -> dict[str, str]:
        return speaker_sample()

    def row_label(self, row: dict) -> str:
        return " · ".join(str(row.get(key) or "") for key in ("slug", "email", "name_en") if row.get(key))

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._spreadsheet_slug = instance.slug

    def row_key(self, instance, row):
        return instance.slug or None

    def check_instance(self, instance, row, errors):
        instance.email = instance.email.lower()
        keyed_by_slug = bool(str(row.get("slug") or "").strip())
        self._check_email(instance.email, keyed_by_slug, errors)
        if not keyed_by_slug and not instance.email:
            errors.setdefault("slug", []).append(ValidationError(_(
                "Give the speaker's slug or email address, so that importing the sheet again updates the speaker "
                "instead of adding them twice.")))
        if not instance.name_en:
            errors.setdefault("name", []).append(ValidationError(_("Give the speaker's name in English.")))
        if instance.slug or "slug" in errors:
            return
        if instance._spreadsheet_slug:  # found by email: a sheet without a slug keeps the speaker's
            instance.slug = instance._spreadsheet_slug
        else:
            instance.slug = unique_slug(instance.name_en, among=Speaker.objects.all(), max_length=100,
                                        fallback="speaker")

    def _check_email(self, email: str, keyed_by_slug: bool, errors: dict) -> None:
        """An address keying a row (no slug) must name one speaker, and be the sheet's only row with it."""
        if not email:
            return
        line = self.row_number + 1
        first_line, first_keyed_by_slug = self.email_lines.setdefault(email, (line, keyed_by_slug))
        if first_line != line and not (keyed_by_slug and first_keyed_by_slug):
            errors.setdefault("email", []).append(ValidationError(
                _("Line %(line)d of the sheet already has the address %(email)s: give each of the two rows its "
                  "speaker's slug, or the address once.") % {"line": first_line, "email": email}))
        shared_by = self.slugs_by_email.get(email, [])
        if not keyed_by_slug and len(shared_by) > 1:
            errors.setdefault("email", []).append(ValidationError(shared_address_message(email, shared_by)))
