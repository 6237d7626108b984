"""Guest registration under `make run` while its worker talks to a slow mail server.

`make run`'s three processes (``manage.py run_embedded``: runserver, a Celery worker and beat on the embedded
broker) on a SQLite file of their own, with the demo loaded, sending by SMTP to a sink on loopback (aiosmtpd) that
takes ``--smtp-delay`` seconds (5) before it answers each message. Guests register for the demo's upcoming edition
one after another, each while the worker is in the middle of sending the previous guest's verification email
(the first with no send under way: the baseline). Prints each registration's time (the form posted, the redirect
followed). The web server and the worker share the SQLite file, whose write lock a transaction holds until it ends:
a registration waits for any transaction the worker keeps open through the SMTP conversation.

Usage: .venv/bin/python bench/registration_slow_mail.py [--guests 6] [--smtp-delay 5]
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from _harness import ROOT, wait_until

from tests.infra import SmtpSink, free_port

EMBEDDED_UNSET = {"DATABASE_URL", "REDIS_URL", "SITE_URL", "DJANGO_ENV", "EMAIL_URL", "CELERY_BROKER_URL",
                  "CELERY_RESULT_BACKEND", "CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_DEFAULT_QUEUE"}


def environment(var: Path, port: int, email_url: str) -> dict[str, str]:
    """The embedded default, everything it writes under ``var``, its emails to ``email_url``."""
    return {
        **{key: value for key, value in os.environ.items() if key not in EMBEDDED_UNSET},
        "HOST": "127.0.0.1", "PORT": str(port),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
        "EMAIL_URL": email_url,
        "MEDIA_ROOT": str(var / "media"), "PRIVATE_MEDIA_ROOT": str(var / "private"),
        "EMBEDDED_BROKER_DIR": str(var / "celery"), "EMBEDDED_CACHE_DIR": str(var / "cache"),
        "REGISTRATION_RATE_LIMIT": "1000",  # every guest here comes from 127.0.0.1
    }


def register(base: str, year: int, number: int, forum_id: int) -> float:
    """A guest opens the form, then posts it and follows the redirect; the seconds the post took."""
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    url = f"{base}/en/summits/{year}/register/"
    page = browser.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({
        "csrfmiddlewaretoken": token, "email": f"slow.mail.guest{number}@example.org",
        "full_name": f"Guest Number {number}", "native_name": "", "title": "Director",
        "organization_name": "Ministry of Digital Affairs", "category": "government", "country": "KE",
        "phone": "+86 571 1234 5678", "participation": "offline", "forums": [forum_id], "needs": "",
        "consent": "on", "website": "",
    }, doseq=True).encode()
    started = time.monotonic()
    with browser.open(urllib.request.Request(url, data=data, headers={"Referer": url}), timeout=60) as answer:
        final_url, body = answer.geturl(), answer.read().decode()
    seconds = time.monotonic() - started
    if not final_url.endswith("/register/thanks/"):
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', body, re.S)
        sys.exit(f"registration {number} refused: {errors}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--guests", type=int, default=6)
    parser.add_argument("--smtp-delay", type=float, default=5.0, help="seconds the mail server takes per message")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="wic-bench-slow-mail-"))
    port = free_port()
    supervisor = None
    try:
        with SmtpSink(delay=args.smtp_delay) as sink:
            env = environment(var, port, sink.url)
            started = time.monotonic()
            for command in (["migrate", "--noinput"], ["load_wic_demo"]):
                subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                               stdout=subprocess.DEVNULL)
            print(f"SQLite file migrated and demo loaded in {time.monotonic() - started:.1f} s")
            with (var / "run_embedded.log").open("w") as log:
                supervisor = subprocess.Popen([sys.executable, "manage.py", "run_embedded", f"127.0.0.1:{port}"],
                                              cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                              process_group=0)
            base = f"http://127.0.0.1:{port}"

            def home() -> str:
                try:
                    return urllib.request.urlopen(f"{base}/en/", timeout=10).read().decode()
                except OSError:
                    return ""

            page = wait_until(home, timeout=60, interval=0.5, what="make run's web server")
            year = int(re.search(r"/en/summits/(\d{4})/register/", page).group(1))
            form = urllib.request.urlopen(f"{base}/en/summits/{year}/register/", timeout=30).read().decode()
            forum_id = int(re.search(r'name="forums" value="(\d+)"', form).group(1))
            time.sleep(3)  # the worker and beat settle

            seconds = [register(base, year, 0, forum_id)]
            print(f"guest 0 registered with no email being sent: {seconds[0]:.2f} s")
            for number in range(1, args.guests):
                # The previous guest's verification email: the worker is now in its SMTP conversation.
                wait_until(lambda n=number: sink.started >= n, timeout=60, interval=0.02, what="the worker sending")
                seconds.append(register(base, year, number, forum_id))
                print(f"guest {number} registered while the worker sends guest {number - 1}'s email: "
                      f"{seconds[-1]:.2f} s")
            during = seconds[1:]
            print(f"while an email is being sent (the mail server takes {args.smtp_delay:g} s): median "
                  f"{statistics.median(during):.2f} s, max {max(during):.2f} s; with none: {seconds[0]:.2f} s")
            wait_until(lambda: len(sink) >= args.guests, timeout=args.guests * (args.smtp_delay + 5) + 30,
                       interval=0.2, what="every verification email")
            print(f"all {args.guests} verification emails delivered")
    finally:
        if supervisor is not None and supervisor.poll() is None:
            os.killpg(supervisor.pid, signal.SIGINT)
            supervisor.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
