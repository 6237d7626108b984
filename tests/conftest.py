"""Shared fixtures: the clock set to a fixed day in Wuzhen, Celery in-process unless a test asks for the real worker,
a clean cache, media in tmp, a fast password hasher, the demo loaded once per process, and a Redis database of its
own for each pytest-xdist worker."""

import datetime
import fnmatch
import os
import subprocess
import sys
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.utils import translation

from core.clock import WUZHEN
from core.http import local_renders
from tests.demo_data import DemoCache
from tests.infra import database_url, free_port
from wic.celery import app as celery_app

# Tests only: a password hash costs 0.6 s with production's PBKDF2, and every test account pays it. The Celery
# workers and servers the tests start never check a password; the live servers run in this process.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The embedded default (SQLite, a file cache, Celery in-process, emails to var/mail) is what `make run` gives a
# newcomer. CI runs the whole suite once on PostgreSQL and Redis, production's stack, and on the embedded default
# (`make test-embedded`, `-m embedded`) only the tests whose outcome may depend on it. Celery runs in-process in
# every test either way (tests that start a worker skip on SQLite), and Django's test runner sends mail to memory
# either way, so those two differ only in the settings, which tests/test_settings.py covers. Globs of test files,
# from the project's root; each must match a file (see pytest_collection_modifyitems).
EMBEDDED = {
    "tests/test_settings.py": "the embedded default's settings, and production refusing to start without its own",
    "tests/site/test_site_address.py": "the embedded site's address follows `make run`'s HOST and PORT",
    "tests/demo/test_*.py": "`make run` loads the demo into SQLite: its facts, and a second load writing nothing",
    "tests/forums/test_scheduling.py": "SQLite has no exclusion constraint and no row lock: clean() is the guard",
    "tests/core/test_concurrency.py": "the stale-form check, where select_for_update() locks nothing",
    "tests/guests/test_services.py": "seats given first come first served, without row locks",
    "tests/core/test_organizers_group.py": "the Organizers group made by the migrations, which `make run` uses",
    "tests/core/test_outbox.py": "the outbox, its rows written and sent by in-process tasks after the commit",
    "tests/api/test_http.py": "ETag and Last-Modified from the content clock, without Redis",
    "tests/api/test_content_clock.py": "the content clock's row, moved under SQLite's write lock",
    "tests/site/test_page_cache.py": "pages rendered once per language and version, without Redis",
    "tests/partners/test_throttling.py": "rate limits counted without Redis",
    "tests/site/test_layout.py": "smoke: the layout every public page shares, and the error pages",
    "tests/site/test_findable.py": "smoke: sitemap.xml and robots.txt",
    "tests/*/test_pages.py": "smoke: each app's public pages",
}


# The clock: what is open follows the calendar, so every test runs on 1 November 2024 in Wuzhen (ticking), when the
# factories' edition (19-21 November 2024) is the next one and open; a test needing another day travels there itself.
# Tests whose clock is outside this process (browser, real Celery worker: marker ``real_clock``) keep the real one.
SUITE_NOW = datetime.datetime(2024, 11, 1, 10, 0, tzinfo=WUZHEN)
TEN_YEARS = 10 * 365 * 24 * 60 * 60


def pytest_configure(config):
    # A client signed in by a fixture on SUITE_NOW stays signed in in a test that travels years ahead.
    override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, SESSION_COOKIE_AGE=TEN_YEARS).enable()
    # On SQLite the test database is an in-memory shared cache, where a table the test's transaction wrote is locked
    # against every other connection of the test (the readiness checks run in threads, each with its own): they read
    # it uncommitted, as the embedded file (WAL: readers never blocked) would let them read it committed.
    options = django_settings.DATABASES["default"].get("OPTIONS")
    if options is not None and django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        options["init_command"] = options.get("init_command", "") + "PRAGMA read_uncommitted = 1;"
    _own_redis_database_per_xdist_worker()
    # The embedded default's cache is files under var/, shared with `make run`: tests keep theirs in memory, one per
    # test process (tests/core/test_embedded_run.py runs the embedded processes with a file cache of their own).
    if django_settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                              "LOCATION": "wic-tests"}}).enable()


def pytest_collection_modifyitems(config, items):
    """Mark the tests of EMBEDDED ``embedded``; a glob matching no file (a test file moved) stops the run."""
    root = Path(config.rootpath)
    unmatched = [pattern for pattern in EMBEDDED if not any(root.glob(pattern))]
    if unmatched:
        raise pytest.UsageError(f"EMBEDDED in tests/conftest.py names no test file: {', '.join(unmatched)}")
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        if any(fnmatch.fnmatch(module, pattern) for pattern in EMBEDDED):
            item.add_marker(pytest.mark.embedded)
        if module.startswith("tests/e2e/") or "celery_worker" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.real_clock)


@pytest.fixture(scope="session", autouse=True)
def _suite_clock():
    """The whole session on SUITE_NOW, module-scoped fixtures included (the demo's loads)."""
    with time_machine.travel(SUITE_NOW, tick=True):
        yield


@pytest.fixture(autouse=True)
def _real_clock_where_marked(request):
    """Tests marked ``real_clock`` travel back to the real now for their duration."""
    if request.node.get_closest_marker("real_clock") is None:
        yield
        return
    hatch = time_machine.escape_hatch
    with time_machine.travel(hatch.time.time() if hatch.is_travelling() else time.time(), tick=True):
        yield


def _own_redis_database_per_xdist_worker() -> None:
    """Under pytest-xdist each worker process uses a Redis database number of its own (REDIS_URL's + 1 + its
    index): ``cache.clear()`` is a FLUSHDB, and in a shared database it would empty the other workers' cache,
    rate-limit counters and Celery queues (with their bindings) in the middle of their tests. The Celery workers
    the tests start inherit it through the environment."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ...; unset without xdist
    shared = django_settings.REDIS_URL
    if not (shared and worker.startswith("gw")):
        return
    address = urlsplit(shared)
    database = int(address.path.strip("/") or 0) + 1 + int(worker.removeprefix("gw"))
    own = urlunsplit(address._replace(path=f"/{database}"))
    follows = {name: own for name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")
               if getattr(django_settings, name) == shared}
    caches = {alias: {**config, "LOCATION": own} if config.get("LOCATION") == shared else config
              for alias, config in django_settings.CACHES.items()}
    override_settings(REDIS_URL=own, CACHES=caches, **follows).enable()
    celery_app.conf.update({name.removeprefix("CELERY_").lower(): url for name, url in follows.items()})
    # Celery prefers CELERY_BROKER_URL and CELERY_RESULT_BACKEND from the environment to its configuration: they
    # are changed only where they were set, so that a test may still point the app at a private Redis.
    os.environ.update({"REDIS_URL": own, **{name: url for name, url in follows.items() if name in os.environ}})


@pytest.fixture(scope="session", autouse=True)
def _session_media_in_tmp(tmp_path_factory):
    """Module-scoped fixtures (the demo loads) write files too: never into the project's var/."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("session-media")):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    local_renders.clear()
    yield
    cache.clear()
    local_renders.clear()


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Requests activate their language in the thread; each test starts from the default one again."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _celery_in_process():
    """Tasks run inside the test; tests marked ``redis`` start a real worker instead (see tests/celery_worker)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def demo_loader():
    """``demo_loader()`` puts the demo into the database as ``manage.py load_wic_demo`` does (its rows, and its
    files in the storages in use), and returns what the command printed. The command runs once per process; each
    later call replays its writes (tests/demo_data.py). Call it inside the caller's transaction."""
    demo = DemoCache()
    yield demo
    demo.close()


@pytest.fixture
def still_signing_clock(monkeypatch):
    """The signer's clock held at one second. Signed links carry the second they were made in (signing.dumps): a
    test comparing the link in an email with one it makes afterwards fails when a busy machine crosses a second."""
    now = time.time()
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd) that Django sends to; yields the list of received messages.

    It refuses any recipient whose address starts with ``nobody@``.
    """
    class Sink:
        def __init__(self):
            self.messages = []

        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
            if address.startswith("nobody@"):  # lets tests see a permanent refusal
                return "550 5.1.1 no such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
            self.messages.append(message_from_bytes(envelope.original_content, policy=policy.default))
            return "250 OK"

    port = free_port()  # aiosmtpd's controller cannot be given port 0
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    send_mail_to(settings, port)
    yield sink.messages
    controller.stop()


def send_mail_to(settings, port: int) -> None:
    """Django (this process, and a task run in-process) sends by SMTP to the server on ``port`` of loopback."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


@pytest.fixture
def organizer(django_user_model):
    """A staff account in the Organizers group, as `make run` creates one."""
    user = django_user_model.objects.create_user("organizer", password="correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Organizers"))
    return user


@pytest.fixture
def organizer_client(client, organizer):
    client.force_login(organizer)
    return client


@pytest.fixture
def visa_desk(django_user_model):
    """A staff account in the Visa desk group: visa letters and passport data, and nothing of the organizers'."""
    user = django_user_model.objects.create_user("visa-desk", password="correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Visa desk"))
    return user


@pytest.fixture
def visa_desk_client(client, visa_desk):
    client.force_login(visa_desk)
    return client


@pytest.fixture
def celery_worker(settings, smtp_server, transactional_db):
    """A real Celery worker process on Redis, sharing the test database and sending to the test SMTP server.

    Needs PostgreSQL and Redis (the worker must reach the same database); skipped on the embedded default.
    """
    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL and Redis: set DATABASE_URL and REDIS_URL")
    queue = f"wic-test-{uuid.uuid4().hex[:8]}"  # this run's own queue: no other worker takes its tasks
    name = f"{queue}@127.0.0.1"  # pinged by name: other workers on the same Redis answer a broadcast too
    env = {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "EMAIL_URL": f"smtp://{settings.EMAIL_HOST}:{settings.EMAIL_PORT}",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    root = Path(__file__).resolve().parent.parent
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "wic", "worker", "--pool=solo", "--without-gossip",
         "--without-mingle", "--loglevel=WARNING", "-Q", queue, "-n", name],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        replies = celery_app.control.ping(timeout=0.5, destination=[name]) or []
        if replies:
            break
        if worker.poll() is not None:
            pytest.fail(f"the Celery worker stopped: {worker.stderr.read()}")
    yield worker
    celery_app.conf.task_default_queue = previous
    worker.terminate()
    worker.wait(timeout=20)


def wait_for(predicate, *, timeout: float = 20.0, interval: float = 0.2):
    """Poll until ``predicate()`` is truthy (a real worker works at its own pace); returns its last value."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    return value
