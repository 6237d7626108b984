"""Forums, sessions and speakers as the API, the webhooks and (through them) partners see them."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_countries.serializer_fields import CountryField
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import ImageField, TranslatedSerializer, expanded
from members.api.serializers import OrganizationRefSerializer
from summits.api.serializers import RoomSerializer

from ..enums import InterpretationLanguage
from ..models import Forum, Session, Speaker
from ..selectors import CHANNELS, public_placements, session_media


def _ref_or(component: str, *, nullable: bool = False) -> dict:
    options = [{"type": "integer"}, {"$ref": f"#/components/schemas/{component}"}]
    return {"anyOf": options, "nullable": nullable,
            "description": f"The id; the whole {component.lower()} with ?expand."}


class ForumSerializer(TranslatedSerializer):
    translated_fields = ("title", "description")
    summit = serializers.IntegerField(source="summit.year", read_only=True)
    theme = serializers.SlugRelatedField(source="theme_group", slug_field="slug", read_only=True, allow_null=True)
    host = OrganizationRefSerializer(read_only=True, allow_null=True)
    co_hosts = OrganizationRefSerializer(many=True, read_only=True)

    class Meta:
        model = Forum
        fields = ["id", "summit", "kind", "theme", "slug", "title", "description", "host", "co_hosts", "room",
                  "start", "end", "updated_at", "translations"]


class SpeakerSerializer(TranslatedSerializer):
    translated_fields = ("name", "title", "affiliation", "bio")
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    country = CountryField(country_dict=False)
    photo = ImageField(400, 400, source="public_photo",
                       help_text="Null without a photo, or without the speaker's consent to photo publication.")

    class Meta:
        model = Speaker
        fields = ["id", "slug", "name", "title", "organization", "affiliation", "country", "photo", "bio",
                  "updated_at", "translations"]


SPEAKER_ITEM_SCHEMA = {
    "type": "object",
    "required": ["id", "role", "order"],
    "properties": {
        "id": {"type": "integer"},
        "role": {"type": "string", "enum": ["speaker", "moderator", "host"]},
        "order": {"type": "integer"},
        "speaker": {"$ref": "#/components/schemas/Speaker"},
    },
    "description": "A speaker's place in the session; with ?expand=speakers also the whole speaker.",
}


class InterpretationChannelSerializer(serializers.Serializer):
    """A simultaneous interpretation channel: the language heard on it, and its number on the receivers."""

    language = serializers.ChoiceField(choices=InterpretationLanguage.choices)
    channel = serializers.IntegerField(min_value=0)


class SessionSerializer(TranslatedSerializer):
    translated_fields = ("title", "description")
    summit = serializers.IntegerField(source="forum.summit.year", read_only=True)
    forum = serializers.SerializerMethodField()
    room = serializers.SerializerMethodField()
    speakers = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    stream_url = serializers.SerializerMethodField()
    recording_url = serializers.SerializerMethodField()
    interpretation = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = ["id", "guid", "summit", "forum", "type", "title", "description", "start", "end", "room",
                  "language", "speakers", "url", "stream_url", "recording_url", "interpretation", "updated_at",
                  "translations"]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True,
                          "description": "The live stream; null unless every speaker consented to streaming."})
    def get_stream_url(self, session):
        return session_media(session).stream_url or None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True,
                          "description": "The recording; null unless every speaker consented to recording."})
    def get_recording_url(self, session):
        return session_media(session).recording_url or None

    @extend_schema_field(InterpretationChannelSerializer(many=True))
    def get_interpretation(self, session):
        """The session's simultaneous interpretation channels, in channel order."""
        return [{"language": channel.language, "channel": channel.channel}
                for channel in session_media(session).channels]

    @extend_schema_field(_ref_or("Forum"))
    def get_forum(self, session):
        if expanded(self, "forum"):
            return ForumSerializer(session.forum, context=self.context).data
        return session.forum_id

    @extend_schema_field(_ref_or("Room", nullable=True))
    def get_room(self, session):
        room = session.room if session.room_id else session.forum.room
        if room is None:
            return None
        return RoomSerializer(room, context=self.context).data if expanded(self, "room") else room.pk

    @extend_schema_field({"type": "array", "items": SPEAKER_ITEM_SCHEMA})
    def get_speakers(self, session):
        items = []
        for placement in session.session_speakers.all():
            item = {"id": placement.speaker_id, "role": placement.role, "order": placement.order}
            if expanded(self, "speakers"):
                item["speaker"] = SpeakerSerializer(placement.speaker, context=self.context).data
            items.append(item)
        return items

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_url(self, session):
        with translation.override(translation.get_language() or "en"):
            path = reverse("forums:session", kwargs={"year": session.forum.summit.year, "pk": session.pk})
        return f"{settings.SITE_URL}{path}"


def session_queryset(queryset):
    """What rendering sessions needs, in a fixed number of queries whatever their number."""
    return queryset.select_related("forum__summit", "forum__theme_group", "forum__room__venue", "forum__host",
                                   "room__venue").prefetch_related(
        "forum__co_hosts",
        public_placements("speaker__organization"),
        CHANNELS,
    )


def session_event_payload(session: Session) -> dict:
    """A session as GET /api/v1/sessions/<id>/?lang=all&expand=speakers,room,forum shows it (for webhooks)."""
    session = session_queryset(Session.objects.filter(pk=session.pk)).first()
    if session is None:
        return {}
    context = {"expand": frozenset({"speakers", "room", "forum"}), "all_languages": True, "request": None}
    with translation.override("en"):
        return dict(SessionSerializer(session, context=context).data)
