"""Every interface string is in the Chinese catalogue, translated, and compiled into the .mo the site loads."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
# What `make messages` extracts from: the project's code and templates, not tools, tests or installed packages.
SOURCES = ["manage.py", "wic", "core", "summits", "forums", "awards", "expo", "members", "guests", "reports",
           "partners", "delegations", "press", "visas", "teams", "website", "demo", "templates", "locale"]
MESSAGES_COMMAND = ["manage.py", "makemessages", "--locale", "zh_Hans", "--no-obsolete",
                    "--ignore", ".venv", "--ignore", "var", "--ignore", "node_modules", "--ignore", "tests",
                    "--ignore", "bench"]


def _entries(po_text: str) -> dict[tuple[str, str], dict]:
    """msgctxt+msgid -> {"msgid_plural": str | None, "msgstr": [...], "fuzzy": bool}: enough of the PO format for
    what makemessages writes."""
    entries = {}
    for block in po_text.split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = [match.group(2)]
            elif line.startswith('"') and current:
                fields[current].append(line[1:-1])
        if "msgid" not in fields:
            continue
        msgid = "".join(fields["msgid"])
        if not msgid:
            continue  # the header
        entries[("".join(fields.get("msgctxt", [])), msgid)] = {
            "msgid_plural": "".join(fields["msgid_plural"]) if "msgid_plural" in fields else None,
            "msgstr": ["".join(value) for key, value in fields.items() if key.startswith("msgstr")],
            "fuzzy": "#, fuzzy" in block or ", fuzzy" in block,
        }
    return entries


PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: PO_ESCAPES.get(match.group(1), match.group(0)), text)


def test_every_message_is_translated_and_not_fuzzy():
    entries = _entries((CATALOGUE / "django.po").read_text())

    untranslated = [msgid for (_context, msgid), entry in entries.items() if not all(entry["msgstr"])]
    fuzzy = [msgid for (_context, msgid), entry in entries.items() if entry["fuzzy"]]
    assert not untranslated
    assert not fuzzy
    assert len(entries) > 500


def test_compiled_catalogue_matches_the_translations():
    entries = _entries((CATALOGUE / "django.po").read_text())
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)

    stale = []
    plurals = 0
    for (context, msgid), entry in entries.items():
        source, translations = _unescape(msgid), [_unescape(msgstr) for msgstr in entry["msgstr"]]
        if entry["msgid_plural"] is None:
            found = catalogue.pgettext(context, source) if context else catalogue.gettext(source)
            if found != translations[0]:
                stale.append(source)
            continue
        plurals += 1
        plural = _unescape(entry["msgid_plural"])
        # One, then a count the catalogue's Plural-Forms maps to its own msgstr[n] (0 again in Chinese).
        for count in (1, 2, 5):
            found = (catalogue.npgettext(context, source, plural, count) if context
                     else catalogue.ngettext(source, plural, count))
            if found != translations[0 if count == 1 else catalogue.plural(count)]:
                stale.append(f"{source} (n={count})")
    assert not stale, f"run `make messages`: the .mo is older than the .po: {stale[:20]}"
    assert plurals, "no plural entry was checked: _entries() lost msgid_plural"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_catalogue_holds_every_string_of_the_code_and_templates(tmp_path):
    """makemessages run on a copy of the sources finds no string the catalogue does not already have."""
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)

    subprocess.run([sys.executable, *MESSAGES_COMMAND], cwd=copy, check=True, capture_output=True)

    extracted = set(_entries((copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text()))
    missing = sorted(msgid for _context, msgid in extracted - set(_entries((CATALOGUE / "django.po").read_text())))
    assert not missing, f"run `make messages` and translate: {missing[:20]}"
