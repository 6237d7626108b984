"""Check, offline, that the lock files are in step with the top-level pins they were generated from.

requirements.txt and requirements-dev.txt are edited by hand; `make lock` regenerates requirements.lock and
requirements-dev.lock from them with pip-compile, which needs the package index. CI cannot afford that (or may be
offline), so this script checks the same thing from the installed environment (`make install` installs the dev
lock, so the installed metadata is the lock's): every top-level pin is locked at its version; the lock holds
exactly the packages the pins need, transitively, with their extras and markers, at the installed versions;
every locked package has hashes; and the production lock agrees with the dev lock on every package they share.
Run it with the project's venv: `.venv/bin/python scripts/check_locks.py`; it prints what to fix and exits 1.
"""

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+?)\s*\\?$")


def read_inputs(path: Path) -> list[Requirement]:
    """The requirements of a hand-edited file, following its `-r` includes."""
    requirements = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            requirements += read_inputs(path.parent / line[3:].strip())
        elif line:
            requirements.append(Requirement(line))
    return requirements


def read_lock(path: Path) -> tuple[dict[str, str], set[str]]:
    """The lock's pins ({name: version}) and the names that carry at least one hash."""
    pins: dict[str, str] = {}
    hashed: set[str] = set()
    current: str | None = None
    for line in path.read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match[1])
            pins[current] = match[2]
        elif current and line.strip().startswith("--hash=sha256:"):
            hashed.add(current)
    return pins, hashed


def closure(requirements: list[Requirement]) -> dict[str, str]:
    """Every installed distribution the requirements need, transitively, with its installed version."""
    needed: dict[str, str] = {}
    extras_seen: set[tuple[str, str]] = set()
    queue = [(requirement, "") for requirement in requirements]
    while queue:
        requirement, parent_extra = queue.pop()
        # evaluate() adds this interpreter's environment to the extra being resolved.
        if requirement.marker and not requirement.marker.evaluate({"extra": parent_extra}):
            continue
        name = canonicalize_name(requirement.name)
        new_extras = [extra for extra in requirement.extras if (name, extra) not in extras_seen]
        if name in needed and not new_extras:
            continue
        distribution = metadata.distribution(name)
        first_visit = name not in needed
        needed[name] = distribution.version
        extras_seen.update((name, extra) for extra in new_extras)
        for line in distribution.requires or []:
            dependency = Requirement(line)
            if first_visit and not _needs_extra(dependency):
                queue.append((dependency, ""))
            for extra in new_extras:
                if _needs_extra(dependency):
                    queue.append((dependency, extra))
    return needed


def _needs_extra(requirement: Requirement) -> bool:
    return requirement.marker is not None and "extra" in str(requirement.marker)


def main() -> int:
    problems = []
    locks: dict[str, dict[str, str]] = {}
    for inputs_name, lock_name in LOCKS.items():
        inputs = read_inputs(ROOT / inputs_name)
        pins, hashed = read_lock(ROOT / lock_name)
        locks[lock_name] = pins
        for requirement in inputs:
            name: str = canonicalize_name(requirement.name)
            wanted = next(iter(requirement.specifier)).version if requirement.specifier else None
            if pins.get(name) != wanted:
                locked = f"locked at {pins[name]}" if name in pins else "not locked"
                problems.append(f"{lock_name}: {requirement.name} is {locked}, {inputs_name} pins {wanted}")
        try:
            needed = closure(inputs)
        except metadata.PackageNotFoundError as missing:
            problems.append(f"{lock_name}: {missing.name} is needed but not installed: `make install`")
            continue
        for name, version in sorted(needed.items()):
            if name not in pins:
                problems.append(f"{lock_name}: {name} is needed but missing from the lock")
            elif pins[name] != version:
                problems.append(f"{lock_name}: {name} is locked at {pins[name]} but {version} is installed")
        problems += [f"{lock_name}: {name} is locked but nothing needs it" for name in sorted(set(pins) - set(needed))]
        problems += [f"{lock_name}: {name} has no hash" for name in sorted(set(pins) - hashed)]
    production, dev = locks["requirements.lock"], locks["requirements-dev.lock"]
    problems += [
        f"requirements-dev.lock: {name} is {dev.get(name)}, requirements.lock has {version}"
        for name, version in sorted(production.items())
        if dev.get(name) != version
    ]
    for problem in problems:
        print(problem)
    if problems:
        print("The locks are out of step with requirements*.txt: run `make lock` and commit both lock files.")
        return 1
    print(f"Locks in step: {len(production)} production packages, {len(dev)} dev and test packages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
