"""Public pages of the expo for the sitemap: each edition's expo and online hall, its exhibitors and exhibits."""

from django.urls import reverse

from core.enums import PublicationStatus
from core.seo import EditionPageSitemap, PublicSitemap

from .enums import ExhibitorStatus
from .models import Exhibit, Exhibitor, Expo

PUBLISHED = PublicationStatus.PUBLISHED
PUBLIC_EXHIBITOR = {"status": PUBLISHED, "application_status": ExhibitorStatus.APPROVED,
                    "expo__status": PUBLISHED, "expo__summit__status": PUBLISHED}


def _public_expos():
    return Expo.objects.filter(status=PUBLISHED, summit__status=PUBLISHED).select_related("summit")


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
            Exhibitor.objects.filter(**PUBLIC_EXHIBITOR)
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
            Exhibit.objects.filter(status=PUBLISHED, **{f"exhibitor__{key}": value
                                                       for key, value in PUBLIC_EXHIBITOR.items()})
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
