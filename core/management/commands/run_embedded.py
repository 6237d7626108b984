"""Serve the embedded mode as production runs it (`make run`): the web server, a Celery worker and beat, on the
embedded broker (kombu's filesystem transport, settings.EMBEDDED_BROKER_DIR), so that ETA tasks (a report edition
at its release time), countdown retries and beat's periodic jobs run as they do in production.

A small supervisor in the manner of honcho: the three processes' output interleaved, each line prefixed with its
name; Ctrl-C (or SIGTERM) stops all three; when one of them exits, the others are stopped too and the command
says which one ended. Each process runs in its own process group, so that a signal reaches the whole of it
(runserver's autoreloader and the server it restarts) and only when this command sends it.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Celery's warm shutdown waits for the task at work (a report's PDF may take a few seconds); then it is killed.
STOP_GRACE_SECONDS = 15
POLL_SECONDS = 0.2


@dataclass
class _Child:
    name: str
    argv: list[str]
    # What Ctrl-C sends; the worker takes SIGTERM, the same warm shutdown, but exits 0 (on SIGINT it exits 1).
    stop_signal: int = signal.SIGINT
    process: subprocess.Popen = field(init=False)
    reader: threading.Thread = field(init=False)


class Command(BaseCommand):
    help = ("Serve the site with a Celery worker and beat on the embedded broker (no server needed); Ctrl-C stops "
            "all three.")
    requires_system_checks: list[str] = []  # runserver, the worker and beat check for themselves

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000",
                            help="Where runserver listens (as runserver takes it).")
        parser.add_argument("--noreload", action="store_true", help="Run runserver without its autoreloader.")

    def handle(self, *args, addrport: str, noreload: bool, **options):
        self._output_lock = threading.Lock()
        self._stop_requested: int | None = None
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        celery = [sys.executable, "-m", "celery", "-A", "wic"]
        children = [
            _Child("web", [sys.executable, manage, "runserver", addrport, *(["--noreload"] if noreload else [])]),
            # solo: one task at a time (SQLite takes one writer at a time); a worker alone on its broker needs no
            # gossip, mingle or heartbeat, and the embedded broker has no remote control (wic/settings.py).
            _Child("worker", [*celery, "worker", "--pool=solo", "--concurrency=1", "--without-gossip",
                              "--without-mingle", "--without-heartbeat", "--loglevel=INFO"],
                   stop_signal=signal.SIGTERM),
            _Child("beat", [*celery, "beat", "--loglevel=INFO",
                            f"--schedule={Path(settings.EMBEDDED_BROKER_DIR) / 'beat-schedule'}"]),
        ]
        environment = self._environment()
        previous_handlers = {number: signal.signal(number, self._request_stop)
                             for number in (signal.SIGINT, signal.SIGTERM)}
        try:
            for child in children:
                self._start(child, environment)
            ended = self._wait(children)
        finally:
            self._stop(children)
            for number, handler in previous_handlers.items():
                signal.signal(number, handler)
        if ended is not None:
            raise CommandError(f"{ended.name} exited with code {ended.process.returncode}: stopped the others.")
        self._say("system", "stopped web, worker and beat.")

    def _environment(self) -> dict[str, str]:
        """The children's environment: tasks to the broker (not in-process), its folders made, output unbuffered."""
        if settings.EMBEDDED_BROKER:
            for folder in settings.EMBEDDED_BROKER_FOLDERS.values():
                Path(folder).mkdir(parents=True, exist_ok=True)
        elif settings.CELERY_BROKER_URL.startswith("memory://"):
            raise CommandError("CELERY_BROKER_URL is memory://: a broker in one process reaches no worker; unset it "
                               "for the embedded broker.")
        return {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false", "PYTHONUNBUFFERED": "1"}

    def _start(self, child: _Child, environment: dict[str, str]) -> None:
        child.process = subprocess.Popen(
            child.argv, cwd=settings.BASE_DIR, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, errors="replace", bufsize=1, process_group=0,
        )
        child.reader = threading.Thread(target=self._relay, args=(child,), daemon=True)
        child.reader.start()
        self._say(child.name, f"started (pid {child.process.pid}): {' '.join(child.argv[1:])}")

    def _relay(self, child: _Child) -> None:
        """Copy the child's output, line by line, under its name."""
        assert child.process.stdout is not None
        for line in child.process.stdout:
            self._say(child.name, line.rstrip("\n"))

    def _say(self, name: str, text: str) -> None:
        with self._output_lock:
            self.stdout.write(f"{time.strftime('%H:%M:%S')} {name:<6} | {text}")
            self.stdout.flush()

    def _request_stop(self, number, frame) -> None:
        self._stop_requested = number

    def _wait(self, children: list[_Child]) -> _Child | None:
        """Until a stop is asked for (None) or a child exits (that child)."""
        while self._stop_requested is None:
            for child in children:
                if child.process.poll() is not None:
                    return child
            time.sleep(POLL_SECONDS)
        return None

    def _stop(self, children: list[_Child]) -> None:
        """Each child's stop signal to its process group, then SIGKILL after the grace period."""
        started = [child for child in children if hasattr(child, "process")]
        running = [child for child in started if child.process.poll() is None]
        if running:
            self._say("system", f"stopping {', '.join(child.name for child in running)}")
        for child in started:  # an exited one too: what it started (runserver's server) may be left
            self._signal(child, child.stop_signal)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for child in running:
            try:
                child.process.wait(timeout=max(deadline - time.monotonic(), 0))
            except subprocess.TimeoutExpired:
                self._say("system", f"{child.name} did not stop in {STOP_GRACE_SECONDS} s: killed")
                self._signal(child, signal.SIGKILL)
                child.process.wait()
            self._say("system", f"{child.name} stopped (exit code {child.process.returncode})")
        for child in children:
            if hasattr(child, "reader"):
                child.reader.join(timeout=2)

    @staticmethod
    def _signal(child: _Child, number: int) -> None:
        with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
            os.killpg(child.process.pid, number)
