"""A delivery that will not be attempted again (delivered, or failed and given up) has no next attempt."""

import django.utils.timezone
from django.db import migrations, models


def clear_next_attempt_of_closed_deliveries(apps, schema_editor):
    WebhookDelivery = apps.get_model("partners", "WebhookDelivery")
    WebhookDelivery.objects.filter(status__in=["succeeded", "failed"]).update(next_attempt_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0002_organizers_group'),
    ]

    operations = [
        migrations.AlterField(
            model_name='webhookdelivery',
            name='next_attempt_at',
            field=models.DateTimeField(blank=True, default=django.utils.timezone.now, help_text='Empty once the delivery is done: delivered, or failed and not to be retried.', null=True, verbose_name='next attempt'),
        ),
        migrations.RunPython(clear_next_attempt_of_closed_deliveries, migrations.RunPython.noop, elidable=True),
    ]
