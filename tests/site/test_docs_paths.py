"""What README.md and docs/*.md name exists: files and folders, dotted names of our code, Celery task names and
the links between the pages. Code moves; a newcomer must not follow a map to a file that is gone."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# Made by `make` or at run time, absent from a fresh clone.
GENERATED = (".venv/", "var/", "node_modules/")
PROJECT_PACKAGES = {"core", "summits", "members", "forums", "awards", "expo", "reports", "guests", "partners",
                    "website", "demo", "wic"}

INLINE_CODE = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"\]\(([^)\s]+)\)")
# A path in the repository: no leading slash (that is a URL), no placeholder (<app>), no glob, no scheme.
REPO_PATH = re.compile(r"^\.?[a-z_][\w.-]*/(?:[\w.-]+/?)*$")
DOTTED_NAME = re.compile(r"^[a-z_]+(?:\.[A-Za-z_]\w*)+$")


def _code_spans(text: str) -> list[str]:
    """Inline code, and the words of unlabelled fenced blocks (the trees); sh and python blocks are commands."""
    spans = INLINE_CODE.findall(FENCE.sub("", text))
    for language, block in FENCE.findall(text):
        if not language:
            spans.extend(block.split())
    return [span.strip().strip("(),;:") for span in spans]


def _named(page: Path, kind: re.Pattern) -> list[str]:
    return sorted({span for span in _code_spans(page.read_text()) if kind.match(span)})


def _exists(path: str) -> bool:
    """A folder when the path ends with a slash, else any file or folder."""
    return (ROOT / path).is_dir() if path.endswith("/") else (ROOT / path).exists()


def _resolves(dotted: str) -> bool:
    """A module, or an attribute of one, or a model by its app label (``core.OutgoingEmail``)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for name in parts[cut:]:
                target = getattr(target, name)
        except AttributeError:
            break
        return True
    if len(parts) == 2:
        try:
            apps.get_model(*parts)
        except (LookupError, ValueError):
            return False
        return True
    return False


def _celery_task_names() -> set[str]:
    sources = "\n".join(path.read_text() for package in PROJECT_PACKAGES for path in (ROOT / package).rglob("*.py"))
    return set(re.findall(r'name="(wic\.[\w.]+)"', sources))


def test_the_pages_name_paths_at_all():
    """The checks below would pass on pages that name nothing: make sure they see the paths."""
    assert sum(len(_named(page, REPO_PATH)) for page in PAGES) > 50


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_named_paths_exist(page):
    missing = [path for path in _named(page, REPO_PATH) if not path.startswith(GENERATED) and not _exists(path)]
    assert missing == [], f"{page.name} names paths that do not exist"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_named_code_exists(page):
    """Dotted names of our code import; ``wic.<app>.<task>`` names a Celery task."""
    task_names = _celery_task_names()
    missing = [
        dotted for dotted in _named(page, DOTTED_NAME)
        if dotted.split(".")[0] in PROJECT_PACKAGES and not _resolves(dotted) and dotted not in task_names
    ]
    assert missing == [], f"{page.name} names code that does not exist"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_links_between_pages_resolve(page):
    broken = [
        target for target in LINK.findall(page.read_text())
        if not target.startswith(("http://", "https://", "#", "mailto:"))
        and not (page.parent / target.split("#")[0]).exists()
    ]
    assert broken == [], f"{page.name} links pages that do not exist"
