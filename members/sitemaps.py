"""The bodies and programmes of the WIC, one page each (the member directory is a named page listed by
website.sitemaps)."""

from django.urls import reverse

from core.seo import PublicSitemap

from .models import Body


class BodySitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        return list(Body.objects.order_by("kind", "slug").only("slug", "updated_at"))

    def location(self, body):
        return reverse("members:body", kwargs={"slug": body.slug})

    def lastmod(self, body):
        return body.updated_at


SITEMAPS = {"bodies": BodySitemap}
