"""The embedded default's SQLite file shared by writers at once (`make run`: the web server's threads and the
worker): a transaction that reads, then writes while another writes, waits its turn instead of failing with
"database is locked" (transactions begin IMMEDIATE, wic/settings.py). Twenty guests registering at the same moment
under `make run` got 5 to 9 error pages before."""

import subprocess
import sys
import time

import pytest

from tests.test_settings import ROOT

pytestmark = pytest.mark.embedded

WRITER = """
import os, time
from pathlib import Path
from django.db import connection, transaction
meeting, me = Path(os.environ["MEETING"]), os.environ["WRITER"]
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS seat (taken_by text)")
(meeting / me).touch()
while len(list(meeting.iterdir())) < 2:  # both processes ready: their transactions overlap
    time.sleep(0.01)
with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM seat")  # read first, as a registration counts the seats
        time.sleep(0.5)
        cursor.execute("INSERT INTO seat VALUES (%s)", [me])
print("saved")
"""


def test_two_writers_at_once_on_the_embedded_sqlite_both_save(tmp_path):
    meeting = tmp_path / "meeting"
    meeting.mkdir()
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin",
           "DJANGO_SETTINGS_MODULE": "wic.settings"}
    writers = [
        subprocess.Popen([sys.executable, "manage.py", "shell", "--no-imports", "-c", WRITER], cwd=ROOT,
                         env={**env, "MEETING": str(meeting), "WRITER": name}, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for name in ("ada", "grace")
    ]
    started = time.monotonic()
    outcomes = [writer.communicate(timeout=60) for writer in writers]

    assert [out.strip() for out, _ in outcomes] == ["saved", "saved"], [err[-600:] for _, err in outcomes]
    assert time.monotonic() - started < 30
