"""`make run`'s supervisor (manage.py run_embedded) for real: the web server, a Celery worker and beat on the
embedded broker, in a var/ of the test's own (SQLite, mail, media, broker and cache folders pointed there).

Once the site is up, an organizer sends a partner's webhook a test event (the partner's endpoint is slow, then
answers 500) and, while the worker is still waiting for the partner, sets a report edition's release time a few
seconds ahead and schedules it in the admin: the save does not wait for the partner. Nobody touches anything after:
the worker retries the test event, which reaches the partner on the second attempt, and at the release time the
edition is on the API and the public library (which had been read, and kept, before), and the worker sends its
subscriber's email to a mail server that takes seconds to answer: an organizer's save meanwhile does not wait for
it. An edit made from a shell then reaches the site's next answer (one content clock for every process).
Ctrl-C (SIGINT to the supervisor's process group, as a terminal sends it) stops all three; a process that dies
(the web server, its port taken) stops the others, with the reason said."""

import datetime
import http.cookiejar
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import pytest
import time_machine
from django.core.management import CommandError, call_command

from core.clock import WUZHEN
from tests.infra import SmtpSink, WebhookReceiver, free_port, wait_until

pytestmark = [pytest.mark.embedded, pytest.mark.real_clock]

ROOT = Path(__file__).resolve().parent.parent.parent
# The release time the organizer sets, this long ahead (in production, two minutes or two days).
RELEASE_AFTER_SECONDS = 10
ORGANIZER = ("organizer", "embedded-run-password")
TITLE = "World Internet Development Report 2026"
PARTNER_DELAY = 3  # seconds the partner's endpoint takes to answer the first POST (with a 500)
MAIL_SERVER_DELAY = 3  # seconds the mail server takes to answer each message (its 250 after the DATA)

SETUP = f"""
import os
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from partners.models import Webhook
from reports.models import ReportEdition, ReportSeries, ReportSubscriber
call_command("migrate", "--noinput", verbosity=0)
series = ReportSeries.objects.create(name="World Internet Development Report", slug="widr", kind="blue_book")
edition = ReportEdition.objects.create(
    series=series, year=2026, title="{TITLE}", body_en="# Foreword\\nThe digital economy grows.")
ReportSubscriber.objects.create(email="reader@example.org", confirmed_at=timezone.now())
get_user_model().objects.create_superuser("{ORGANIZER[0]}", "organizer@example.org", "{ORGANIZER[1]}")
webhook = Webhook.objects.create(partner="City Transit App", url=os.environ["PARTNER_URL"])
print(edition.pk, webhook.pk, series.pk)
"""


def embedded_environment(var: Path, port: int) -> dict[str, str]:
    """The embedded default (no DATABASE_URL, no REDIS_URL), with everything it writes under ``var``."""
    unset = {"DATABASE_URL", "REDIS_URL", "SITE_URL", "DJANGO_ENV", "EMAIL_URL", "CELERY_BROKER_URL",
             "CELERY_RESULT_BACKEND", "CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_DEFAULT_QUEUE"}
    return {
        **{key: value for key, value in os.environ.items() if key not in unset},
        "HOST": "127.0.0.1", "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "EMAIL_FILE_PATH": str(var / "mail"),
        "MEDIA_ROOT": str(var / "media"),
        "PRIVATE_MEDIA_ROOT": str(var / "private"),
        "EMBEDDED_BROKER_DIR": str(var / "celery"),
        "EMBEDDED_CACHE_DIR": str(var / "cache"),
    }


class Supervisor:
    """``manage.py run_embedded`` in a process group of its own, as `make run` runs it in a terminal."""

    def __init__(self, environment: dict[str, str], port: int):
        self.output_file = Path(environment["EMBEDDED_BROKER_DIR"]).parent / "run_embedded.log"
        with self.output_file.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "run_embedded", f"127.0.0.1:{port}"], cwd=ROOT, env=environment,
                stdout=output, stderr=subprocess.STDOUT, process_group=0,
            )

    @property
    def output(self) -> str:
        return self.output_file.read_text()

    def child_pids(self) -> dict[str, int]:
        return {name: int(pid) for name, pid in re.findall(r"(\w+) +\| started \(pid (\d+)\)", self.output)}

    def ctrl_c(self) -> int:
        """SIGINT to the whole foreground group, as a terminal sends it; the exit code."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=30)

    def stop_if_running(self) -> None:
        if self.process.poll() is None:
            self.ctrl_c()


def real_now() -> float:
    """The machine's clock (the test's own runs on time-machine): the one the three processes follow."""
    hatch = time_machine.escape_hatch
    return hatch.time.time() if hatch.is_travelling() else time.time()


def admin_form(site: "Browser", path: str, form_id: str, **typed: str) -> list[tuple[str, str]]:
    """The organizer opens an admin change form and types ``typed`` into it: what its Save button sends."""
    status, page = site.get(path)
    assert status == 200
    form = next(form for form in lxml.html.fromstring(page).forms if form.get("id") == form_id)
    values = [(name, value) for name, value in form.form_values() if name not in typed]  # empty ones are left out
    return [*values, *typed.items(), ("_save", "Save")]


def set_release_time(site: "Browser", edition_id: int, *, seconds_ahead: int) -> float:
    """The organizer types a release time ``seconds_ahead`` in the edition's admin form and saves; its timestamp."""
    path = f"/admin/reports/reportedition/{edition_id}/change/"
    release_at = datetime.datetime.fromtimestamp(real_now() + seconds_ahead, WUZHEN).replace(microsecond=0)
    form = admin_form(site, path, "reportedition_form", release_at_0=release_at.strftime("%Y-%m-%d"),
                      release_at_1=release_at.strftime("%H:%M:%S"))
    # Saved: back to the list (a form with errors would come back to itself).
    assert site.post(path, form) == "/admin/reports/reportedition/"
    return release_at.timestamp()


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Browser:
    """An organizer's browser: cookies, and the CSRF token Django sets in them."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except (urllib.error.URLError, ConnectionError):
            return 0, ""

    def head(self, path: str, headers: dict[str, str] | None = None) -> dict[str, str]:
        """A HEAD's status and headers (an error status too)."""
        request = urllib.request.Request(self.base + path, method="HEAD", headers=headers or {})
        try:
            with self.opener.open(request, timeout=10) as response:
                return {"status": str(response.status), **response.headers}
        except urllib.error.HTTPError as error:
            return {"status": str(error.code), **error.headers}

    def post(self, path: str, data: dict[str, str] | list[tuple[str, str]]) -> str:
        """Send a form; the path it ends on (after redirects)."""
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        fields = list(data.items()) if isinstance(data, dict) else data
        body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", token)]).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=30) as response:
            return urllib.parse.urlsplit(response.geturl()).path


@pytest.fixture
def partner():
    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture
def mail_server():
    with SmtpSink(delay=MAIL_SERVER_DELAY) as sink:
        yield sink


@pytest.fixture
def embedded(tmp_path, partner, mail_server):
    port = free_port()
    # A failed webhook POST is tried again a second later (30 s in production); emails go to the slow mail server.
    environment = {**embedded_environment(tmp_path, port), "WEBHOOK_RETRY_FIRST_SECONDS": "1",
                   "EMAIL_URL": mail_server.url}
    setup = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", SETUP], cwd=ROOT,
                           env={**environment, "PARTNER_URL": partner.url}, capture_output=True, text=True,
                           timeout=240)  # migrate on a busy 2-core machine
    assert setup.returncode == 0, setup.stderr
    edition_id, webhook_id, series_id = map(int, setup.stdout.split())
    supervisor = Supervisor(environment, port)
    yield supervisor, port, edition_id, webhook_id, series_id, tmp_path
    supervisor.stop_if_running()


# Its three processes run on the embedded default whatever database this run uses: CI runs it once, in the embedded
# stage (`make test-embedded`), not again on PostgreSQL (40 s of a 2-core machine).
@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="runs in the embedded stage (no DATABASE_URL)")
def test_make_run_publishes_a_scheduled_edition_at_its_release_time_and_ctrl_c_stops_all_three(
    embedded, partner, mail_server
):
    supervisor, port, edition_id, webhook_id, series_id, var = embedded
    site = Browser(f"http://127.0.0.1:{port}")
    assert wait_until(lambda: site.get("/api/v1/reports/")[0] == 200, timeout=30, interval=0.2, what="web server")
    assert site.get("/admin/login/")[0] == 200
    site.post("/admin/login/", {"username": ORGANIZER[0], "password": ORGANIZER[1], "next": "/admin/"})
    partner.answer(500, delay=PARTNER_DELAY)
    site.post("/admin/partners/webhook/", {"action": "send_test_event", "_selected_action": str(webhook_id)})
    wait_until(lambda: partner.received, timeout=15, interval=0.05, what="the worker POSTing the test event")
    # The worker waits for the partner; the organizer's save (a write to the same SQLite file) does not.
    started = time.monotonic()
    release_at = set_release_time(site, edition_id, seconds_ahead=RELEASE_AFTER_SECONDS)
    print(f"\nMAKE RUN save while the worker POSTs: {time.monotonic() - started:.2f}s")
    assert time.monotonic() - started < PARTNER_DELAY - 1
    site.post("/admin/reports/reportedition/", {"action": "publish_at_release_time",
                                                "_selected_action": str(edition_id)})
    assert site.get(f"/api/v1/reports/{edition_id}/")[0] == 404  # scheduled, not yet published
    # Read while it waits: the site keeps these answers for the content version it knows, until the worker's
    # publication changes that version.
    assert json.loads(site.get("/api/v1/reports/")[1])["results"] == []
    assert TITLE not in site.get("/en/reports/")[1]
    assert real_now() < release_at - 2

    published = wait_until(lambda: site.get(f"/api/v1/reports/{edition_id}/")[0] == 200 and real_now(),
                           timeout=RELEASE_AFTER_SECONDS + 20, interval=0.25, what="the edition published")
    assert published >= release_at
    # The worker sends the subscriber's email; the mail server takes its time. An organizer's save meanwhile (a write
    # to the same SQLite file) does not wait for the SMTP conversation: the worker holds no transaction through it.
    series_path = f"/admin/reports/reportseries/{series_id}/change/"
    series_form = admin_form(site, series_path, "reportseries_form", name_en="World Internet Development Reports")
    wait_until(lambda: mail_server.started, timeout=15, interval=0.02, what="the worker sending the email")
    started = time.monotonic()
    assert site.post(series_path, series_form) == "/admin/reports/reportseries/"
    saved_in = time.monotonic() - started
    print(f"MAKE RUN save while the worker sends an email: {saved_in:.2f}s")
    assert mail_server.received == [], f"the save waited {saved_in:.2f} s for the mail server's answer"
    listed = json.loads(site.get("/api/v1/reports/")[1])["results"]
    assert [(edition["id"], edition["title"]) for edition in listed] == [(edition_id, TITLE)]
    assert datetime.datetime.fromisoformat(listed[0]["published_at"]).timestamp() >= release_at
    assert TITLE in site.get("/en/reports/")[1]
    [received] = wait_until(lambda: mail_server.received, timeout=10, interval=0.2, what="the email")
    assert (received.to, received.subject) == ("reader@example.org", f"New report: {TITLE}")
    # The test event, failed with a 500, was tried again a second later by the worker, with the same id.
    failed, retried = partner.received
    assert failed.headers["X-WIC-Delivery"] == retried.headers["X-WIC-Delivery"]
    assert retried.at - failed.at >= PARTNER_DELAY + 1
    deliveries = lxml.html.fromstring(site.get("/admin/partners/webhookdelivery/")[1])
    assert [(row.findtext(".//td[@class='field-status']"), row.findtext(".//td[@class='field-attempts']"))
            for row in deliveries.xpath("//table[@id='result_list']/tbody/tr")] == [("Delivered", "2")]

    # An edit from another process (a shell, a command: neither started by make run) reaches the running site's
    # next answer, and the ETag the partner held no longer gets a 304.
    held = site.head("/api/v1/reports/")["ETag"]
    renamed = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         f"from reports.models import ReportEdition; e = ReportEdition.objects.get(pk={edition_id}); "
         "e.title = 'Renamed from a shell'; e.save()"],
        cwd=ROOT, env=embedded_environment(var, port), capture_output=True, text=True, timeout=120)
    assert renamed.returncode == 0, renamed.stderr
    assert site.head("/api/v1/reports/", {"If-None-Match": held})["status"] == "200"
    assert json.loads(site.get("/api/v1/reports/")[1])["results"][0]["title"] == "Renamed from a shell"

    children = supervisor.child_pids()
    assert sorted(children) == ["beat", "web", "worker"]
    started = time.monotonic()
    assert supervisor.ctrl_c() == 0
    stopped_in = time.monotonic() - started
    assert all(gone(pid) for pid in children.values()), supervisor.output
    assert not listening(port)  # runserver's autoreloaded server too
    assert "stopped web, worker and beat." in supervisor.output
    assert stopped_in < 15


def test_run_embedded_stops_the_others_and_says_why_when_one_exits(tmp_path, monkeypatch, settings):
    """The supervisor itself runs in this process (its three children are real): what it says, and what it stops."""
    port = free_port()
    for name, value in embedded_environment(tmp_path, port).items():
        monkeypatch.setenv(name, value)  # what the children inherit
    for name in ("DATABASE_URL", "REDIS_URL"):
        if name not in embedded_environment(tmp_path, port):
            monkeypatch.delenv(name, raising=False)
    broker = tmp_path / "celery"
    settings.EMBEDDED_BROKER = True
    settings.EMBEDDED_BROKER_DIR = broker
    settings.EMBEDDED_BROKER_FOLDERS = {"data_folder_in": str(broker / "queue"),
                                        "data_folder_out": str(broker / "queue"),
                                        "control_folder": str(broker / "control")}
    output = io.StringIO()
    handlers = (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM))
    with socket.socket() as taken:  # another program holds the port: runserver cannot start
        taken.bind(("127.0.0.1", port))
        taken.listen()
        with pytest.raises(CommandError, match="web exited with code 1: stopped the others."):
            call_command("run_embedded", f"127.0.0.1:{port}", stdout=output)

    said = output.getvalue()
    children = {name: int(pid) for name, pid in re.findall(r"(\w+) +\| started \(pid (\d+)\)", said)}
    assert "That port is already in use" in said
    assert sorted(children) == ["beat", "web", "worker"]
    assert all(gone(pid) for pid in children.values())
    assert re.search(r"worker +\| .*stopped \(exit code 0\)|system +\| worker stopped \(exit code 0\)", said), said
    assert (broker / "queue").is_dir() and (broker / "control").is_dir()
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers  # given back
