"""What the HTTP benchmarks share: a throw-away PostgreSQL database, gunicorn with production settings, raw HTTP
requests that show redirects and 304s as they are, and wrk's figures.

Every bench script that serves HTTP uses these; the private Redis, SMTP sink and Celery worker come from
``tests/infra.py``.
"""

import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.infra import free_port, stop_process, wait_until  # noqa: E402, F401 - needs ROOT on the path; re-exported

# --- PostgreSQL and Redis -------------------------------------------------------------------------------------

def postgres_server_url() -> urllib.parse.SplitResult:
    url = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    if not url.scheme.startswith("postgres"):
        sys.exit("DATABASE_URL must name a PostgreSQL server (the bench creates its own database on it).")
    return url


def recreate_database(url: urllib.parse.SplitResult, name: str, *, drop_only: bool = False) -> str:
    """Drop ``name`` on the server of ``url`` (closing its connections) and create it empty; returns its URL."""
    import psycopg2

    admin = psycopg2.connect(host=url.hostname or "127.0.0.1", port=url.port or 5432, user=url.username,
                             password=url.password, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urllib.parse.urlunsplit(url._replace(path=f"/{name}"))


def flush_redis(url: str) -> None:
    """Empty the one Redis database of ``url`` (never the whole server)."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


# --- gunicorn -------------------------------------------------------------------------------------------------

class Gunicorn:
    """gunicorn serving ``wic.wsgi`` on a loopback port, with the environment it is given (settings included)."""

    def __init__(self, env: dict, *, workers: int, worker_class: str = "sync", threads: int = 1,
                 log_path: Path, port: int | None = None):
        self.env, self.workers, self.worker_class, self.threads = env, workers, worker_class, threads
        self.log_path = log_path
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def describe(self) -> str:
        threads = f" x {self.threads} threads" if self.worker_class == "gthread" else ""
        return f"gunicorn: {self.workers} {self.worker_class} workers{threads}"

    def start(self, ready_path: str = "/healthz") -> "Gunicorn":
        command = [str(Path(sys.executable).parent / "gunicorn"), "wic.wsgi:application",
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                   "--worker-class", self.worker_class, "--timeout", "120", "--graceful-timeout", "10"]
        if self.worker_class == "gthread":
            command += ["--threads", str(self.threads)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)

        def answering() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped:\n{self.log_path.read_text()[-3000:]}")
            try:
                return fetch(self.base_url + ready_path, timeout=5).status == 200
            except OSError:
                return False

        wait_until(answering, timeout=60, interval=0.3, what="gunicorn answering")
        return self

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process(self.process, timeout=30)
        self.process = None


# --- One request, as it is --------------------------------------------------------------------------------------

@dataclass
class Fetched:
    url: str  # the last one, after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def fetch(url: str, *, headers: dict[str, str] | None = None, follow: int = 3, timeout: float = 120) -> Fetched:
    """GET ``url``, following up to ``follow`` redirects; a 304 or 404 is returned, not raised."""
    for _ in range(follow + 1):
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        try:
            connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""),
                               headers=headers or {})
            response = connection.getresponse()
            fetched = Fetched(url, response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()
        if fetched.status not in (301, 302, 303, 307, 308) or "location" not in fetched.headers:
            return fetched
        url = urllib.parse.urljoin(url, fetched.headers["location"])
    return fetched


# --- wrk ------------------------------------------------------------------------------------------------------

@dataclass
class WrkResult:
    requests: int
    rate: float  # requests per second
    p50_ms: float
    p99_ms: float
    socket_errors: int
    timeouts: int
    bad_status: int  # answers that were neither 2xx nor 3xx


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        sys.exit("wrk is needed for the HTTP figures: apt-get install -y wrk")
    return path


def _milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * _UNITS_MS[unit]


def run_wrk(url: str, *, seconds: float, connections: int = 64, threads: int = 2,
            headers: dict[str, str] | None = None) -> WrkResult:
    command = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency",
               "--timeout", "30s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))  # "1.23s " ends in a space
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    connect, read, write, timeouts = (int(value) for value in errors.groups()) if errors else (0, 0, 0, 0)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = re.search(r"^\s+(\d+) requests in", output, re.MULTILINE)
    return WrkResult(
        requests=int(requests.group(1)) if requests else 0,
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=_milliseconds(latency["50"]) if "50" in latency else float("nan"),
        p99_ms=_milliseconds(latency["99"]) if "99" in latency else float("nan"),
        socket_errors=connect + read + write,
        timeouts=timeouts,
        bad_status=int(bad.group(1)) if bad else 0,
    )


def measure_in_rounds(endpoints: list[tuple[str, str, dict]], *, rounds: int, seconds: float, warmup: float,
                      connections: int = 64) -> dict[str, list[WrkResult]]:
    """wrk on each (name, url, headers) after a warm-up, ``rounds`` times in alternating order, so that a busy
    moment of a shared machine hits every endpoint and each is measured next to its neighbours."""
    for _name, url, headers in endpoints:
        run_wrk(url, seconds=warmup, connections=connections, headers=headers)
    results = {name: [] for name, _url, _headers in endpoints}
    for number in range(rounds):
        for name, url, headers in endpoints if number % 2 == 0 else endpoints[::-1]:
            time.sleep(0.5)  # let the last answers and TIME_WAIT sockets settle
            results[name].append(run_wrk(url, seconds=seconds, connections=connections, headers=headers))
    return results


def print_rates(rows: list[tuple[str, int]], results: dict[str, list[WrkResult]], *, baseline: str,
                targets: dict[str, float]) -> None:
    """One line per (name, bytes per answer): medians over the rounds and how far apart the rounds were (the
    machine's noise). The ratio to ``baseline`` is the median of each round's ratio, since the load drifts."""
    print(f"{'':<20}{'requests/s':>11}{'spread':>8}{'p50 ms':>9}{'p99 ms':>9}{'bytes':>10}{'÷ ' + baseline:>11}"
          "   target")
    baseline_runs = results.get(baseline, [])
    for name, size in rows:
        runs = results[name]
        rate = statistics.median(run.rate for run in runs)
        spread = (max(run.rate for run in runs) - min(run.rate for run in runs)) / rate if rate else 0.0
        ratios = [run.rate / base.rate for run, base in zip(runs, baseline_runs, strict=False) if base.rate]
        ratio = statistics.median(ratios) if ratios else float("nan")
        target = targets.get(name)
        verdict = f"≥ {target:.1f}: {'met' if ratio >= target else 'MISSED'}" if target else ""
        if target and len(ratios) > 1:
            verdict += f" (rounds: {', '.join(f'{each:.2f}' for each in ratios)})"
        trouble = ", ".join(f"{count} {what}" for count, what in [
            (sum(run.bad_status for run in runs), "answers not 2xx/3xx"),
            (sum(run.socket_errors for run in runs), "socket errors"),
            (sum(run.timeouts for run in runs), "timeouts")] if count)
        print(f"{name:<20}{rate:>11.1f}{spread:>8.0%}{statistics.median(run.p50_ms for run in runs):>9.1f}"
              f"{statistics.median(run.p99_ms for run in runs):>9.1f}{size:>10,}{ratio:>11.2f}   "
              f"{verdict}{'  (' + trouble + ')' if trouble else ''}")
