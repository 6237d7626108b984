"""The Celery application: configured from Django settings (CELERY_* names), tasks discovered in every app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wic.settings")

app = Celery("wic")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["core.health"])  # the worker heartbeat readiness reads (core/health/tasks.py)
