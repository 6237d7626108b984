"""Figures for the spreadsheet import (issue 18): an edition of 24 forums in 24 rooms over three days, an XLSX of
2,500 sessions (each with a speaker), imported through the admin's own pages (upload and preview, i.e. the dry
run, then confirm), then imported again (every row unchanged, nothing written). Prints time and queries of each step.

The checking and the import are a background job (summits/services/spreadsheet_imports.py); here its task runs
in-process after each commit, as outside `make run`, so each step's figures hold the task's work, and the job's
own time (its row's started and finished times) is printed beside it: what a worker spends, while the web request
itself only stores the upload or the confirmation. The job's wall time adds up upload to result.

Usage: .venv/bin/python bench/import_sessions.py [--sessions 2500]
Builds a throw-away test database (SQLite in memory by default, or on the PostgreSQL server of DATABASE_URL),
with DEBUG off.
"""

import argparse
import datetime
import io
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wic.settings")

import django  # noqa: E402 - django.setup() must run after the path and settings are set

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

FORUMS, DAYS, SPEAKER_POOL = 24, 3, 75
HEADERS = ["论坛", "参考编号", "标题（英文）", "标题（中文）", "类型", "开始时间", "结束时间", "会场", "嘉宾"]


@contextmanager
def counted():
    """Every query and every write while inside, whatever DEBUG says (Django's own log stops at 9,000)."""
    tally = {"queries": 0, "writes": 0}

    def count(execute, sql, params, many, context):
        tally["queries"] += 1
        if sql.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            tally["writes"] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        yield tally
    tally["seconds"] = time.perf_counter() - started


def build_edition():
    """The 2031 edition: 8 forums a day, each 08:00-20:00 in its own hall; 8 x 75 speakers, one pool per forum
    of a day, so no speaker is in two places at once."""
    from core.clock import WUZHEN
    from core.enums import PublicationStatus
    from forums.models import Forum, Speaker
    from summits.models import Room, Summit, Venue

    venue = Venue.objects.create(name="Wuzhen Internet International Convention and Exhibition Center",
                                 name_zh_hans="乌镇互联网国际会展中心", slug="wuzhen-bench", city="Wuzhen")
    summit = Summit.objects.create(year=2031, slug="wic2031", name="2031 WIC Wuzhen Summit", venue=venue,
                                   start_date=datetime.date(2031, 11, 18), end_date=datetime.date(2031, 11, 20),
                                   status=PublicationStatus.PUBLISHED)
    forums = []
    for index in range(FORUMS):
        room = Room.objects.create(venue=venue, name=f"Hall {index + 1}", name_zh_hans=f"{index + 1}号厅",
                                   slug=f"hall-{index + 1}", capacity=300)
        day = datetime.date(2031, 11, 18) + datetime.timedelta(days=index // (FORUMS // DAYS))
        forums.append(Forum.objects.create(
            summit=summit, slug=f"forum-{index + 1:02d}", title=f"Forum {index + 1}",
            title_zh_hans=f"分论坛{index + 1}", room=room,
            start=datetime.datetime.combine(day, datetime.time(8), tzinfo=WUZHEN),
            end=datetime.datetime.combine(day, datetime.time(20), tzinfo=WUZHEN), status=PublicationStatus.PUBLISHED,
        ))
    Speaker.objects.bulk_create([Speaker(name=f"Speaker {n}", slug=f"speaker-{n}")
                                 for n in range(SPEAKER_POOL * FORUMS // DAYS)])
    return summit, forums


def sheet(forums, count: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet("sessions")
    worksheet.append(HEADERS)
    per_forum = -(-count // len(forums))
    for number in range(count):
        forum, slot = forums[number // per_forum], number % per_forum
        start = forum.start.replace(tzinfo=None) + datetime.timedelta(minutes=6 * slot)
        pool = (number // per_forum) % (FORUMS // DAYS)
        speaker = f"speaker-{pool * SPEAKER_POOL + slot % SPEAKER_POOL}"
        worksheet.append([forum.slug, f"S{number:05d}", f"Session {number}", f"议程{number}", "panel", start,
                          start + datetime.timedelta(minutes=5), forum.room.name, speaker])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=2500)
    args = parser.parse_args()
    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0)
    try:
        from django.contrib.auth.models import Group, User
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.test import Client
        from django.urls import reverse

        from forums.models import Session, SessionSpeaker
        from summits.models import SpreadsheetImport
        from wic.celery import app as celery_app

        celery_app.conf.task_always_eager = True  # the job's task in this process, after each commit

        print(f"database: {connection.vendor} ({test_db})")
        summit, forums = build_edition()
        data = sheet(forums, args.sessions)
        organizer = User.objects.create_user("bench-organizer", is_staff=True)
        organizer.groups.add(Group.objects.get(name="Organizers"))
        client = Client()
        client.force_login(organizer)
        url = reverse("admin:forums_session_import")

        def job_seconds() -> float:
            job = SpreadsheetImport.objects.order_by("-pk").first()
            return (job.finished_at - job.started_at).total_seconds()

        def preview():
            uploaded = client.post(url, {"summit": summit.pk, "file": SimpleUploadedFile("agenda.xlsx", data)})
            assert uploaded.status_code == 302, uploaded.status_code
            return uploaded.url, client.get(uploaded.url)

        started = time.perf_counter()
        with counted() as dry:
            page, response = preview()
        counts = response.context["counts"]
        assert counts["new"] == args.sessions and not response.context["outcome"].error_count, counts
        assert not Session.objects.exists()
        print(f"upload and preview (dry run) of {args.sessions} sessions: {dry['seconds']:.1f} s, "
              f"{dry['queries']} queries (the job's check: {job_seconds():.1f} s)")
        with counted() as real:
            confirmed = client.post(page, {"confirm": "1"})
            result = client.get(page)
        wall = time.perf_counter() - started
        assert confirmed.status_code == 302 and result.context["imported"]
        assert Session.objects.count() == args.sessions
        print(f"confirm (the import): {real['seconds']:.1f} s, {real['queries']} queries "
              f"({(real['queries'] - 30) / args.sessions:.2f} a row beyond the request's 30; the job's import: "
              f"{job_seconds():.1f} s), {Session.objects.count()} sessions and {SessionSpeaker.objects.count()} "
              f"speakers' places written")
        print(f"the job's wall time from upload to result: {wall:.1f} s")
        with counted() as again:
            _page, response = preview()
        assert response.context["counts"]["unchanged"] == args.sessions, response.context["counts"]
        print(f"re-import of the same sheet: {again['seconds']:.1f} s, {again['queries']} queries, "
              f"{again['writes']} writes, the job's own row (every row unchanged, no confirm offered: "
              f"{'confirm' not in response.context})")
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
