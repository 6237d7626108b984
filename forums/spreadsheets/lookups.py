"""The rows a sheet of an edition names: its forums, its rooms (the edition's venue and every room its programme
uses), theme groups, organisations and speakers, each found by any of its names in either language."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.spreadsheets.widgets import NamedRowWidget
from members.models import Organization
from summits.models import Room

from ..models import Forum, Speaker, ThemeGroup


def room_widget(summit) -> NamedRowWidget:
    """None for the summit (an export of every edition's rows): no room is read, each is written by its name."""
    rooms = Room.objects.none() if summit is None else Room.objects.filter(
        Q(venue_id=summit.venue_id) | Q(forums__summit=summit) | Q(sessions__forum__summit=summit)
    ).select_related("venue").distinct()
    return NamedRowWidget(
        rooms, names=lambda room: (room.name_en, room.name_zh_hans, room.slug, str(room)),
        label=lambda room: room.name_en or room.name,
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


def speakers_by_key() -> tuple[dict[str, int], dict[int, str]]:
    """Each speaker's id by slug and by email, case-blind; and each speaker's slug by id."""
    lookup, slugs = {}, {}
    for pk, slug, email in Speaker.objects.values_list("pk", "slug", "email"):
        lookup[slug.casefold()] = pk
        slugs[pk] = slug
        if email:
            lookup.setdefault(email.casefold(), pk)
    return lookup, slugs
