"""Schedule feeds, included under /summits/<year>/ outside the language prefix: the language is ``?lang=``.

    feeds:summit-schedule   /summits/<year>/schedule.<format>
    feeds:forum-schedule    /summits/<year>/forums/<slug>/schedule.<format>
    feeds:speaker-schedule  /summits/<year>/speakers/<slug>/schedule.<format>

with ``format`` one of json (c3voc schedule JSON), xml (frab schedule XML) and ics (iCalendar).
"""

from django.urls import path, register_converter

from . import feed_views
from .feeds import FEED_FORMATS


class FeedFormatConverter:
    regex = "|".join(FEED_FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedFormatConverter, "feed_format")

app_name = "feeds"

urlpatterns = [
    path("schedule.<feed_format:format>", feed_views.summit_schedule, name="summit-schedule"),
    path("forums/<slug:slug>/schedule.<feed_format:format>", feed_views.forum_schedule, name="forum-schedule"),
    path("speakers/<slug:slug>/schedule.<feed_format:format>", feed_views.speaker_schedule, name="speaker-schedule"),
]
