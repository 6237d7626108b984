"""The programme endpoints: forums, sessions and speakers."""

from django.db.models import Exists, OuterRef, Q

from core.api.schema import documented
from core.api.views import PublicReadViewSet
from core.enums import PublicationStatus

from ..models import Forum, Session, SessionSpeaker, Speaker
from ..selectors import PUBLIC_SESSION, public_placement_q
from .filters import ForumFilter, SessionFilter, SpeakerFilter
from .serializers import ForumSerializer, SessionSerializer, SpeakerSerializer, session_queryset

PUBLISHED = PublicationStatus.PUBLISHED


@documented
class SessionViewSet(PublicReadViewSet):
    """Sessions of the published programme: keynotes, panels, releases, ceremonies, breaks."""

    serializer_class = SessionSerializer
    filterset_class = SessionFilter
    ordering_fields = ["start", "end", "id", "updated_at"]
    ordering = ["start", "id"]
    visible = PUBLIC_SESSION
    # Without ?expand a session shows its forum's edition and room, its placements (whose speakers' consent shows
    # or hides its links) and its interpretation channels; each expansion shows more.
    change_fields = ("updated_at", "forum__updated_at", "forum__summit__updated_at",
                     "max:session_speakers__updated_at", "max:interpretation_channels__updated_at")
    expand_change_fields = {
        "forum": ("forum__theme_group__updated_at", "forum__host__updated_at", "max:forum__co_hosts__updated_at"),
        # The session's room, or its forum's when it has none, with the venue each names.
        "room": ("room__updated_at", "room__venue__updated_at", "forum__room__updated_at",
                 "forum__room__venue__updated_at"),
        "speakers": ("max:session_speakers__speaker__updated_at",
                     "max:session_speakers__speaker__organization__updated_at"),
    }
    tombstone_model = "forums.session"
    has_guid = True
    expandable = frozenset({"speakers", "room", "forum"})

    def base_queryset(self):
        return session_queryset(Session.objects.all())


@documented
class ForumViewSet(PublicReadViewSet):
    """The opening ceremony, the main forum and the sub-forums of each published edition."""

    serializer_class = ForumSerializer
    filterset_class = ForumFilter
    ordering_fields = ["start", "id", "updated_at"]
    ordering = ["start", "id"]
    visible = Q(status=PUBLISHED, summit__status=PUBLISHED)
    # A forum shows its theme's slug, its host and co-hosts (forums/sync.py touches it when they are linked).
    change_fields = ("updated_at", "summit__updated_at", "theme_group__updated_at", "host__updated_at",
                     "max:co_hosts__updated_at")
    tombstone_model = "forums.forum"

    def base_queryset(self):
        return Forum.objects.select_related("summit", "theme_group", "host").prefetch_related("co_hosts")


@documented
class SpeakerViewSet(PublicReadViewSet):
    """People who speak in a public session."""

    serializer_class = SpeakerSerializer
    filterset_class = SpeakerFilter
    # Not by name: the cursor reads the name with its English fallback, the database sorts the raw column.
    ordering_fields = ["id", "updated_at"]
    ordering = ["id"]
    visible = Q(Exists(SessionSpeaker.objects.filter(public_placement_q(), speaker=OuterRef("pk"))))
    # A speaker appears or leaves with their sessions, forums and summits, and shows their organisation.
    change_fields = ("updated_at", "max:session_speakers__updated_at", "max:session_speakers__session__updated_at",
                     "max:session_speakers__session__forum__updated_at",
                     "max:session_speakers__session__forum__summit__updated_at", "organization__updated_at")
    tombstone_model = "forums.speaker"

    def base_queryset(self):
        return Speaker.objects.select_related("organization")
