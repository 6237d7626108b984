"""Run each of beat's periodic jobs once, now: for a site served without beat (runserver alone).

Beat runs them on its schedule (``CELERY_BEAT_SCHEDULE``) in production and under `make run` (run_embedded). Where
nothing does, the jobs that wait for a moment (the summary of moved sessions once organizers stop editing,
reminders, report editions at their release time, the outbox's re-sends) run when this command is run; so do
partners' webhook deliveries, first attempts and retries alike (a change never POSTs them in its own process).
"""

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run each periodic job of CELERY_BEAT_SCHEDULE once, in this process (for a site served without beat)."

    def handle(self, *args, **options):
        current_app.loader.import_default_modules()  # every app's tasks.py, as a worker does when it starts
        for entry, job in settings.CELERY_BEAT_SCHEDULE.items():
            # By name from the task registry: core names no app above it, and the registry knows every task.
            result = current_app.tasks[job["task"]].apply()
            result.get(propagate=True)  # a job that fails stops the command with its error
            self.stdout.write(f"{entry}: {result.result}")
