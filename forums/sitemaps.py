"""The programme's public pages for the sitemap: each edition's agenda, public forums, sessions and speakers."""

from django.urls import reverse

from core.seo import EditionPageSitemap, PublicSitemap

from . import selectors


class AgendaSitemap(EditionPageSitemap):
    url_name = "forums:agenda"
    changefreq = "daily"


class ForumSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.sitemap_forums()

    def location(self, forum):
        return reverse("forums:forum", kwargs={"year": forum.summit.year, "slug": forum.slug})

    def lastmod(self, forum):
        return forum.updated_at


class SessionSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.sitemap_sessions()

    def location(self, session):
        return reverse("forums:session", kwargs={"year": session.forum.summit.year, "pk": session.pk})

    def lastmod(self, session):
        return session.updated_at


class SpeakerSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.sitemap_speakers()

    def location(self, speaker):
        return reverse("forums:speaker", kwargs={"slug": speaker.slug})

    def lastmod(self, speaker):
        return speaker.updated_at


SITEMAPS = {"agendas": AgendaSitemap, "forums": ForumSitemap, "sessions": SessionSitemap, "speakers": SpeakerSitemap}
