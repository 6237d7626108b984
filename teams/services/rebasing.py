"""A change sent back is moved onto the live agenda as it is now: where an organizer changed the forum since the
team began, the working copy's base takes the organizer's value (what the team sees as "Before"), so that the team
decides against it and a resubmitted change no longer meets the same conflict at publish. What the team did not
touch simply follows the live agenda. The places moved are kept on the change, for the team page to name."""

from ..agenda import FORUM_FIELDS, PLACEMENT_FIELDS, SESSION_FIELDS


def _rebase_fields(base: dict, live: dict, proposed: dict, names, where: str, moved: list[list[str]]) -> None:
    for name in names:
        if live[name] == base[name]:
            continue
        if proposed[name] == base[name]:
            proposed[name] = live[name]  # the team left it: it follows the organizer
        base[name] = live[name]
        moved.append([where, name])


def _as_new(row: dict) -> dict:
    """A row an organizer deleted that the team changed: the team's version becomes an addition."""
    row = {**row, "id": None}
    if "speakers" in row:
        row["speakers"] = {key: _as_new(placement) for key, placement in row["speakers"].items()}
    return row


def _rebase_rows(base: dict, live: dict, proposed: dict, rebase_row, where, moved: list[list[str]]) -> None:
    for key in list({**base, **live}):
        old, now, new = base.get(key), live.get(key), proposed.get(key)
        if old is None:  # an organizer's addition since
            base[key] = now
            proposed[key] = now
            moved.append([where(key), ""])
        elif now is None:  # an organizer's removal since
            del base[key]
            if new == old:
                proposed.pop(key, None)
            elif new is not None:
                proposed[key] = _as_new(new)
            moved.append([where(key), ""])
        elif new is None:  # the team removes it: against the organizer's version
            if now != old:
                base[key] = now
                moved.append([where(key), ""])
        else:
            rebase_row(key, old, now, new)


def rebased(*, base: dict, live: dict, proposed: dict) -> tuple[dict, dict, list[list[str]]]:
    """The base and proposal moved onto ``live``, and the places moved: [session key or "", field name or ""]
    ("" for the forum, "" for a whole row or its speakers)."""
    moved: list[list[str]] = []

    def rebase_session(key, old, now, new):
        _rebase_fields(old, now, new, SESSION_FIELDS, key, moved)

        def rebase_placement(_placement_key, o, n, p):
            if o != n:
                _rebase_fields(o, n, p, PLACEMENT_FIELDS, key, [])
                moved.append([key, ""])

        _rebase_rows(old["speakers"], now["speakers"], new["speakers"], rebase_placement, lambda _key: key, moved)

    _rebase_fields(base["forum"], live["forum"], proposed["forum"], FORUM_FIELDS, "", moved)
    _rebase_rows(base["sessions"], live["sessions"], proposed["sessions"], rebase_session, lambda key: key, moved)
    unique = []
    for place in moved:
        if place not in unique:
            unique.append(place)
    return base, proposed, unique
