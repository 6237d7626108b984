"""Speakers in a sheet: one row per speaker, found again by slug or, without one, by email address."""

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from import_export.fields import Field
from import_export.widgets import Widget

from core.countries import country_lookup, read_country, unknown_country_message
from core.slugs import unique_slug
from core.spreadsheets.columns import Column
from core.spreadsheets.resources import AuditedResource, text_field
from core.spreadsheets.widgets import ChoiceWidget

from ..models import Speaker

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
    example = {"slug": "jane-doe", "email": "jane.doe@example.org", "name_en": "Jane Doe", "name_zh_hans": "简·多伊",
               "title_en": "Chief Scientist", "title_zh_hans": "首席科学家", "affiliation_en": "Example Institute",
               "affiliation_zh_hans": "示例研究院", "country": "France", "language": "en"}

    slug = text_field("slug", one_line=True)
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
    bio_en = text_field("bio_en")
    bio_zh_hans = text_field("bio_zh_hans")
    personal = True  # an address and a biography: the trail names the speaker by id

    class Meta(AuditedResource.Meta):
        model = Speaker
        fields = tuple(column.key for column in COLUMNS)
        import_id_fields = ("slug",)

    def get_instance(self, instance_loader, row):
        slug = str(row.get("slug") or "").strip()
        if slug:
            return Speaker.objects.filter(slug=slug).first()
        email = str(row.get("email") or "").strip().lower()
        if email:
            return Speaker.objects.annotate(address=Lower("email")).filter(address=email).order_by("pk").first()
        return None

    def row_label(self, row: dict) -> str:
        return " · ".join(str(row.get(key) or "") for key in ("slug", "email", "name_en") if row.get(key))

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._spreadsheet_slug = instance.slug

    def row_key(self, instance, row):
        return instance.slug or None

    def check_instance(self, instance, row, errors):
        instance.email = instance.email.lower()
        if instance.slug:
            return
        if instance._spreadsheet_slug:  # found by email: a sheet without a slug keeps the speaker's
            instance.slug = instance._spreadsheet_slug
        elif instance.name_en:
            instance.slug = unique_slug(instance.name_en, among=Speaker.objects.all(), max_length=100,
                                        fallback="speaker")
        else:
            errors.setdefault("name_en", []).append(ValidationError(_("Give the speaker's name in English.")))
