"""Once gave the Organizers group the permissions of publishing runs and report subscribers; empty now, kept for
the migration graph (the post_migrate receiver in core.services.organizers keeps the group in step)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_publishing_runs_and_subscribers"),
        ("core", "0002_organizers_group"),
    ]

    operations = []
