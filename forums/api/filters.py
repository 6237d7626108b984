"""What partners may filter sessions, forums and speakers by."""

import django_filters
from django.db.models import Exists, OuterRef

from core.api.filters import IsoDateFilter, TrueFalseFilter, id_filter, summit_year_filter

from ..enums import ForumKind, InterpretationLanguage, SessionLanguage, SessionType
from ..models import Forum, InterpretationChannel, Session, SessionSpeaker, Speaker
from ..selectors import stream_shown_q


class SessionFilter(django_filters.FilterSet):
    summit = summit_year_filter("forum__summit__year")
    day = IsoDateFilter(field_name="start", lookup_expr="date", label="Day (in Wuzhen's time zone)")
    forum = id_filter("forum_id")
    theme = django_filters.CharFilter(field_name="forum__theme_group__slug", label="Theme (its slug)")
    room = id_filter("room_id")
    speaker = id_filter(method="filter_speaker", label="Speaker id")
    type = django_filters.ChoiceFilter(choices=SessionType.choices)
    language = django_filters.ChoiceFilter(choices=SessionLanguage.choices)
    interpretation = django_filters.ChoiceFilter(
        choices=InterpretationLanguage.choices, method="filter_interpretation",
        label="Interpretation language: sessions with a simultaneous interpretation channel in it")
    streamed = TrueFalseFilter(
        method="filter_streamed", label="true: sessions whose live stream is shown (stream_url not null); false: "
                                        "the others")

    class Meta:
        model = Session
        fields = ["summit", "day", "forum", "theme", "room", "speaker", "type", "language", "interpretation",
                  "streamed"]

    def filter_speaker(self, queryset, name, value):
        return queryset.filter(Exists(SessionSpeaker.objects.filter(session=OuterRef("pk"), speaker_id=value)))

    def filter_interpretation(self, queryset, name, value):
        return queryset.filter(Exists(InterpretationChannel.objects.filter(session=OuterRef("pk"), language=value)))

    def filter_streamed(self, queryset, name, value):
        return queryset.filter(stream_shown_q() if value else ~stream_shown_q())


class ForumFilter(django_filters.FilterSet):
    summit = summit_year_filter("summit__year")
    kind = django_filters.ChoiceFilter(choices=ForumKind.choices)
    theme = django_filters.CharFilter(field_name="theme_group__slug", label="Theme (its slug)")
    room = id_filter("room_id")
    day = IsoDateFilter(field_name="start", lookup_expr="date", label="Day (in Wuzhen's time zone)")

    class Meta:
        model = Forum
        fields = ["summit", "kind", "theme", "room", "day"]


class SpeakerFilter(django_filters.FilterSet):
    summit = summit_year_filter(method="filter_summit")
    forum = id_filter(method="filter_forum", label="Forum id")
    country = django_filters.CharFilter(field_name="country", label="Country (ISO 3166 code)")

    class Meta:
        model = Speaker
        fields = ["summit", "forum", "country"]

    def filter_summit(self, queryset, name, value):
        return queryset.filter(Exists(SessionSpeaker.objects.filter(
            speaker=OuterRef("pk"), session__forum__summit__year=value)))

    def filter_forum(self, queryset, name, value):
        return queryset.filter(Exists(SessionSpeaker.objects.filter(speaker=OuterRef("pk"), session__forum_id=value)))
