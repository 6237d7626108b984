"""Load the demo: the 2022-2024 editions of the WIC Wuzhen Summit and an upcoming one made up for today."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from demo.loader import DemoScheduleError, database_is_empty, load_wic_demo

KEPT_SHOWN = 20  # rows of "kept your changes" printed one by one; the rest are counted


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--today takes a date as YYYY-MM-DD, not {text!r}.") from error


class Command(BaseCommand):
    help = (
        "Load the 2022, 2023 and 2024 editions of the WIC Wuzhen Summit as demo data, and an upcoming edition "
        "made up from 2024's programme (3 to 8 weeks ahead, marked \"demo edition\") so that registration, the "
        "calls for nominations, the expo and its online hall can be tried. Running it again writes nothing; run "
        "after the upcoming edition ended, it adds the next one. It never overwrites what someone changed since "
        "the demo wrote it: a row edited since (in the admin or the shell), a row deleted since, and a row the "
        "demo did not write are kept as they are and listed under \"Kept your changes\". With --if-empty (what "
        "`make run` uses) it loads only into a database holding no edition, venue, organisation or report series, "
        "and otherwise says so and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Load only into an empty database; otherwise print one line and change nothing.",
        )
        parser.add_argument(
            "--today", type=_date, default=None, metavar="YYYY-MM-DD",
            help="Load as on this day in Wuzhen (default: today), which decides the upcoming edition's dates.",
        )

    def handle(self, *args, if_empty=False, today=None, **options):
        if isinstance(today, str):  # call_command(today="2026-12-06") skips the parser's conversion
            today = _date(today)
        if if_empty and not database_is_empty():
            self.stdout.write(
                "The database already holds data: the demo was not loaded (`python manage.py load_wic_demo` brings "
                "it up to date and keeps your changes)."
            )
            return
        try:
            load = load_wic_demo(today=today)
        except DemoScheduleError as error:
            raise CommandError(str(error)) from error
        for line in load.figures:
            self.stdout.write(line)
        self._write_kept(load.kept)
        if not load.changed:
            self.stdout.write(self.style.SUCCESS("Demo data already loaded: nothing changed."))
            return
        self.stdout.write(self.style.SUCCESS(
            f"Created {sum(load.created.values())} rows and updated {sum(load.updated.values())}."
        ))

    def _write_kept(self, kept) -> None:
        if not kept:
            return
        rows = "1 row was" if len(kept) == 1 else f"{len(kept)} rows were"
        self.stdout.write(self.style.WARNING(
            f"Kept your changes: {rows} changed, deleted or added by someone else since the demo wrote them, and "
            "stay as they are:"
        ))
        for row in kept[:KEPT_SHOWN]:
            if row.reason == "deleted":
                self.stdout.write(f"  {row.name} ({row.row}): deleted, not created again")
            else:
                self.stdout.write(f"  {row.name} #{row.pk} \u201c{row.row}\u201d ({row.reason}): "
                                  f"kept {', '.join(row.fields)}")
        if len(kept) > KEPT_SHOWN:
            self.stdout.write(f"  and {len(kept) - KEPT_SHOWN} more")
