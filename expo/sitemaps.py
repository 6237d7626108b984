"""Public pages of this app for the sitemap (being built)."""

SITEMAPS = {}
