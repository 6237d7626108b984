"""Seats and waiting places of cancelled and rejected registrations are marked released: they hold no seat, and
every page, export and count says so from the row itself."""

from django.db import migrations, models

# The values as they are in this migration; migrations never import live code.
CLOSED_REGISTRATION_STATUSES = ("rejected", "cancelled")


def release_seats_of_closed_registrations(apps, schema_editor):
    ForumChoice = apps.get_model("guests", "ForumChoice")
    ForumChoice.objects.filter(registration__status__in=CLOSED_REGISTRATION_STATUSES).exclude(
        seat_status="released"
    ).update(seat_status="released", waitlisted_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("guests", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="forumchoice",
            name="seat_status",
            field=models.CharField(
                choices=[("seated", "Seated"), ("waitlisted", "On the waiting list"), ("released", "Released")],
                max_length=12, verbose_name="seat",
            ),
        ),
        # Backwards the rows stay released: which were seated and which were waiting is not known any more.
        migrations.RunPython(release_seats_of_closed_registrations, migrations.RunPython.noop),
    ]
