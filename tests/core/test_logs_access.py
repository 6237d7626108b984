"""Guests' tokens out of gunicorn's access log (issue 15, item 6).

The links in guests' emails carry a signed token in their path: every visit wrote that key to the guest's
registration into the access log, in the request line and, for the pages and files a guest's page links to, in
the Referer. A real gunicorn with core.access_log.RedactingGunicornLogger (deploy/gunicorn.conf.py's
``logger_class``) writes ``[token]`` instead.
"""

import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core import signing
from django.db import connection

from tests.infra import database_url, free_port, stop_process, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def get(url: str, **headers) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def answering(server: subprocess.Popen, url: str) -> bool:
    assert server.poll() is None, "gunicorn stopped"
    try:
        return get(url) == 200
    except OSError:
        return False


def test_the_access_log_keeps_no_token(on_postgres, tmp_path):
    token = signing.dumps(12, salt="wic.guests.manage", compress=True)
    port, access_log = free_port(), tmp_path / "access.log"
    env = {"PATH": str(Path(sys.executable).parent), "DATABASE_URL": database_url(connection.settings_dict),
           "DJANGO_SETTINGS_MODULE": "wic.settings"}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "wic.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--access-logfile", str(access_log),
         "--logger-class", "core.access_log.RedactingGunicornLogger"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answering(server, f"{base}/healthz"), timeout=30, what="gunicorn answering")
        guest_page = f"{base}/zh-hans/summits/2024/registration/{token}/verify/"
        statuses = [
            get(guest_page),
            get(f"{base}/en/expo/manage/{token}/?tab=exhibits"),
            get(f"{base}/en/reports/subscriptions/unsubscribe/{token}/"),
            get(f"{base}/en/accounts/password/MQ/cdq4tn-0123456789abcdef0123/"),
            get(f"{base}/static/core/forms.css", Referer=guest_page),
        ]
    finally:
        stop_process(server, timeout=15)

    log = access_log.read_text()
    assert len(statuses) == 5 and 500 not in statuses
    assert "GET /zh-hans/summits/2024/registration/[token]/verify/ HTTP/1.1" in log
    assert "GET /en/expo/manage/[token]/?tab=exhibits HTTP/1.1" in log
    assert "GET /en/reports/subscriptions/unsubscribe/[token]/ HTTP/1.1" in log
    assert "GET /en/accounts/password/[token]/[token]/ HTTP/1.1" in log
    assert f'"{base}/zh-hans/summits/2024/registration/[token]/verify/"' in log  # the Referer
    assert token not in log
    assert "cdq4tn" not in log
