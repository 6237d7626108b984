"""The programme's public pages for the sitemap: each edition's agenda, public forums, sessions and speakers."""

from django.urls import reverse

from core.seo import PublicSitemap
from summits.sitemaps import EditionPageSitemap

from . import selectors


class AgendaSitemap(EditionPageSitemap):
    url_name = "forums:agenda"
    changefreq = "daily"


class _ProgrammeSitemap(PublicSitemap):
    """Rows of the programme, each last modified when its row was."""

    changefreq = "weekly"

    def lastmod(self, item):
        return item.updated_at


class ForumSitemap(_ProgrammeSitemap):
    def items(self):
        return selectors.sitemap_forums()

    def location(self, forum):
        return reverse("forums:forum", kwargs={"year": forum.summit.year, "slug": forum.slug})


class SessionSitemap(_ProgrammeSitemap):
    def items(self):
        return selectors.sitemap_sessions()

    def location(self, session):
        return reverse("forums:session", kwargs={"year": session.forum.summit.year, "pk": session.pk})


class SpeakerSitemap(_ProgrammeSitemap):
    def items(self):
        return selectors.sitemap_speakers()

    def location(self, speaker):
        return reverse("forums:speaker", kwargs={"slug": speaker.slug})


SITEMAPS = {"agendas": AgendaSitemap, "forums": ForumSitemap, "sessions": SessionSitemap, "speakers": SpeakerSitemap}
