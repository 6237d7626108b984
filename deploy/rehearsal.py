"""The production rehearsal (issue 15, item 8): the stack exactly as deploy/ configures it, checked through nginx.

Starts, all on free loopback ports and in a temporary directory: a throw-away PostgreSQL database
(``wic_rehearsal`` on the server of ``DATABASE_URL``, migrated, the demo loaded: its upcoming edition is open for
registration), a private redis-server, an SMTP sink that can answer 421 at connect, gunicorn with
deploy/gunicorn.conf.py (4 workers), a Celery worker and beat with the command lines of deploy/systemd/, and
Debian's nginx with deploy/nginx/wic.conf. Every process gets deploy/wic.env.example with the rehearsal's
addresses in place of the example's, plus a low REGISTRATION_RATE_LIMIT, a 2 s OUTBOX_FLUSH_SECONDS and short
email retry delays, so that the checks take seconds.

No certificate here: the HTTPS server of wic.conf listens in plain HTTP on loopback and everything else in it is
kept, including ``X-Forwarded-Proto https``; so Django runs as in production (SECURE_SSL_REDIRECT, secure
cookies, HSTS and the HTTPS CSRF checks of Origin and Referer against the Host with its port), not with its
redirect switched off.

Then, through nginx only:
  a) 30 clients, each from its own address (127.0.0.2-31), register more than the rate limit: each keeps its
     own allowance, and one forging X-Forwarded-For gets no more;
  b) Redis stopped: registrations are still answered quickly, without 5xx; once Redis is back every email of
     theirs reaches the SMTP server exactly once; the worker and beat are still running;
  c) the SMTP server answers 421 at connect for 20 s: no email of the registrations made meanwhile is lost, each
     is delivered exactly once after;
  d) /healthz (and /readyz when it exists), HTTP redirected to HTTPS, static files and uploads served by nginx,
     and no guest's token in the access logs.
Prints each figure; exits 1 if a check failed, after printing the end of every log. Everything is stopped and
the database dropped on the way out, on failure, Ctrl-C or SIGTERM too.

Usage: .venv/bin/python deploy/rehearsal.py [--keep]   (--keep: keep the logs and the database)
"""

import argparse
import grp
import http.client
import http.cookies
import os
import pwd
import re
import secrets
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._harness import postgres_server_url, recreate_database  # noqa: E402 - needs ROOT on the path
from tests.infra import PrivateRedis, SmtpSink, free_port, wait_until  # noqa: E402

DEPLOY = ROOT / "deploy"
VENV_BIN = Path(sys.executable).parent
DATABASE = "wic_rehearsal"
CLIENTS = 30
RATE_LIMIT = 3
ANSWER_WITHIN = 2.0  # seconds, for every request while Redis is down
SMTP_REFUSAL_SECONDS = 20
DELIVERY_TIMEOUT = 60  # seconds to wait for emails after an outage before calling them lost
REQUEST_TIMEOUT = 10

# The rehearsal's own values; each name must be in deploy/wic.env.example, so that the example lists what
# production needs.
REHEARSAL_ONLY = {
    "REGISTRATION_RATE_LIMIT": str(RATE_LIMIT),
    "OUTBOX_FLUSH_SECONDS": "2",
    "EMAIL_RETRY_FIRST_SECONDS": "1",
    "EMAIL_RETRY_MAX_SECONDS": "5",
}


class RehearsalError(Exception):
    """The stack could not be started as deploy/ describes it."""


# --- The parts ------------------------------------------------------------------------------------------------

class RefusingSmtpSink(SmtpSink):
    """The tests' SMTP sink, able to answer ``421`` at connect for a while, as a mail server under maintenance or
    throttling does; the refused connections are counted."""

    def __init__(self):
        super().__init__()
        self.refuse_until = 0.0
        self.refused = 0

    def refuse_for(self, seconds: float) -> None:
        self.refuse_until = time.monotonic() + seconds

    def __enter__(self) -> "RefusingSmtpSink":
        super().__enter__()
        from aiosmtpd.smtp import SMTP

        sink = self

        class RefusingSMTP(SMTP):
            async def _handle_client(self):
                if time.monotonic() < sink.refuse_until:
                    sink.refused += 1
                    await self.push("421 4.3.2 Service not available, try again later")
                    self.transport.close()
                    return
                await super()._handle_client()

        controller = self._controller
        controller.factory = lambda: RefusingSMTP(controller.handler, **controller.SMTP_kwargs)  # per connection
        return self


class Process:
    """A server in its own process group with its output in ``<logs>/<name>.log``."""

    def __init__(self, name: str, command: list[str], *, env: dict, logs: Path):
        self.name = name
        self.log_path = logs / f"{name}.log"
        with self.log_path.open("ab") as log:
            self.popen = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                          start_new_session=True)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, text: str, *, timeout: float) -> None:
        def logged() -> bool:
            if not self.alive():
                raise RehearsalError(f"{self.name} stopped:\n{self.log()[-3000:]}")
            return text in self.log()

        wait_until(logged, timeout=timeout, interval=0.2, what=f"{self.name}: {text!r} in its log")


def stop_all(processes: dict[str, Process], timeout: float = 20) -> None:
    """SIGTERM to each (every server's graceful stop) at once, then SIGKILL for whatever of their groups is left
    after ``timeout`` seconds (pool processes included)."""
    for process in processes.values():
        if process.alive():
            process.popen.terminate()
    deadline = time.monotonic() + timeout
    for process in processes.values():
        with suppress(subprocess.TimeoutExpired):
            process.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
        with suppress(ProcessLookupError):
            os.killpg(process.popen.pid, signal.SIGKILL)
        process.popen.wait(timeout=10)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines, as systemd's EnvironmentFile reads them (comments on lines of their own)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def unit_command(unit: str, *, replacements: dict[str, str]) -> list[str]:
    """The ExecStart of a systemd unit in deploy/systemd/, with its production paths replaced."""
    text = (DEPLOY / "systemd" / unit).read_text()
    command = shlex.split(re.search(r"^ExecStart=(.+)$", text, re.MULTILINE).group(1))
    for old, new in replacements.items():
        if not any(old in argument for argument in command):
            raise RehearsalError(f"deploy/systemd/{unit} no longer has {old!r} in ExecStart: update the rehearsal")
        command = [argument.replace(old, new) for argument in command]
    return command


def nginx_site(*, https_port: int, http_port: int, gunicorn_port: int, workdir: Path) -> str:
    """deploy/nginx/wic.conf on loopback ports and temporary paths; the TLS lines go (see the module's doc)."""
    text = (DEPLOY / "nginx" / "wic.conf").read_text()
    for pattern, replacement in [
        (r"^\s*listen \[::\]:(?:80|443)\b[^;]*;\n", ""),
        (r"^\s*ssl_certificate(?:_key)? [^;]*;\n", ""),
        (r"\blisten 443 ssl http2;", f"listen 127.0.0.1:{https_port};"),
        (r"\blisten 80;", f"listen 127.0.0.1:{http_port};"),
        (re.escape("server 127.0.0.1:8000"), f"server 127.0.0.1:{gunicorn_port}"),
        (re.escape("/srv/wic/static/"), f"{workdir}/static/"),
        (re.escape("/srv/wic/media/"), f"{workdir}/media/"),
        (re.escape("/var/log/nginx/"), f"{workdir}/logs/nginx-"),
    ]:
        text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
        if not count:
            raise RehearsalError(f"deploy/nginx/wic.conf has nothing matching {pattern!r}: update the rehearsal")
    return text


def nginx_main_conf(workdir: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf gives the site, with the pid, temporary files and logs in ``workdir``;
    run by whoever runs the rehearsal (as root, the workers too, so that they may read the temporary directory)."""
    user = "" if os.geteuid() else f"user {pwd.getpwuid(0).pw_name} {grp.getgrgid(os.getegid()).gr_name};"
    temp = "\n".join(f"    {kind}_temp_path {workdir}/nginx-temp/{kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
{user}
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/logs/nginx-error.log warn;
events {{
    worker_connections 512;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    gzip on;
{temp}
    access_log {workdir}/logs/nginx-default.access.log;
    include {site};
}}
"""


# --- A guest's browser, from an address of its own --------------------------------------------------------------

@dataclass
class Answer:
    status: int  # 0: no answer within REQUEST_TIMEOUT (or the connection failed)
    seconds: float
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    cookies: dict[str, str] = field(default_factory=dict)


def http_request(port: int, method: str, path: str, *, source: str = "127.0.0.1", headers: dict | None = None,
                 body: bytes | None = None) -> Answer:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT, source_address=(source, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        cookies = http.cookies.SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return Answer(response.status, time.monotonic() - started,
                      {name.lower(): value for name, value in response.getheaders()}, response.read(),
                      {name: morsel.value for name, morsel in cookies.items()})
    except OSError:
        return Answer(0, time.monotonic() - started)
    finally:
        connection.close()


class Browser:
    """One guest's browser at ``source``: opens the registration form, then posts it as browsers do."""

    def __init__(self, port: int, year: int, source: str):
        self.port, self.source = port, source
        self.form_path = f"/en/summits/{year}/register/"
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.forum_ids: list[int] = []

    def get(self, path: str, headers: dict | None = None) -> Answer:
        answer = http_request(self.port, "GET", path, source=self.source,
                              headers={"Cookie": self._cookie_header(), **(headers or {})})
        self.cookies.update(answer.cookies)
        return answer

    def open_form(self) -> Answer:
        answer = self.get(self.form_path)
        page = answer.body.decode(errors="replace")
        if token := re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page):
            self.token = token.group(1)
        self.forum_ids = sorted({int(value) for value in re.findall(r'name="forums" value="(\d+)"', page)})
        return answer

    def register(self, email: str, number: int, forged_for: str | None = None) -> Answer:
        data = {
            "csrfmiddlewaretoken": self.token, "email": email, "full_name": f"Rehearsal Guest {number}",
            "native_name": "", "title": "Director", "organization_name": f"Organisation {number % 7}",
            "category": "enterprise", "country": "KE", "phone": f"+254 20 {number:07d}", "participation": "offline",
            "forums": [self.forum_ids[number % len(self.forum_ids)]] if self.forum_ids else [], "needs": "",
            "consent": "on", "website": "",
        }
        headers = {"Cookie": self._cookie_header(), "Origin": self.origin,
                   "Referer": self.origin + self.form_path,
                   "Content-Type": "application/x-www-form-urlencoded"}
        if forged_for:
            headers["X-Forwarded-For"] = forged_for
        answer = http_request(self.port, "POST", self.form_path, source=self.source, headers=headers,
                              body=urllib.parse.urlencode(data, doseq=True).encode())
        self.cookies.update(answer.cookies)
        return answer

    def _cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def register_in_parallel(port: int, year: int, sources: list[str], per_client: int, label: str,
                         forger: str | None = None) -> tuple[dict[str, list[Answer]], list[str]]:
    """Each source opens the form and registers ``per_client`` times (the forger once more, each time with a new
    forged X-Forwarded-For); returns every answer (form and posts) by source, and the addresses registered."""
    def client(source: str) -> list[Answer]:
        browser = Browser(port, year, source)
        answers = [browser.open_form()]
        for attempt in range(per_client + (source == forger)):
            number = int(source.replace(".", "")) * 10 + attempt
            forged = f"203.0.113.{attempt + 1}" if source == forger else None
            answers.append(browser.register(email_of(label, source, attempt), number, forged_for=forged))
        return answers

    with ThreadPoolExecutor(max_workers=len(sources)) as pool:
        answers = dict(zip(sources, pool.map(client, sources), strict=True))
    emails = [email_of(label, source, attempt) for source in sources
              for attempt in range(per_client + (source == forger))]
    return answers, emails


def email_of(label: str, source: str, attempt: int) -> str:
    return f"rehearsal.{label}.{source.replace('.', '-')}.{attempt}@example.org"


# --- What the database and the SMTP server hold ----------------------------------------------------------------

class Outbox:
    """Reads the rehearsal database directly (psycopg2): which registrations were saved, which emails are due."""

    def __init__(self, database_url: str):
        import psycopg2

        parts = urllib.parse.urlsplit(database_url)
        self.connection = psycopg2.connect(host=parts.hostname, port=parts.port or 5432, user=parts.username,
                                           password=parts.password, dbname=parts.path.lstrip("/"))
        self.connection.autocommit = True

    def rows(self, emails: list[str]) -> dict[int, str]:
        """Outbox rows to these addresses: id -> status."""
        with self.connection.cursor() as cursor:
            cursor.execute('SELECT id, status FROM core_outgoingemail WHERE lower("to") = ANY(%s)',
                           ([email.lower() for email in emails],))
            return dict(cursor.fetchall())

    def registered(self, emails: list[str]) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM guests_registration r JOIN guests_guest g ON g.id = r.guest_id "
                           "WHERE lower(g.email) = ANY(%s)", ([email.lower() for email in emails],))
            return cursor.fetchone()[0]

    def close(self) -> None:
        self.connection.close()


def deliveries(sink: SmtpSink) -> Counter:
    """How many times the SMTP server received each outbox row (its Message-ID names the row)."""
    found = (re.match(r"<outbox-(\d+)\.", received.message_id) for received in list(sink.received))
    return Counter(int(match.group(1)) for match in found if match)




class Checks:
    def __init__(self):
        self.failed: list[str] = []

    def __call__(self, ok: bool, what: str) -> bool:
        print(f"   {'ok' if ok else 'FAILED'}: {what}")
        if not ok:
            self.failed.append(what)
        return ok


def statuses(answers: list[Answer]) -> str:
    counts = Counter(answer.status for answer in answers)
    return ", ".join(f"{count} × {status or 'no answer'}" for status, count in sorted(counts.items()))


def milliseconds(values: list[float]) -> str:
    return f"p50 {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


# --- The rehearsal --------------------------------------------------------------------------------------------

@dataclass
class Stack:
    workdir: Path
    port: int  # nginx's HTTPS server (plain HTTP here)
    http_port: int  # nginx's HTTP server, which redirects
    redis: PrivateRedis
    sink: RefusingSmtpSink
    outbox: Outbox
    processes: dict[str, Process]
    year: int = 0

    def stopped(self, *names: str) -> list[str]:
        """Which of these processes have stopped."""
        return [name for name in names if not self.processes[name].alive()]

    def wait_for_delivery(self, emails: list[str]) -> float | None:
        """Seconds until every outbox row to ``emails`` reached the SMTP server; None if some had not within
        DELIVERY_TIMEOUT, or the worker or beat stopped before (nobody left to send them)."""
        started = time.monotonic()
        rows = set(self.outbox.rows(emails))  # written with the registrations, so all there already
        while rows and time.monotonic() - started < DELIVERY_TIMEOUT and not self.stopped("worker", "beat"):
            if rows <= set(deliveries(self.sink)):
                return time.monotonic() - started
            time.sleep(0.2)
        return None


def rehearse(cleanup: ExitStack, workdir: Path, checks: Checks, *, keep: bool, smtp_refusal: float) -> None:
    stack = start_stack(cleanup, workdir, keep=keep)
    check_clients_keep_their_allowance(stack, checks)
    check_redis_outage(stack, checks)
    check_smtp_refusal(stack, checks, refusal_seconds=smtp_refusal)
    check_proxy(stack, checks)
    stopped = stack.stopped("gunicorn", "worker", "beat", "nginx")
    checks(not stopped, f"every process still running at the end{': not ' + ', '.join(stopped) if stopped else ''}")


def start_stack(cleanup: ExitStack, workdir: Path, *, keep: bool) -> Stack:
    started = time.monotonic()
    logs = workdir / "logs"
    for folder in ("logs", "static", "media", "private", "nginx-temp"):
        (workdir / folder).mkdir()
    redis = PrivateRedis(workdir / "redis").start()
    cleanup.callback(redis.stop)
    sink = cleanup.enter_context(RefusingSmtpSink())
    database_url = recreate_database(postgres_server_url(), DATABASE)
    if not keep:
        cleanup.callback(recreate_database, postgres_server_url(), DATABASE, drop_only=True)
    port, http_port, gunicorn_port = free_port(), free_port(), free_port()

    production = read_env_file(DEPLOY / "wic.env.example")
    addresses = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"https://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis.url,
        "EMAIL_URL": sink.url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}",
    }
    if missing := sorted(addresses.keys() - production.keys()):
        raise RehearsalError(f"deploy/wic.env.example does not set {', '.join(missing)}")
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", str(workdir)),
           **production, **addresses, **REHEARSAL_ONLY, "GUNICORN_ACCESS_LOG": str(logs / "gunicorn-access.log")}
    (logs / "wic.env").write_text("".join(f"{key}={value}\n" for key, value in env.items()))

    # The deploy's steps (README): migrate and collect the static files, at once here.
    migrate = manage(["migrate", "--noinput"], env=env, log=logs / "migrate.log")
    # Django's manifest storage, not WhiteNoise's compressing subclass: the same hashed names and staticfiles.json
    # in 4 s instead of 75 s (the gzip and brotli copies); nginx then serves the files uncompressed.
    collect = manage(["collectstatic", "--noinput"], log=logs / "collectstatic.log",
                     env={**env, "DJANGO_SETTINGS_MODULE": "deploy.rehearsal_static_settings"})
    finish(migrate, collect)
    migrated = time.monotonic() - started

    site = workdir / "wic.conf"
    site.write_text(nginx_site(https_port=port, http_port=http_port, gunicorn_port=gunicorn_port, workdir=workdir))
    main_conf = workdir / "nginx.conf"
    main_conf.write_text(nginx_main_conf(workdir, site))
    bin_dir = {"/srv/wic/app/.venv/bin/": f"{VENV_BIN}/"}
    commands = {
        "gunicorn": unit_command("wic-web.service", replacements=bin_dir),
        "worker": unit_command("wic-worker.service", replacements=bin_dir),
        "beat": unit_command("wic-beat.service", replacements={
            **bin_dir, "/var/lib/wic/": f"{workdir}/"}),
        "nginx": [shutil.which("nginx"), "-p", str(workdir), "-c", str(main_conf),
                  "-e", str(logs / "nginx-error.log")],
    }
    processes: dict[str, Process] = {}
    cleanup.callback(stop_all, processes)
    for name, command in commands.items():
        processes[name] = Process(name, command, env=env, logs=logs)
    # The demo loads while the servers start (their start-up is mostly imports).
    finish(manage(["load_wic_demo"], env=env, log=logs / "demo.log"))
    demo = time.monotonic() - started - migrated
    outbox = Outbox(database_url)
    cleanup.callback(outbox.close)
    stack = Stack(workdir, port, http_port, redis, sink, outbox, processes)

    def answering(port_: int, headers: dict) -> bool:
        for name in ("gunicorn", "nginx"):
            if not processes[name].alive():
                raise RehearsalError(f"{name} stopped:\n{processes[name].log()[-3000:]}")
        return http_request(port_, "GET", "/healthz", headers=headers).status == 200

    # Straight to gunicorn a health check must say https, as nginx does, or Django redirects it.
    wait_until(lambda: answering(gunicorn_port, {"X-Forwarded-Proto": "https"}), timeout=60, interval=0.3,
               what="gunicorn answering")
    wait_until(lambda: answering(port, {}), timeout=20, interval=0.2, what="nginx answering")
    processes["worker"].wait_for_log(" ready.", timeout=60)
    processes["beat"].wait_for_log("beat: Starting", timeout=30)
    home = http_request(port, "GET", "/en/").body.decode(errors="replace")
    if not (link := re.search(r'href="/en/summits/(\d+)/register/"', home)):
        raise RehearsalError("the home page links to no registration form: has the demo no open edition?")
    stack.year = int(link.group(1))
    print(f"stack: PostgreSQL database {DATABASE} migrated and static files collected in {migrated:.0f} s, the "
          f"demo loaded in {demo:.0f} s; gunicorn ({gunicorn_count(processes['gunicorn'])} workers), Celery worker "
          f"and beat, nginx on 127.0.0.1:{port} answering {time.monotonic() - started:.0f} s after the start; "
          f"registration open for {stack.year}")
    return stack


def manage(command: list[str], *, env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as output:
        return subprocess.Popen([sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=output,
                                stderr=subprocess.STDOUT)


def finish(*commands: subprocess.Popen) -> None:
    for command in commands:
        if command.wait(timeout=300):
            raise RehearsalError(f"{shlex.join(command.args[1:])} failed (its log is below)")


def gunicorn_count(process: Process) -> int:
    return len(re.findall(r"Booting worker with pid", process.log()))


def check_clients_keep_their_allowance(stack: Stack, checks: Checks) -> None:
    sources = [f"127.0.0.{number}" for number in range(2, 2 + CLIENTS)]
    forger = sources[0]
    started, hour = time.monotonic(), time.strftime("%H")
    answers, emails = register_in_parallel(stack.port, stack.year, sources, RATE_LIMIT + 1, "a", forger=forger)
    seconds = time.monotonic() - started
    if time.strftime("%H") != hour:
        print("   (the hour turned meanwhile: the rate limit counts per clock hour, so a client may have got more)")
    posts = [answer for source in sources for answer in answers[source][1:]]
    print(f"a) {CLIENTS} clients (127.0.0.2-{1 + CLIENTS}), {RATE_LIMIT + 1} registrations each, one of them "
          f"(127.0.0.2) once more and each time with a forged X-Forwarded-For, REGISTRATION_RATE_LIMIT={RATE_LIMIT}: "
          f"{len(posts)} posts in {seconds:.1f} s: {statuses(posts)}")
    expected = [302] * RATE_LIMIT + [429]
    own = [source for source in sources[1:] if [answer.status for answer in answers[source][1:]] == expected]
    checks(len(own) == CLIENTS - 1, f"{len(own)} of {CLIENTS - 1} clients: {RATE_LIMIT} registered (302), "
                                     f"the next refused (429)")
    forged = [answer.status for answer in answers[forger][1:]]
    checks(forged == [*expected, 429], f"the forger: {forged} (a forged X-Forwarded-For buys nothing)")
    saved = stack.outbox.registered(emails)
    checks(saved == (RATE_LIMIT * CLIENTS), f"{saved} registrations saved")
    delivered = stack.wait_for_delivery(emails)
    check_delivered_once(stack, checks, emails, delivered, after="the registrations")


def check_redis_outage(stack: Stack, checks: Checks) -> None:
    sources = [f"127.0.1.{number}" for number in range(2, 6)]
    stack.redis.stop()
    stopped = time.monotonic()
    answers, emails = register_in_parallel(stack.port, stack.year, sources, RATE_LIMIT, "b")
    health = http_request(stack.port, "GET", "/healthz")
    time.sleep(max(0.0, 3 - (time.monotonic() - stopped)))  # Redis down for at least 3 s
    stack.redis.start()
    restarted = time.monotonic()
    every = [answer for source in sources for answer in answers[source]]
    posts = [answer for source in sources for answer in answers[source][1:]]
    print(f"b) Redis stopped for {restarted - stopped:.1f} s: {len(sources)} clients opened the form and "
          f"registered {RATE_LIMIT} times each: posts {statuses(posts)}; "
          f"posts {milliseconds([answer.seconds for answer in posts])}, "
          f"forms {milliseconds([answers[source][0].seconds for source in sources])}; "
          f"/healthz {health.status}")
    checks(all(answer.status == 302 for answer in posts), "every registration answered 302 (no 5xx, no time-out)")
    slow = [answer.seconds for answer in every if answer.seconds >= ANSWER_WITHIN]
    checks(not slow, f"every request answered within {ANSWER_WITHIN:.0f} s ({len(slow)} slower)")
    saved = stack.outbox.registered(emails)
    checks(saved == len(emails), f"{saved} of {len(emails)} registrations saved")
    delivered = stack.wait_for_delivery(emails)
    check_delivered_once(stack, checks, emails, delivered, after="Redis was back")
    stopped_processes = stack.stopped("worker", "beat")
    checks(not stopped_processes, "the worker and beat survived Redis's restart"
                                  f"{': not ' + ', '.join(stopped_processes) if stopped_processes else ''}")
    checks(health.status == 200, f"/healthz answered during the outage ({health.status or 'no answer'})")


def check_smtp_refusal(stack: Stack, checks: Checks, *, refusal_seconds: float) -> None:
    sources = [f"127.0.2.{number}" for number in range(2, 6)]
    refused_before = stack.sink.refused
    stack.sink.refuse_for(refusal_seconds)
    answers, emails = register_in_parallel(stack.port, stack.year, sources, RATE_LIMIT, "c")
    posts = [answer for source in sources for answer in answers[source][1:]]
    wait_until(lambda: time.monotonic() >= stack.sink.refuse_until, timeout=refusal_seconds + 5,
               what="the end of the SMTP refusal")
    refused = stack.sink.refused - refused_before
    print(f"c) the SMTP server answered 421 at connect for {refusal_seconds:g} s: {len(posts)} registrations "
          f"meanwhile ({statuses(posts)}); {refused} connections refused")
    checks(all(answer.status == 302 for answer in posts), "every registration answered 302")
    checks(refused > 0, "the worker tried to send during the refusal")
    delivered = stack.wait_for_delivery(emails)
    check_delivered_once(stack, checks, emails, delivered, after="the SMTP server accepted again")


def check_delivered_once(stack: Stack, checks: Checks, emails: list[str], delivered: float | None, *,
                         after: str) -> None:
    rows = stack.outbox.rows(emails)
    time.sleep(1)  # a second copy would come right after the first
    counts = deliveries(stack.sink)
    once = [row for row in rows if counts[row] == 1]
    figure = f"{delivered:.1f} s after {after}" if delivered is not None else f"not within {DELIVERY_TIMEOUT} s"
    checks(len(once) == len(rows) > 0, f"{len(once)} of {len(rows)} emails delivered exactly once, the last "
                                       f"{figure} (statuses: {dict(Counter(rows.values()))}, "
                                       f"more than once: {sum(counts[row] > 1 for row in rows)})")


def check_proxy(stack: Stack, checks: Checks) -> None:
    print("d) through nginx:")
    health = http_request(stack.port, "GET", "/healthz")
    checks(health.status == 200, f"/healthz {health.status}")
    ready = http_request(stack.port, "GET", "/readyz")
    if ready.status == 404:
        print("   skipped: /readyz is not there yet (the readiness endpoint of item 2)")
    else:
        checks(ready.status == 200, f"/readyz {ready.status} {ready.body[:300].decode(errors='replace')}")
    redirect = http_request(stack.http_port, "GET", "/en/")
    checks(redirect.status == 301 and redirect.headers.get("location", "").startswith("https://"),
           f"plain HTTP redirected to HTTPS: {redirect.status} {redirect.headers.get('location')}")
    home = http_request(stack.port, "GET", "/en/").body.decode(errors="replace")
    static_path = re.search(r'"(/static/[^"]+\.css)"', home)
    static = http_request(stack.port, "GET", static_path.group(1)) if static_path else Answer(0, 0)
    checks(static.status == 200 and "immutable" in static.headers.get("cache-control", ""),
           f"a static file from nginx: {static.status}, Cache-Control: {static.headers.get('cache-control')}")
    upload = stack.workdir / "media" / "rehearsal" / "probe.html"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_text("<script>alert(1)</script>")
    media = http_request(stack.port, "GET", "/media/rehearsal/probe.html")
    checks(media.status == 200 and "sandbox" in media.headers.get("content-security-policy", "")
           and media.headers.get("x-content-type-options") == "nosniff",
           f"an upload from nginx: {media.status}, sandboxed and not sniffed")
    check_compressed_feed(stack, checks)
    check_access_logs(stack, checks)


def check_compressed_feed(stack: Stack, checks: Checks) -> None:
    """schedule.json through nginx as a partner asks for it: brotli with its own ETag, then a 304 for that tag."""
    path = f"/summits/{stack.year}/schedule.json"
    plain = http_request(stack.port, "GET", path)
    packed = http_request(stack.port, "GET", path, headers={"Accept-Encoding": "br, gzip"})
    etag = packed.headers.get("etag", "")
    again = http_request(stack.port, "GET", path, headers={"Accept-Encoding": "br, gzip", "If-None-Match": etag})
    checks(plain.status == packed.status == 200 and packed.headers.get("content-encoding") == "br"
           and etag.endswith('-br"') and again.status == 304
           and "accept-encoding" in packed.headers.get("vary", "").lower(),
           f"schedule.json through nginx: {len(plain.body):,} bytes plain, {len(packed.body):,} with "
           f"{packed.headers.get('content-encoding')} (ETag {etag}), then {again.status} for that ETag")


def check_access_logs(stack: Stack, checks: Checks) -> None:
    """A guest opens their page (the link of their email), in both languages, and the form from it; the access
    logs must hold none of the tokens of the emails sent."""
    links, pages = set(), set()
    for received in list(stack.sink.received):
        body = received.message.get_body(preferencelist=("plain",))
        text = body.get_content() if body else ""
        # Every guest's link (its verification link too: another token); the page is the one ending at the token.
        links.update(re.findall(r"https?://[^/\s]+(/[a-z-]+/summits/\d+/registration/[^/\s]+/)", text))
        pages.update(re.findall(r"https?://[^/\s]+(/[a-z-]+/summits/\d+/registration/[^/\s]+/)(?=\s|$)", text))
    tokens = {link.split("/registration/")[1].split("/")[0] for link in links}
    if not checks(bool(tokens) and bool(pages),
                  f"guests' links found in {len(stack.sink.received)} emails: {len(tokens)}"):
        return
    link = sorted(pages)[0]
    page = http_request(stack.port, "GET", link)
    chinese = http_request(stack.port, "GET", re.sub(r"^/[a-z-]+/", "/zh-hans/", link))
    referred = http_request(stack.port, "GET", f"/en/summits/{stack.year}/register/",
                            headers={"Referer": f"https://127.0.0.1:{stack.port}{link}"})
    checks(page.status == chinese.status == 200 and referred.status == 200,
           f"a guest's page in English and Chinese, and a page it links to: {page.status}, {chinese.status}, "
           f"{referred.status}")
    time.sleep(0.5)  # nginx writes its log line once the answer is sent
    for log in ("nginx-wic.access.log", "gunicorn-access.log"):
        text = (stack.workdir / "logs" / log).read_text(errors="replace")
        leaked = sum(token in text for token in tokens)
        checks(leaked == 0 and "/registration/" in text,
               f"{log}: {text.count('/registration/')} mentions of guests' pages, {leaked} of the {len(tokens)} "
               f"tokens recorded")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help=f"keep the logs and the {DATABASE} database")
    parser.add_argument("--smtp-refusal-seconds", type=float, default=SMTP_REFUSAL_SECONDS, metavar="SECONDS",
                        help=f"how long the SMTP server answers 421 at connect in c) (default {SMTP_REFUSAL_SECONDS}; "
                             "600 for the ten-minute outage of issue 15)")
    args = parser.parse_args()
    if shutil.which("nginx") is None:
        sys.exit("nginx is needed: apt-get install -y nginx-light")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwinds through every clean-up below

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="wic-rehearsal-"))
    checks = Checks()
    try:
        with ExitStack() as cleanup:  # stops every process and drops the database, whatever happens
            rehearse(cleanup, workdir, checks, keep=args.keep, smtp_refusal=args.smtp_refusal_seconds)
    except (RehearsalError, TimeoutError, subprocess.CalledProcessError) as error:
        checks(False, f"the stack as deploy/ configures it: {error}")
    except BaseException:
        print_logs(workdir)
        raise
    if checks.failed:
        print_logs(workdir)
        print(f"REHEARSAL FAILED ({len(checks.failed)}): " + "; ".join(checks.failed))
    if checks.failed or args.keep:
        print(f"logs kept in {workdir / 'logs'}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"rehearsal: {time.monotonic() - started:.0f} s in all")
    return 1 if checks.failed else 0


def print_logs(workdir: Path) -> None:
    for path in sorted((workdir / "logs").glob("*.log")):
        lines = path.read_text(errors="replace").splitlines()[-25:]
        print(f"--- {path.name} (last {len(lines)} lines)")
        print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
