"""WSGI entry point for gunicorn: `gunicorn wic.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wic.settings")
application = get_wsgi_application()
