"""Guest registration through the real HTTP stack on PostgreSQL, and the Celery worker sending the emails.

Creates a fresh PostgreSQL database (``wic_bench_registration`` on the server of ``DATABASE_URL``), migrates it and
loads the WIC demo; starts a private redis-server, an SMTP sink (aiosmtpd), gunicorn and a Celery worker (prefork,
concurrency 2), all on free loopback ports; then registers guests for the 2024 summit with parallel clients that
behave like browsers (open the form for the CSRF cookie and token, post it, follow the redirect), and waits until
the SMTP sink has every email of the outbox. Prints registrations per second and the time the emails took.
Nothing is weakened for speed: production-like settings (DEBUG off, persistent database connections).

Usage: .venv/bin/python bench/registration.py [--guests 2000] [--clients 24] [--web-workers 3] [--worker-after]
"""

import argparse
import http.cookiejar
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

from _harness import ROOT, Gunicorn, postgres_server_url, recreate_database, wait_until

from tests.infra import PrivateRedis, SmtpSink, Worker

BENCH_DB = "wic_bench_registration"
YEAR = 2024
QUEUE = "wic-bench"
TARGET_SECONDS = 60
CATEGORIES = ["government", "international_organisation", "industry_association", "enterprise", "university",
              "research_institute", "media", "other"]
COUNTRIES = ["CN", "KE", "BR", "FR", "DE", "IN", "ID", "RU", "ZA", "EG", "AR", "TH", "PK", "NG", "KZ", "AE", "GB"]


class Browser:
    """One guest's browser: its own cookies; follows redirects like a browser."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url: str) -> str:
        return self.opener.open(url, timeout=120).read().decode()

    def post(self, url: str, data: dict) -> tuple[int, str]:
        request = urllib.request.Request(url, data=urllib.parse.urlencode(data, doseq=True).encode(),
                                         headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, url


def register(base_url: str, number: int, forum_ids: list[int]) -> tuple[float, int, str]:
    """Open the form, submit it, follow the redirect; returns (seconds, final status, final URL)."""
    chance = random.Random(number)
    url = f"{base_url}/en/summits/{YEAR}/register/"
    started = time.monotonic()
    browser = Browser()
    page = browser.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, final_url = browser.post(url, {
        "csrfmiddlewaretoken": token,
        "email": f"bench.guest{number}@example.org",
        "full_name": f"Guest Number {number}",
        "native_name": "",
        "title": "Director",
        "organization_name": f"Organisation {number % 300}",
        "category": chance.choice(CATEGORIES),
        "country": chance.choice(COUNTRIES),
        "phone": f"+86 571 {1000 + number % 9000} {number:04d}",
        "participation": "offline" if chance.random() < 0.8 else "online",
        "forums": chance.sample(forum_ids, k=min(len(forum_ids), chance.randint(1, 3))),
        "needs": "Vegetarian meals" if number % 10 == 0 else "",
        "consent": "on",
        "website": "",  # the honeypot, left empty as people do
    })
    return time.monotonic() - started, status, final_url


def verdict(seconds: float) -> str:
    return "met" if seconds < TARGET_SECONDS else "MISSED"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=24, help="parallel browsers (threads)")
    parser.add_argument("--web-workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--worker-after", action="store_true",
                        help="start the Celery worker only after the registrations (times sending alone)")
    parser.add_argument("--keep", action="store_true", help=f"keep the {BENCH_DB} database and the logs")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="wic-bench-registration-"))
    with ExitStack() as cleanup:
        if not args.keep:
            cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        redis = PrivateRedis(workdir / "redis").start()
        cleanup.callback(redis.stop)
        sink = cleanup.enter_context(SmtpSink())
        database_url = recreate_database(postgres_server_url(), BENCH_DB)
        if not args.keep:
            cleanup.callback(recreate_database, postgres_server_url(), BENCH_DB, drop_only=True)
        os.environ.update({
            "DJANGO_SETTINGS_MODULE": "wic.settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis.url,
            "CELERY_BROKER_URL": redis.url,
            "CELERY_RESULT_BACKEND": redis.url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CELERY_TASK_DEFAULT_QUEUE": QUEUE,
            "EMAIL_URL": sink.url,
            "DEBUG": "false",
            "CONN_MAX_AGE": "60",
            "LOG_LEVEL": "WARNING",
            "REGISTRATION_RATE_LIMIT": str(args.guests * 10),  # every browser here comes from 127.0.0.1
        })
        run(args, workdir, redis, sink, database_url)


def run(args, workdir: Path, redis: PrivateRedis, sink: SmtpSink, database_url: str) -> None:
    import django

    django.setup()
    from django.db import connection

    from core.enums import EmailStatus
    from core.models import OutgoingEmail
    from guests.models import Registration
    from wic.celery import app as celery_app

    env = dict(os.environ)
    gunicorn = worker = None
    try:
        started = time.monotonic()
        for command in (["migrate", "--noinput"], ["load_wic_demo"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
        print(f"database: PostgreSQL {BENCH_DB}, migrated and demo loaded in {time.monotonic() - started:.1f} s")

        gunicorn = Gunicorn(env, workers=args.web_workers, log_path=workdir / "gunicorn.log").start(
            ready_path=f"/en/summits/{YEAR}/register/")
        base_url = gunicorn.base_url
        page = urllib.request.urlopen(f"{base_url}/en/summits/{YEAR}/register/", timeout=30).read().decode()
        forum_ids = sorted({int(value) for value in re.findall(r'name="forums" value="(\d+)"', page)})
        if not forum_ids:
            sys.exit("the registration form of 2024 offers no forum")

        def start_worker() -> Worker:
            started_worker = Worker(redis_url=redis.url, database_url=database_url, email_url=sink.url,
                                    queue=QUEUE, log_path=workdir / "worker.log", concurrency=2, pool="prefork")
            started_worker.wait_ready(celery_app)
            return started_worker

        if not args.worker_after:
            worker = start_worker()
        print(f"gunicorn: {args.web_workers} sync workers; Celery worker: prefork, concurrency 2 "
              f"({'started after the registrations' if args.worker_after else 'running during the registrations'}); "
              f"{args.clients} parallel browsers; {len(forum_ids)} forums open")
        if args.keep:
            print(f"logs in {workdir}")

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(lambda number: register(base_url, number, forum_ids), range(args.guests)))
        registering = time.monotonic() - started
        delivered_during = len(sink)

        latencies = [seconds for seconds, _status, _url in results]
        failed = [(status, url) for _seconds, status, url in results
                  if status != 200 or not url.endswith("/register/thanks/")]
        saved = Registration.objects.count()
        print(f"registrations: {args.guests} in {registering:.1f} s = {args.guests / registering:.1f} per second "
              f"(target: {args.guests} in under {TARGET_SECONDS} s: {verdict(registering)})")
        print(f"  per browser (form, post, redirect): median {statistics.median(latencies) * 1000:.0f} ms, "
              f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
        print(f"  saved: {saved} registrations; failed requests: {len(failed)} {failed[:5]}")

        reference = time.monotonic()  # the last registration's answer, or the worker's start (its start-up counts)
        if args.worker_after:
            worker = start_worker()
        expected = OutgoingEmail.objects.count()
        verifications = OutgoingEmail.objects.filter(key__endswith=":verification:1").count()
        try:
            wait_until(lambda: len(sink) >= expected, timeout=600, interval=0.2, what="every email delivered")
        except TimeoutError:
            print(f"  only {len(sink)} of {expected} emails delivered after 600 s")
        arrivals = sorted(received.at for received in sink.received)
        after = max(0.0, arrivals[-1] - reference)
        span = arrivals[-1] - arrivals[0]
        unsent = OutgoingEmail.objects.exclude(status=EmailStatus.SENT).count()
        print(f"emails: {expected} in the outbox ({verifications} verification, {expected - verifications} waiting-"
              f"list notices); {delivered_during} delivered while guests were registering")
        print(f"  the last arrived {after:.1f} s after the "
              f"{'worker started' if args.worker_after else 'last registration'} (target: under {TARGET_SECONDS} s: "
              f"{verdict(after)}); the worker sent {len(arrivals)} in {span:.1f} s = "
              f"{(len(arrivals) - 1) / span if span else 0:.1f} emails/s")
        print(f"  received by the SMTP sink: {len(sink)}; outbox rows not sent: {unsent}; distinct recipients of "
              f"verification emails: {len({r.to for r in sink.received if r.subject.startswith('Confirm')})}")
    finally:
        connection.close()
        if worker is not None:
            worker.stop()
        if gunicorn is not None:
            gunicorn.stop()


if __name__ == "__main__":
    main()
