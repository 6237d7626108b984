"""The reports library is one named page, listed by website.sitemaps; editions have no pages of their own yet."""

SITEMAPS = {}
