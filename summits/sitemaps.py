from core.enums import PublicationStatus
from core.seo import NamedPagesSitemap, PublicSitemap

from .models import Summit


class SitePagesSitemap(NamedPagesSitemap):
    names = ("summits:home", "summits:archive", "members:directory", "reports:library")
    changefreq = "daily"


class EditionSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return list(Summit.objects.filter(status=PublicationStatus.PUBLISHED).order_by("-year"))

    def location(self, summit):
        from django.urls import reverse

        return reverse("summits:edition", kwargs={"year": summit.year})


SITEMAPS = {"pages": SitePagesSitemap, "editions": EditionSitemap}
