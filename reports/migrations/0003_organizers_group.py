"""The Organizers group gets the permissions of publishing runs and report subscribers."""

from django.db import migrations

from core.permissions import sync_organizers_group


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_publishing_runs_and_subscribers"),
        ("core", "0002_organizers_group"),
    ]

    operations = [migrations.RunPython(sync_organizers_group, migrations.RunPython.noop)]
