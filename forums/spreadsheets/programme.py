"""An edition's forums in a sheet: one row per forum, found again by its slug within the edition."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from import_export.fields import Field

from core.spreadsheets.columns import Column
from core.spreadsheets.resources import AuditedResource, slug_field, text_field
from core.spreadsheets.widgets import ChoiceWidget, WholeNumberWidget, WuzhenTimeWidget

from ..enums import ForumKind, ForumRegistrationMode
from ..models import Forum
from .lookups import organization_widget, room_widget, theme_group_widget
from .samples import forum_sample

COLUMNS = (
    Column("slug", gettext_lazy("Slug"), ("论坛标识", "标识", "forum slug", "代码"), required=True,
           help=gettext_lazy("ASCII letters, digits and hyphens: the forum's address. Importing the sheet again "
                             "updates the forum with this slug.")),
    Column("title_en", gettext_lazy("Title (English)"), ("title", "英文标题", "标题（英文）", "forum"), required=True),
    Column("title_zh_hans", gettext_lazy("Title (Chinese)"), ("中文标题", "标题（中文）", "论坛", "标题")),
    Column("kind", gettext_lazy("Kind"), ("类型", "论坛类型", "type"),
           help=gettext_lazy("Opening ceremony, main forum, sub-forum… (or 开幕式, 主论坛, 分论坛…).")),
    Column("theme_group", gettext_lazy("Theme group"), ("主题", "板块", "theme")),
    Column("start", gettext_lazy("Starts"), ("start", "start time", "开始时间", "开始"), required=True,
           help=gettext_lazy("Wuzhen time: 2027-01-05 09:30, 2027年1月5日 9:30, or an Excel date cell.")),
    Column("end", gettext_lazy("Ends"), ("end", "end time", "结束时间", "结束"), required=True),
    Column("room", gettext_lazy("Room"), ("会场", "会议室", "room name")),
    Column("host", pgettext_lazy("organisation hosting a forum", "Host"),
           ("主办单位", "主办方", "承办单位", "host organisation")),
    Column("seat_quota", gettext_lazy("Seat quota"), ("座位数", "名额", "seats")),
    Column("registration_mode", gettext_lazy("Registration"), ("报名方式", "registration mode")),
    Column("description_en", gettext_lazy("Description (English)"), ("description", "英文简介", "简介（英文）")),
    Column("description_zh_hans", gettext_lazy("Description (Chinese)"), ("中文简介", "简介（中文）", "简介")),
)


class ForumResource(AuditedResource):
    columns = COLUMNS
    slug = slug_field()
    title_en = text_field("title_en", one_line=True)
    title_zh_hans = text_field("title_zh_hans", one_line=True)
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(ForumKind.choices,
                                                                            default=ForumKind.SUB_FORUM))
    theme_group = Field(attribute="theme_group", column_name="theme_group")
    start = Field(attribute="start", column_name="start", widget=WuzhenTimeWidget())
    end = Field(attribute="end", column_name="end", widget=WuzhenTimeWidget())
    room = Field(attribute="room", column_name="room")
    host = Field(attribute="host", column_name="host")
    seat_quota = Field(attribute="seat_quota", column_name="seat_quota", widget=WholeNumberWidget())
    registration_mode = Field(attribute="registration_mode", column_name="registration_mode",
                              widget=ChoiceWidget(ForumRegistrationMode.choices,
                                                  default=ForumRegistrationMode.OPEN))
    description_en = text_field("description_en")
    description_zh_hans = text_field("description_zh_hans")

    class Meta(AuditedResource.Meta):
        model = Forum
        fields = tuple(column.key for column in COLUMNS)
        import_id_fields = ("slug",)

    def __init__(self, *, actor=None, summit=None):
        super().__init__(actor=actor, summit=summit)
        self.fields["room"].widget = room_widget(summit)
        self.fields["theme_group"].widget = theme_group_widget(summit)
        self.fields["host"].widget = organization_widget()

    def get_queryset(self):
        return Forum.objects.filter(summit=self.summit).select_related("room", "theme_group", "host", "summit")

    def get_instance(self, instance_loader, row):
        slug = str(row.get("slug") or "").strip()
        return self.get_queryset().filter(slug=slug).first() if slug else None

    def init_instance(self, row=None):
        return Forum(summit=self.summit)

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("room", "theme_group", "host")

    def sample_row(self) -> dict[str, str]:
        return forum_sample(self.summit)

    def row_label(self, row: dict) -> str:
        return " · ".join(str(row.get(key) or "") for key in ("slug", "title_en") if row.get(key))

    def row_key(self, instance, row):
        return instance.slug or None

    def check_instance(self, instance, row, errors):
        if not instance.slug and "slug" not in errors:
            errors.setdefault("slug", []).append(ValidationError(_(
                "Give each forum a slug, so that importing the sheet again updates it instead of adding it twice.")))
