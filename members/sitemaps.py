"""The member directory is one named page, listed by summits.sitemaps; this app has no item pages of its own."""

SITEMAPS = {}
