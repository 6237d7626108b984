"""Once let organizers issue keys and register webhooks; empty now, kept for the migration graph (the
post_migrate receiver in core.services.organizers keeps the group in step with core/permissions.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("core", "0002_organizers_group"),
    ]

    operations = []
