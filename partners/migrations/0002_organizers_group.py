"""Organizers issue keys and register webhooks too (see core/permissions.py for what the group holds)."""

from django.db import migrations

from core.permissions import sync_organizers_group


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("core", "0002_organizers_group"),
    ]

    operations = [migrations.RunPython(sync_organizers_group, migrations.RunPython.noop)]
