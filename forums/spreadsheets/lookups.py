"""The rows a sheet of an edition names: its forums, its rooms (the edition's venue and every room its programme
uses), theme groups, organisations and speakers, each found by any of its names in either language."""

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.spreadsheets.widgets import NamedRowWidget
from core.text import listed
from members.models import Organization
from summits.models import Room

from ..models import Forum, Speaker, ThemeGroup


def labels_of(room) -> tuple[str, str]:
    """The room with its venue in either language, as its name reads in a list of the admin."""
    venue = room.venue
    return (f"{room.name_en} ({venue.name_en})",
            f"{room.name_zh_hans}（{venue.name_zh_hans or venue.name_en}）" if room.name_zh_hans else "")


def room_widget(summit) -> NamedRowWidget:
    """None for the summit (an export of every edition's rows): no room is read, each is written by its name."""
    rooms = Room.objects.none() if summit is None else Room.objects.filter(
        Q(venue_id=summit.venue_id) | Q(forums__summit=summit) | Q(sessions__forum__summit=summit)
    ).select_related("venue").distinct()
    return NamedRowWidget(
        rooms, names=lambda room: (room.name_en, room.name_zh_hans, room.slug, *labels_of(room)),
        label=lambda room: room.name,  # in the sheet's language
        unknown=_("Unknown room “%(value)s”: give the name of a room of this edition's venues."),
    )


def forum_widget(summit) -> NamedRowWidget:
    return NamedRowWidget(
        Forum.objects.filter(summit=summit).select_related("room", "summit"),
        names=lambda forum: (forum.slug, forum.title_en, forum.title_zh_hans),
        label=lambda forum: forum.slug,
        unknown=_("Unknown forum “%(value)s”: give the slug or title of a forum of this edition."),
    )


def theme_group_widget(summit) -> NamedRowWidget:
    return NamedRowWidget(
        ThemeGroup.objects.filter(summit=summit),
        names=lambda group: (group.slug, group.name_en, group.name_zh_hans),
        label=lambda group: group.slug,
        unknown=_("Unknown theme group “%(value)s”: give the slug or name of a theme group of this edition."),
    )


def organization_widget() -> NamedRowWidget:
    return NamedRowWidget(
        Organization.objects.only("pk", "slug", "name_en", "name_zh_hans", "short_name_en", "short_name_zh_hans"),
        names=lambda organization: (organization.slug, organization.name_en, organization.name_zh_hans,
                                    organization.short_name_en, organization.short_name_zh_hans),
        label=lambda organization: organization.slug,
        unknown=_("Unknown organisation “%(value)s”: give the slug or name of an organisation in the admin."),
    )


def speakers_by_key() -> tuple[dict[str, int], dict[int, str], dict[str, list[str]]]:
    """Each speaker's id by slug and by email, case-blind; each speaker's slug by id; and the slugs of the speakers
    sharing an address, by address (such an address finds none of them)."""
    lookup, slugs, by_email = {}, {}, defaultdict(list)
    for pk, slug, email in Speaker.objects.order_by("slug").values_list("pk", "slug", "email"):
        lookup[slug.casefold()] = pk
        slugs[pk] = slug
        if email:
            by_email[email.casefold()].append(slug)
    shared = {email: held for email, held in by_email.items() if len(held) > 1}
    for email, held in by_email.items():
        if len(held) == 1:
            lookup.setdefault(email, lookup[held[0].casefold()])
    return lookup, slugs, shared


def shared_address_message(email: str, slugs: list[str]) -> str:
    return gettext("Several speakers have the address %(email)s (%(speakers)s): give the slug of the one you "
                   "mean.") % {"email": email, "speakers": listed(slugs)}
