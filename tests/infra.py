"""Real parts that crash and outage tests start, stop and kill: a private Redis, Celery workers, an SMTP sink, a
partner's webhook receiver.

Everything here runs on free loopback ports of its own, so a test may kill it without touching the shared Redis
or another engineer's worker. ``bench/registration.py`` uses the same helpers.
"""

import asyncio
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
MAIL_LOG = logging.getLogger("mail.log")


def skip_without_redis_server() -> None:
    import pytest

    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on PATH (a private one is started)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not reached after {timeout} s")
        time.sleep(interval)
    return value


def stop_process(process: subprocess.Popen, *, timeout: float) -> None:
    """SIGTERM, and SIGKILL if it is still running after ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def database_url(settings_dict: dict) -> str:
    """The URL of a Django database (e.g. the test database) for a subprocess's ``DATABASE_URL``."""
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


class PrivateRedis:
    """A redis-server of our own on a free port, without persistence: stopping it loses what it held."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = Path(workdir)
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> "PrivateRedis":
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_until(self.ping, timeout=10, what=f"redis-server on port {self.port}")
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process(self.process, timeout=10)
        self.process = None


@contextmanager
def private_redis(workdir: Path):
    redis = PrivateRedis(workdir).start()
    try:
        yield redis
    finally:
        redis.stop()


@dataclass
class Received:
    """One message the sink accepted, and when (time.monotonic())."""

    to: str
    message_id: str
    subject: str
    at: float
    message: EmailMessage = field(repr=False)


class SmtpSink:
    """An SMTP server on loopback (aiosmtpd) that keeps what it accepts, optionally taking ``delay`` seconds per
    message before answering 250 (a slower server, so that a kill lands in the middle of a send); set ``answer`` to
    refuse the messages at the end of their DATA instead (e.g. "451 4.3.0 Try again later")."""

    def __init__(self, *, delay: float = 0.0):
        self.delay = delay
        self.answer = "250 OK"
        self.port = free_port()  # aiosmtpd's controller cannot be given port 0
        self.received: list[Received] = []
        self.started = 0  # messages whose DATA has come in, counted before the delay: a sender is mid-send
        self._lock = threading.Lock()
        self._controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def __len__(self) -> int:
        return len(self.received)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self._lock:
            self.started += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        if not self.answer.startswith("250"):
            return self.answer
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self._lock:
            for to in envelope.rcpt_tos:
                self.received.append(Received(
                    to=to, message_id=str(message["Message-ID"]), subject=str(message["Subject"]),
                    at=time.monotonic(), message=message,
                ))
        return self.answer

    def __enter__(self) -> "SmtpSink":
        from aiosmtpd.controller import Controller

        self._log_level = MAIL_LOG.level
        MAIL_LOG.setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._controller.stop()
        MAIL_LOG.setLevel(self._log_level)


class Worker:
    """A real Celery worker in its own process group, on the given Redis, database and SMTP server."""

    def __init__(self, *, redis_url: str, database_url: str, email_url: str, queue: str, log_path: Path,
                 concurrency: int = 2, pool: str = "prefork", visibility_timeout: int | None = None,
                 extra_env: dict | None = None):
        self.concurrency = concurrency
        self.log_path = Path(log_path)
        self.name = f"wic-test-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_RESULT_BACKEND": redis_url,
            "EMAIL_URL": email_url,
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "DJANGO_SETTINGS_MODULE": "wic.settings",
            **(extra_env or {}),
        }
        if visibility_timeout is not None:
            env["CELERY_VISIBILITY_TIMEOUT"] = str(visibility_timeout)
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "wic", "worker", f"--pool={pool}",
             f"--concurrency={concurrency}", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel=INFO", "-Q", queue, "-n", self.name],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killing the group is the machine going down
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def wait_ready(self, app, *, timeout: float = 60) -> None:
        """Until it answers a ping through the broker (``app`` must be configured for the same broker)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the Celery worker stopped:\n{self.log()}")
            if app.control.ping(destination=[self.name], timeout=0.5):
                return
        raise TimeoutError(f"the Celery worker did not answer within {timeout} s:\n{self.log()}")

    def children(self) -> list[int]:
        """The pool's processes (children of the main process)."""
        pids = []
        for children in Path(f"/proc/{self.pid}/task").glob("*/children"):
            pids += [int(pid) for pid in children.read_text().split()]
        return sorted(set(pids))

    def kill_child(self) -> int:
        """SIGKILL one pool process, as the OOM killer would; the main process stays up and replaces it."""
        child = wait_until(self.children, timeout=10, what="a pool process")[0]
        os.kill(child, signal.SIGKILL)
        return child

    def kill_group(self) -> list[int]:
        """SIGKILL the main process and its pool at once: the machine the worker ran on went down."""
        pids = [self.pid, *self.children()]
        os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        wait_until(lambda: not any(_alive(pid) for pid in pids), timeout=10, what="the worker's processes gone")
        self._log.close()
        return pids

    def stop(self) -> None:
        """Warm shutdown (SIGTERM); SIGKILL for the group if it hangs, and for any pool process left behind."""
        if self.process.poll() is None:
            pool = self.children()
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.pid, signal.SIGKILL)  # its main process is alive: the group is still this worker's
                self.process.wait(timeout=10)
            for pid in pool:
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
        self._log.close()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in {"Z", "X"}  # a zombie has died; only its parent has not read its status yet


@contextmanager
def celery_broker(app, *, broker_url: str, queue: str):
    """Make this process's Celery app publish to ``broker_url`` on ``queue`` (not eagerly), then put it back.

    The connection and producer pools are built lazily for the first broker used, so they are dropped on the
    way in and out. Results are not fetched here, so no result backend is used.
    """
    conf = app.conf
    saved = {name: conf[name] for name in ("broker_url", "result_backend", "task_default_queue",
                                           "task_always_eager")}

    def reset_pools():
        # kombu keeps one pool per broker URL in a global registry: empty it, or a pool closed here would be
        # handed back, closed, to the next user of the same URL.
        from kombu import pools

        pools.reset()
        app._pool = None
        app.amqp._producer_pool = None
        app._backend_cache = None
        app._local.__dict__.pop("backend", None)

    conf.update(broker_url=broker_url, result_backend=None, task_default_queue=queue, task_always_eager=False)
    reset_pools()
    try:
        yield app
    finally:
        reset_pools()
        conf.update(saved)


@dataclass(frozen=True)
class ReceivedHook:
    path: str
    headers: Message  # names are case-insensitive, as in HTTP (urllib sends "X-Wic-Event")
    body: bytes
    at: float  # time.monotonic() when the request came in

    @property
    def json(self) -> dict:
        return json.loads(self.body)


class WebhookReceiver:
    """A real HTTP endpoint on loopback standing in for a partner's webhook receiver (a thread of this process).

    Records every POST; answers with the statuses queued by ``answer()`` in turn, then 200. Use it as a context
    manager (or ``start()`` and ``stop()``)."""

    def __init__(self):
        self.received: list[ReceivedHook] = []
        self._answers: list[tuple[int, float, dict]] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver._lock:
                    receiver.received.append(ReceivedHook(self.path, self.headers, body, time.monotonic()))
                    status, delay, headers = receiver._answers.pop(0) if receiver._answers else (200, 0.0, {})
                if delay:
                    time.sleep(delay)
                payload = f"status {status} from the partner".encode()
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the sender gave up waiting (timeout tests)
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/wic-hooks"

    def answer(self, *statuses: int, delay: float = 0.0, headers: dict | None = None) -> None:
        """The next answers, in turn: each status after ``delay`` seconds, with ``headers``."""
        with self._lock:
            self._answers += [(status, delay, headers or {}) for status in statuses]

    def events(self) -> list[str]:
        return [hook.headers["X-WIC-Event"] for hook in self.received]

    def start(self) -> "WebhookReceiver":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "WebhookReceiver":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
