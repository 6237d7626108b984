"""The production settings with Django's ManifestStaticFilesStorage for ``collectstatic`` only (deploy/rehearsal.py):
the same hashed names and manifest (staticfiles.json) that WhiteNoise's compressing storage reads at run time, in
seconds instead of the minute its gzip and brotli copies take on a 2-core CI machine."""

from wic.settings import *  # noqa: F403 - the real settings, unchanged but for the static files' storage

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # noqa: F405
