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
deadline = time.monotonic() + 30
while len(list(meeting.iterdir())) < 2:  # both processes ready: their transactions overlap
    if time.monotonic() > deadline:
        raise SystemExit("the other writer never got ready")
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
    # The file exists before the writers meet, as `make run`'s does (migrate runs first): two processes creating
    # a new file at once both switch it to WAL, and that switch does not wait for the busy timeout (1 run in 6
    # here lost a writer to "database is locked" before it was ready).
    subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c",
                    "from django.db import connection; connection.cursor().execute("
                    "'CREATE TABLE IF NOT EXISTS seat (taken_by text)')"],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)
    writers = [
        subprocess.Popen([sys.executable, "manage.py", "shell", "--no-imports", "-c", WRITER], cwd=ROOT,
                         env={**env, "MEETING": str(meeting), "WRITER": name}, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for name in ("ada", "grace")
    ]
    started = time.monotonic()
    try:
        outcomes = [writer.communicate(timeout=60) for writer in writers]
    finally:
        for writer in writers:
            writer.kill()

    assert [out.strip() for out, _ in outcomes] == ["saved", "saved"], [err[-600:] for _, err in outcomes]
    assert time.monotonic() - started < 30
