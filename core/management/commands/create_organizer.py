"""Create the demo organizer account (in the Organizers group) and print its password once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.urls import reverse

from core.permissions import ORGANIZERS_GROUP


class Command(BaseCommand):
    help = "Create an organizer account for the admin and print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="organizer")
        parser.add_argument("--reset", action="store_true", help="Give an existing account a new password.")

    def handle(self, *args, username, reset, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if not created and not reset:
            self.stdout.write(f"The organizer account '{username}' exists (sign in at {settings.SITE_URL}"
                              f"{reverse('admin:index')}); run with --reset for a new password.")
            return
        password = secrets.token_urlsafe(12)
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=ORGANIZERS_GROUP))
        # SITE_URL: where `make run` serves (its HOST and PORT) in the embedded mode, the public address otherwise.
        self.stdout.write(self.style.SUCCESS(
            f"Organizer account for {settings.SITE_URL}{reverse('admin:index')} — username: {username}  "
            f"password: {password}\n"
            "The password is shown only this once."
        ))
