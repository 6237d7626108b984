"""Load the demo editions (2022-2024) of the WIC Wuzhen Summit; running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoScheduleError, load_wic_demo


class Command(BaseCommand):
    help = "Load the 2022, 2023 and 2024 editions of the WIC Wuzhen Summit as demo data (idempotent)."

    def handle(self, *args, **options):
        try:
            load = load_wic_demo()
        except DemoScheduleError as error:
            raise CommandError(str(error)) from error
        for line in load.figures:
            self.stdout.write(line)
        if not load.changed:
            self.stdout.write(self.style.SUCCESS("Demo data already loaded: nothing changed."))
            return
        self.stdout.write(self.style.SUCCESS(
            f"Created {sum(load.created.values())} rows and updated {sum(load.updated.values())}."
        ))
