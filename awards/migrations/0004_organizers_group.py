"""Once gave the Organizers group the permissions of the jury's new models; empty now, kept for the migration
graph (the post_migrate receiver in core.services.organizers keeps the group in step)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0003_reviews_belong_to_rounds"),
        ("core", "0002_organizers_group"),
    ]

    operations = []
