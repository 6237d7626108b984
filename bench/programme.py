"""Figures for the programme: demo load, the admin agenda of an edition, and the cost of one session's checks.

Usage: .venv/bin/python bench/programme.py [--repeat N]
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wic.settings")

import django  # noqa: E402 - django.setup() must run after the path and settings are set

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def timed(function, repeat: int):
    """Median seconds over ``repeat`` runs, and the queries of one run."""
    durations = []
    for _ in range(repeat):
        connection.queries_log.clear()  # the log keeps 9,000 queries at most; counts are taken from its length
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            function()
            durations.append(time.perf_counter() - started)
    return statistics.median(durations), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0)
    try:
        from forums.models import Session
        from forums.selectors import agenda_by_day_and_room
        from summits.models import Summit

        print(f"database: {connection.vendor} ({test_db})")
        for run in ("first", "second"):
            seconds, queries = timed(lambda: call_command("load_wic_demo", stdout=io.StringIO()), 1)
            shown = f"{queries}+" if queries >= 9000 else str(queries)  # Django logs 9,000 queries at most
            print(f"load_wic_demo, {run} run: {seconds:.2f} s, {shown} queries")
        summit = Summit.objects.get(year=2024)
        sessions = Session.objects.filter(forum__summit=summit).count()
        seconds, queries = timed(lambda: agenda_by_day_and_room(summit), args.repeat)
        print(f"admin agenda of 2024 ({sessions} sessions): {seconds * 1000:.1f} ms, {queries} queries")
        session = Session.objects.filter(forum__summit=summit, session_speakers__isnull=False).first()
        seconds, queries = timed(session.full_clean, args.repeat)
        print(f"scheduling checks of one session (room, speakers, forum, summit): {seconds * 1000:.2f} ms, "
              f"{queries} queries")
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
