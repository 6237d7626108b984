"""axe-core, pinned in package-lock.json and installed by `make install`, checks a page open in chromium.

The rules are WCAG 2.0 and 2.1 at levels A and AA, and axe's best practices: the bar the public site promises.
"""

from pathlib import Path

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
}
SNIPPET_LENGTH = 300


def axe_violations(page) -> list[dict]:
    """Every rule the page open in ``page`` breaks, as axe reports it (id, impact, help, nodes)."""
    if not AXE_JS.is_file():
        # A missing engine must not pass as "no violation" nor hide as a skip: the install step is broken.
        pytest.fail(f"axe-core is missing ({AXE_JS.relative_to(AXE_JS.parents[2])}): run make install")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the site's Content-Security-Policy refuses inline scripts.
        page.evaluate(AXE_JS.read_text() + "\n;undefined")
    return page.evaluate("options => axe.run(document, options).then(results => results.violations)", AXE_OPTIONS)


def describe_violations(url: str, violations: list[dict]) -> str:
    """One readable block per broken rule: its id, impact and help, then each element's selector and HTML."""
    lines = []
    for violation in violations:
        lines.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(selector) for selector in node["target"])
            html = " ".join(node["html"].split())
            if len(html) > SNIPPET_LENGTH:
                html = html[:SNIPPET_LENGTH] + "…"
            lines.append(f"    {target}: {html}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)
