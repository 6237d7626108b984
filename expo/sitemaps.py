"""Public pages of the expo for the sitemap: each edition's expo and online hall, its exhibitors and exhibits."""

from django.urls import reverse

from core.seo import PublicSitemap
from summits.sitemaps import EditionPageSitemap

from .models import Exhibit, Exhibitor, Expo
from .selectors import PUBLIC_EXPO, PUBLISHED, public_exhibitor_q


def _public_expos():
    return Expo.objects.filter(PUBLIC_EXPO).select_related("summit")


class ExpoSitemap(EditionPageSitemap):
    url_name = "expo:expo"

    def items(self):
        return list(_public_expos().order_by("-summit__year"))

    def year_of(self, expo) -> int:
        return expo.summit.year

    def lastmod(self, expo):
        return expo.updated_at


class OnlineHallSitemap(ExpoSitemap):
    url_name = "expo:online-hall"
    changefreq = "daily"

    def items(self):
        return list(_public_expos().filter(online_hall_open_from__isnull=False).order_by("-summit__year"))

    lastmod = None


class ExhibitorSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return list(
            Exhibitor.objects.filter(public_exhibitor_q(of_public_expo=True))
            .select_related("expo__summit", "organization")
            .order_by("-expo__summit__year", "organization__slug")
        )

    def location(self, exhibitor):
        return reverse("expo:exhibitor", kwargs={"year": exhibitor.expo.summit.year,
                                                 "slug": exhibitor.organization.slug})

    def lastmod(self, exhibitor):
        return exhibitor.updated_at


class ExhibitSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return list(
            Exhibit.objects.filter(public_exhibitor_q("exhibitor__", of_public_expo=True), status=PUBLISHED)
            .select_related("exhibitor__expo__summit", "exhibitor__organization")
            .order_by("-exhibitor__expo__summit__year", "exhibitor__organization__slug", "order", "pk")
        )

    def location(self, exhibit):
        exhibitor = exhibit.exhibitor
        return reverse("expo:exhibit", kwargs={"year": exhibitor.expo.summit.year,
                                               "exhibitor": exhibitor.organization.slug, "slug": exhibit.slug})

    def lastmod(self, exhibit):
        return exhibit.updated_at


SITEMAPS = {"expos": ExpoSitemap, "online-halls": OnlineHallSitemap, "exhibitors": ExhibitorSitemap,
            "exhibits": ExhibitSitemap}
