from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    """The public site's pages that gather every domain: the home page, the archive of editions, an edition's
    overview, the layout's edition and the sitemap index. It stands above the domain apps, so they never import
    each other to build a front page."""

    name = "website"
    verbose_name = _("Public website")
