from core.seo import EditionPageSitemap, NamedPagesSitemap


class SitePagesSitemap(NamedPagesSitemap):
    names = ("summits:home", "summits:archive", "members:directory", "reports:library")
    changefreq = "daily"


class EditionSitemap(EditionPageSitemap):
    url_name = "summits:edition"


SITEMAPS = {"pages": SitePagesSitemap, "editions": EditionSitemap}
