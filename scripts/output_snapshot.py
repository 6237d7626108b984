"""Write what partners read (the OpenAPI schema, every schedule feed, the API's lists, the reports' Atom feed and
the sitemap) for the demo data into a folder, one file per address, so two revisions can be compared byte for byte.

    python scripts/output_snapshot.py OUT_DIR

It builds a fresh SQLite database in a temporary folder (the project's var/ is not touched), loads the demo and
asks the site through Django's test client. ``scripts/compare_outputs.sh REF`` runs it at REF and here and diffs.
"""

import datetime
import io
import logging
import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path.cwd()  # the checkout to snapshot: run from its top folder


def _environment(workdir: Path) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_ENV", "EMAIL_URL"):
        os.environ.pop(name, None)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'db.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    os.environ["EMAIL_FILE_PATH"] = str(workdir / "mail")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wic.settings")
    sys.path.insert(0, str(ROOT))


def _addresses() -> list[str]:
    from forums.models import Forum, Speaker
    from summits.models import Summit

    addresses = ["/api/v1/schema/", "/api/v1/schema/?format=json", "/sitemap.xml", "/robots.txt"]
    for language in ("en", "zh-hans"):
        addresses.append(f"/{language}/reports/feed/")
    resources = ("summits", "forums", "sessions", "speakers", "rooms", "award-programmes", "laureates",
                 "exhibitors", "exhibits", "members", "reports")
    for resource in resources:
        addresses += [f"/api/v1/{resource}/?page_size=1000", f"/api/v1/{resource}/?page_size=1000&lang=zh-hans"]
    for year in Summit.objects.order_by("year").values_list("year", flat=True):
        for fmt in ("json", "xml", "ics"):
            for language in ("en", "zh-hans"):
                addresses.append(f"/summits/{year}/schedule.{fmt}?lang={language}")
            for slug in Forum.objects.filter(summit__year=year).order_by("slug").values_list("slug", flat=True):
                addresses.append(f"/summits/{year}/forums/{slug}/schedule.{fmt}")
    for slug in Speaker.objects.order_by("slug").values_list("slug", flat=True)[:40]:
        year = Summit.objects.filter(forums__sessions__session_speakers__speaker__slug=slug).values_list(
            "year", flat=True).first()
        if year:
            addresses.append(f"/summits/{year}/speakers/{slug}/schedule.ics")
    return addresses


def _without_load_times(body: bytes) -> bytes:
    """Rows carry the time the demo was loaded (updated_at, DTSTAMP, a version): those are not compared."""
    today = datetime.date.today()
    for day in (today - datetime.timedelta(days=1), today, today + datetime.timedelta(days=1)):
        iso, compact = day.isoformat().encode(), day.strftime("%Y%m%d").encode()
        body = re.sub(re.escape(iso) + rb"[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?", b"<load time>", body)
        body = re.sub(re.escape(compact) + rb"T\d{6}Z?", b"<load time>", body)
    return body


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        _environment(Path(workdir))
        import django

        django.setup()
        logging.disable(logging.CRITICAL)  # the PDF renderer's CSS warnings are not what is compared
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        call_command("load_wic_demo", stdout=io.StringIO())
        client = Client()
        written = 0
        for address in _addresses():
            response = client.get(address)
            name = quote(address, safe="") or "root"
            body = _without_load_times(response.content)
            headers = "".join(f"{key}: {response.headers[key]}\n" for key in ("Content-Type",) if key in response)
            (out / name).write_bytes(f"{response.status_code}\n{headers}\n".encode() + body)
            written += 1
    print(f"{written} addresses written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "var/snapshot"))
