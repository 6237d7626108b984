"""The reports library is one named page, listed by summits.sitemaps; editions have no pages of their own yet."""

SITEMAPS = {}
