#!/usr/bin/env bash
# Shows that a change moved code without changing what partners read: the OpenAPI schema, the demo's schedule
# feeds, the API's lists, the Atom feed and the sitemap, byte for byte, at REF (default: origin/main or HEAD~1)
# and in this work tree. Exit status 0 when identical; otherwise the differing files are listed.
#   scripts/compare_outputs.sh [REF]
set -euo pipefail
cd "$(dirname "$0")/.."
ref="${1:-HEAD~1}"
python=".venv/bin/python"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach --quiet "$work/tree" "$ref"
cp scripts/output_snapshot.py "$work/output_snapshot.py"  # the same snapshot code on both sides
(cd "$work/tree" && "$OLDPWD/$python" "$work/output_snapshot.py" "$work/before")
"$python" scripts/output_snapshot.py "$work/after"
if diff -rq "$work/before" "$work/after"; then
  echo "identical: $(ls "$work/after" | wc -l) outputs, $ref and the work tree"
else
  diff -r "$work/before" "$work/after" | head -40
  exit 1
fi
