"""The Organizers group gets the permissions of the jury's new models (rounds, criteria, conflicts, scores, teams,
documents)."""

from django.db import migrations

from core.permissions import sync_organizers_group


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0003_reviews_belong_to_rounds"),
        ("core", "0002_organizers_group"),
    ]

    operations = [migrations.RunPython(sync_organizers_group, migrations.RunPython.noop)]
