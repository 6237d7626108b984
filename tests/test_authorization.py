"""Every URL of the project opened by each kind of visitor, compared with tests/authorization_table.py.

The patterns come from the resolver (the site under each language, the feeds, the API router, the admin with each
registered model), so a new URL fails ``test_every_url_pattern_is_in_the_table`` until someone decides who may open
it. Parameters are filled with real rows: the demo editions, a registered guest, partner keys and webhooks. Only
GET and HEAD: state changes are other tests' business (the only writes here are a key's last use and a guest's
verification, which a GET of its link is meant to do, and every test's transaction is rolled back).
"""

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import timezone, translation

from awards import services as awards_services
from awards.models import AwardProgramme, NominationDocument
from core.enums import PublicationStatus
from delegations import links as delegation_links
from expo import links as expo_links
from expo.enums import ExhibitorStatus
from expo.models import Exhibit
from forums import speaker_links
from forums.enums import SpeakerInvitationStatus
from forums.feeds import FEED_FORMATS
from forums.models import Forum, Session, SessionSpeaker
from guests import links
from guests.emails import queue_guest_email
from guests.enums import RegistrationStatus
from members import links as member_links
from members.models import Body, Organization
from partners import services as partner_services
from reports import links as report_links
from reports.models import PublishingRun, ReportEdition, ReportSubscriber
from summits.models import SpreadsheetImport, Summit
from teams import services as teams_services
from teams.models import ForumTeamMember
from tests.authorization_table import (
    ADMIN_MODEL_URLS,
    EXCLUDED,
    FORBIDDEN,
    HISTORY_IN_AUDIT_TRAIL,
    LOGIN,
    METHOD,
    NO_CONTENT,
    NOT_FOUND,
    OK,
    ORGANIZER_MAY,
    PRINCIPALS,
    REDIRECT,
    UNAUTHORIZED,
    URLS,
    VISA_DESK_MAY,
    HistoryButton,
    Permitted,
    Rule,
)
from tests.factories.awards import ReviewFactory
from tests.factories.delegations import DelegationMemberFactory
from tests.factories.guests import InvitationFactory, RegistrationFactory
from tests.factories.members import MembershipFactory
from tests.factories.partners import WebhookDeliveryFactory, WebhookFactory
from tests.factories.press import PressAccreditationFactory
from tests.factories.visas import VisaLetterFactory
from visas.enums import LetterStatus

# Every test of the module is marked, so pytest-django sets up the test database even when only tests without the
# `db` fixture are selected: the module-scoped `world` must never load the demo into the development database.
pytestmark = pytest.mark.django_db

YEAR = 2024
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
ADMIN_ACTIONS = ("changelist", "add", "change", "history", "delete")
# Unnamed regex patterns cannot be reversed: the address each one is opened at.
SAMPLE_PATHS = {
    "api/v1/^.*$": "/api/v1/no-such-endpoint/",
    "admin/(?P<url>.*)$": "/admin/no-such-page/",
}


# --- The patterns ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    """One URL pattern of the resolver, with the name the table knows it by."""

    key: str  # "namespace:name", the route for an unnamed pattern, or an admin family
    route: str  # the full route as the URLconfs write it, "<lang>/" for the language prefix
    name: str | None  # what reverse() takes
    params: tuple[str, ...]
    localized: bool  # under i18n_patterns: opened under every language prefix
    callback: object
    model: type | None = None  # the model of an admin family URL


def _params(pattern) -> tuple[str, ...]:
    if isinstance(pattern, RoutePattern):
        return tuple(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return tuple(pattern.regex.groupindex)
    return ()


def _walk(resolver, prefix="", namespaces=(), params=(), localized=False) -> Iterator[Pattern]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            is_locale = isinstance(entry.pattern, LocalePrefixPattern)
            yield from _walk(
                entry, prefix + ("<lang>/" if is_locale else str(entry.pattern)),
                namespaces + ((entry.namespace,) if entry.namespace else ()),
                params + _params(entry.pattern), localized or is_locale,
            )
            continue
        assert isinstance(entry, URLPattern)
        route = prefix + str(entry.pattern)
        name = ":".join((*namespaces, entry.name)) if entry.name else None
        pattern = Pattern(key=name or route, route=route, name=name, params=params + _params(entry.pattern),
                          localized=localized, callback=entry.callback)
        yield _as_admin_family(pattern, namespaces)


def _admin_models() -> dict[tuple[str, str], type]:
    return {(model._meta.app_label, model._meta.model_name): model for model in admin.site._registry}


def _as_admin_family(pattern: Pattern, namespaces) -> Pattern:
    """The standard per-model admin URLs become family keys; a custom view of a ModelAdmin keeps its own name.

    Both learn their model, whose rows fill their object ids and whose rights in ORGANIZER_MAY apply to them.
    """
    if namespaces != ("admin",):
        return pattern
    for (app_label, model_name), model in _admin_models().items():
        if pattern.name is None and pattern.route == f"admin/{app_label}/{model_name}/<path:object_id>/":
            return replace(pattern, key="admin/<app>/<model>/<path:object_id>/", model=model)
        if pattern.name and pattern.name.startswith(f"admin:{app_label}_{model_name}_"):
            view = pattern.name.removeprefix(f"admin:{app_label}_{model_name}_")
            key = f"admin:<app>_<model>_{view}" if view in ADMIN_ACTIONS else pattern.key
            return replace(pattern, key=key, model=model)
    return pattern


def url_patterns() -> list[Pattern]:
    return list(_walk(get_resolver()))


# --- The world: real rows to fill the patterns with -----------------------------------------------------------


@dataclass
class World:
    summit: Summit
    registration: object
    manage_token: str
    verify_token: str
    forum_slug: str
    speaker_slug: str
    session_pk: int
    programme_slug: str
    exhibitor_slug: str
    exhibit_slug: str
    partner_key: str
    revoked_key: str
    visitor: object  # a logged-in account that is not staff
    jury_round_id: int = 0
    jury_entry_id: int = 0
    document_id: int = 0
    application_token: str = ""
    exhibitor_token: str = ""
    confirm_token: str = ""
    unsubscribe_token: str = ""
    invitation_token: str = ""
    own_exhibit_pk: int = 0
    body_slug: str = ""
    delegation_token: str = ""
    member_token: str = ""
    visa_letter_token: str = ""
    speaker_token: str = ""
    speaker_placement_pk: int = 0
    spreadsheet_jobs: dict = field(default_factory=dict)  # URL name of a job's page: a job of that list
    team_member: object = None  # an account on the team of the forum team_forum_id
    team_forum_id: int = 0
    other_forum_id: int = 0  # a forum whose team it is not on
    team_session_key: str = ""
    team_speaker_key: str = ""
    first_pk: dict = field(default_factory=dict)


def _token_of(path: str) -> str:
    return resolve(path).kwargs["token"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory, demo_loader):
    """The demo editions plus a guest, keys and webhooks, once for the module, rolled back at its end."""
    from django.contrib.auth import get_user_model

    private = {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path_factory.mktemp("private")}}
    with django_db_blocker.unblock(), transaction.atomic(), \
            override_settings(STORAGES={**settings.STORAGES, "private": private}):
        demo_loader()
        summit = Summit.objects.get(year=YEAR)
        registration = RegistrationFactory(summit=summit, status=RegistrationStatus.APPROVED)
        forum = Forum.objects.filter(summit=summit, status=PublicationStatus.PUBLISHED).order_by("start").first()
        session = Session.objects.filter(
            forum__summit=summit, forum__status=PublicationStatus.PUBLISHED, status=PublicationStatus.PUBLISHED,
            speakers__isnull=False,
        ).order_by("start").first()
        _key, partner_key = partner_services.issue_api_key(
            partner="City Transit App", contact_email="api@transit.example", actor=None
        )
        revoked, revoked_key = partner_services.issue_api_key(
            partner="Old Hotel App", contact_email="api@hotel.example", actor=None
        )
        partner_services.revoke_api_key(api_key=revoked, actor=None)
        WebhookDeliveryFactory(webhook=WebhookFactory(summit=summit))
        review = ReviewFactory()  # a draft programme with a juror and a score, in a round opened below
        awards_services.open_round(round=review.round, actor=None)
        document = NominationDocument.objects.create(nomination=review.nomination,
                                                     file=ContentFile(b"%PDF-1.4", name="letter.pdf"))
        visitor = get_user_model().objects.create_user("visitor", password="correct horse battery")
        subscriber = ReportSubscriber.objects.create(email="reader@example.org")
        PublishingRun.objects.create(edition=ReportEdition.objects.order_by("pk").first(), status="failed")
        for access_model in (AccessAttempt, AccessLog, AccessFailureLog):  # sign-in throttling's rows (axes)
            access_model.objects.create(
                username="visitor", ip_address="203.0.113.5", user_agent="", http_accept="", path_info="/admin/login/",
                **({"get_data": "", "post_data": "", "failures_since_start": 1} if access_model is AccessAttempt
                   else {}),
            )
        queue_guest_email(registration=registration, kind="received")  # an outbox row (sent after a commit: never)
        visa_letter = VisaLetterFactory(registration=registration, status=LetterStatus.APPROVED,
                                        decided_at=timezone.now())  # its PDF downloads, its page verifies
        PressAccreditationFactory(registration__summit=summit)  # with its letter of assignment, in private storage
        exhibit = Exhibit.objects.filter(
            exhibitor__expo__summit=summit, status=PublicationStatus.PUBLISHED,
            exhibitor__status=PublicationStatus.PUBLISHED, exhibitor__application_status=ExhibitorStatus.APPROVED,
        ).select_related("exhibitor__organization").order_by("pk").first()
        programme = AwardProgramme.objects.filter(summit=summit, status=PublicationStatus.PUBLISHED).order_by("pk")[0]
        world = World(
            summit=summit, registration=registration, session_pk=session.pk, programme_slug=programme.slug,
            exhibitor_slug=exhibit.exhibitor.organization.slug, exhibit_slug=exhibit.slug,
            manage_token=links.manage_token(registration),
            verify_token=_token_of(links.verify_url(registration, absolute=False)),
            forum_slug=forum.slug, speaker_slug=session.speakers.order_by("pk").first().slug,
            partner_key=partner_key, revoked_key=revoked_key, visitor=visitor, jury_round_id=review.round_id,
            jury_entry_id=review.nomination_id, document_id=document.pk,
            application_token=member_links.application_token(MembershipFactory(application=True)),
            exhibitor_token=expo_links.exhibitor_token(exhibit.exhibitor), own_exhibit_pk=exhibit.pk,
            confirm_token=report_links.confirm_token(subscriber), unsubscribe_token=report_links.unsubscribe_token(
                subscriber),
            body_slug=Body.objects.order_by("pk").values_list("slug", flat=True).first(),
            invitation_token=links.invitation_token(InvitationFactory(summit=summit)),
            visa_letter_token=visa_letter.verification_token,
        )
        delegation_member = DelegationMemberFactory(delegation__summit=summit)  # a delegation and one member
        world.delegation_token = delegation_links.focal_point_token(delegation_member.delegation)
        world.member_token = delegation_links.member_token(delegation_member)
        placement = SessionSpeaker.objects.filter(session=session).select_related("speaker").first()
        world.speaker_token = speaker_links.speaker_token(placement.speaker, summit)
        world.speaker_placement_pk = placement.pk
        SessionSpeaker.objects.filter(pk=placement.pk).update(invitation_status=SpeakerInvitationStatus.INVITED)
        for model in ("forums.forum", "forums.session", "forums.speaker", "guests.registration"):
            job = SpreadsheetImport.objects.create(
                resource="", model=model, summit=summit, file_name="sheet.xlsx", status="imported",
                outcome={"rows": [[2, "new", "F01", [], ""]], "base_errors": [], "headers": ["x"], "confirmed": True},
                columns=["-"])
            world.spreadsheet_jobs[f"admin:{model.replace('.', '_')}_import_job"] = job.pk
        world.team_member = get_user_model().objects.create_user("team-member", password="correct horse battery")
        ForumTeamMember.objects.create(forum=session.forum, user=world.team_member, name="Team member",
                                       email="team@host.example",
                                       organization=session.forum.host or Organization.objects.order_by("pk")[0])
        world.team_forum_id, world.team_session_key, world.team_speaker_key = (
            session.forum_id, f"s{session.pk}", f"p{placement.pk}")
        world.other_forum_id = Forum.objects.filter(summit=summit).exclude(pk=session.forum_id).order_by("pk")[0].pk
        teams_services.save_forum_description(forum=session.forum, actor=world.team_member,  # a working copy
                                              values={"description_en": "Our agenda, in the making."})
        world.first_pk = {
            model: model._default_manager.order_by("pk").values_list("pk", flat=True).first()
            for model in admin.site._registry
        }
        yield world
        transaction.set_rollback(True)


def _public_lookup(pattern: Pattern) -> str:
    """The lookup value of a public row of an API detail endpoint, from its own viewset's queryset."""
    viewset = pattern.callback.cls
    row = viewset().get_queryset().order_by("pk").first()
    assert row is not None, f"{pattern.key}: no public row to open; the demo should provide one"
    return str(getattr(row, viewset.lookup_field))


def _values(pattern: Pattern, param: str, world: World) -> list:
    if param == "year":
        return [_public_lookup(pattern)] if pattern.name == "api:summit-detail" else [YEAR]
    if param == "uidb64":  # a juror's invitation: with another link's token, it says the link no longer works
        return ["MQ"]
    if param == "token" and pattern.name.startswith("guests:invitation"):
        return [world.invitation_token]
    if param == "token" and pattern.name == "visas:verify":
        return [world.visa_letter_token]
    if param == "token":
        return [world.verify_token if pattern.name == "guests:verify" else world.manage_token]
    if param == "kind" and pattern.name == "admin:guests_invitation_import_template":
        return ["csv", "xlsx"]
    if param == "job_id":
        return [world.spreadsheet_jobs[pattern.name]]
    if param == "format":
        return list(FEED_FORMATS)
    if param == "slug" and pattern.name == "feeds:forum-schedule":
        return [world.forum_slug]
    if param == "slug" and pattern.name in {"feeds:speaker-schedule", "forums:speaker"}:
        return [world.speaker_slug]
    if param == "slug" and pattern.name == "forums:forum":
        return [world.forum_slug]
    if param == "pk" and pattern.name == "forums:session":
        return [world.session_pk]
    if param == "slug" and pattern.name in {"awards:programme", "awards:nominate", "awards:nominated"}:
        return [world.programme_slug]
    if (param == "slug" and pattern.name == "expo:exhibitor") or param == "exhibitor":
        return [world.exhibitor_slug]
    if param == "slug" and pattern.name == "expo:exhibit":
        return [world.exhibit_slug]
    if param == "subscription_token":
        return [world.confirm_token if pattern.name == "reports:confirm-subscription" else world.unsubscribe_token]
    if param == "exhibitor_token":
        return [world.exhibitor_token]
    if param == "pk" and pattern.name == "expo:manage-exhibit":
        return [world.own_exhibit_pk]
    if param == "application_token":
        return [world.application_token]
    if param == "delegation_token":
        return [world.delegation_token]
    if param == "member_token":
        return [world.member_token]
    if param == "speaker_token":
        return [world.speaker_token]
    if param == "pk" and pattern.name == "forums:speaker-portal-session":
        return [world.speaker_placement_pk]
    if param == "slug" and pattern.name == "members:body":
        return [world.body_slug]
    if param == "forum_id":
        return [world.team_forum_id, world.other_forum_id]
    if param == "key":
        return [world.team_session_key]
    if param == "speaker_key":
        return [world.team_speaker_key]
    if param == "round_id":
        return [world.jury_round_id]
    if param == "nomination_id":
        return [world.jury_entry_id]
    if param == "document_id":
        return [world.document_id]
    if param == "pk" and pattern.name.startswith("api:"):
        return [_public_lookup(pattern)]
    if param == "summit_id":  # an edition, whichever model's admin serves the page (the agenda: forums.Session)
        return [world.first_pk[Summit]]
    if param in {"object_id", "id"} and pattern.model is not None:
        pk = world.first_pk[pattern.model]
        assert pk is not None, f"no {pattern.model._meta.label} row to open {pattern.key} with: add one to `world`"
        return [pk]
    if param == "object_id":  # the "view on site" redirect
        return [world.summit.pk]
    if param == "content_type_id":
        return [ContentType.objects.get_for_model(Summit).pk]
    if param == "app_label":
        return sorted({model._meta.app_label for model in admin.site._registry})
    raise LookupError(f"{pattern.key}: no value for <{param}>; teach _values() where to find one")


@dataclass(frozen=True)
class Probe:
    pattern: Pattern
    path: str
    kwargs: dict


def probes(world: World) -> list[Probe]:
    """Every pattern filled with real rows, under every language for the localized ones."""
    found = []
    for pattern in url_patterns():
        if pattern.key in EXCLUDED:
            continue
        choices = [{}]
        for param in () if pattern.key in SAMPLE_PATHS else pattern.params:
            choices = [{**chosen, param: value} for chosen in choices for value in _values(pattern, param, world)]
        for language in LANGUAGES if pattern.localized else (settings.LANGUAGE_CODE,):
            with translation.override(language):
                for kwargs in choices:
                    found.append(Probe(pattern, _path(pattern, kwargs), kwargs))
    return found


def _path(pattern: Pattern, kwargs: dict) -> str:
    if pattern.name:
        return reverse(pattern.name, kwargs=kwargs)
    if pattern.key in SAMPLE_PATHS:
        return SAMPLE_PATHS[pattern.key]
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(kwargs[match.group(1)]), pattern.route)
    assert "(?P" not in route and "^" not in route, f"{pattern.key}: give it an address in SAMPLE_PATHS"
    return "/" + route.replace("<lang>", translation.get_language())


# --- Expected and actual outcomes -----------------------------------------------------------------------------


def rule_of(pattern: Pattern) -> Rule:
    return URLS.get(pattern.key) or ADMIN_MODEL_URLS[pattern.key]


def organizer_may(model) -> set[str]:
    meta = model._meta
    granted = ORGANIZER_MAY.get(f"{meta.app_label}.{meta.model_name}", ORGANIZER_MAY.get(meta.app_label))
    assert granted is not None, f"{meta.label}: say in ORGANIZER_MAY what organizers may do with it"
    return set(granted.split())


def visa_desk_may(model) -> set[str]:
    meta = model._meta
    return set(VISA_DESK_MAY.get(f"{meta.app_label}.{meta.model_name}", VISA_DESK_MAY.get(meta.app_label, "")).split())


def _permitted(permitted: Permitted, models, may=organizer_may) -> str:
    wanted = {"view": {"view", "change"}}.get(permitted.action, {permitted.action})
    return OK if any(wanted & may(model) for model in models) else permitted.otherwise


def expected(probe: Probe, principal: str, world: World) -> str:
    rule = rule_of(probe.pattern)
    may = organizer_may
    if principal == "visa_desk":
        may = visa_desk_may
        outcome = rule.organizer if rule.visa_desk is None else rule.visa_desk
    elif principal == "forum_team":
        outcome = rule.user if rule.forum_team is None else rule.forum_team
        if probe.kwargs.get("forum_id") == world.other_forum_id and rule.forum_team_elsewhere is not None:
            outcome = rule.forum_team_elsewhere
    else:
        outcome = getattr(rule, principal)
    if isinstance(outcome, HistoryButton):
        model = probe.pattern.model
        label = (model._meta.app_label, f"{model._meta.app_label}.{model._meta.model_name}")
        outcome = REDIRECT if set(label) & set(HISTORY_IN_AUDIT_TRAIL) else outcome.otherwise
    if not isinstance(outcome, Permitted):
        return outcome
    if probe.pattern.model is not None:
        models = [probe.pattern.model]
    elif "app_label" in probe.kwargs:
        models = [model for model in admin.site._registry if model._meta.app_label == probe.kwargs["app_label"]]
    else:
        raise AssertionError(f"{probe.pattern.key}: Permitted() is for the admin's model and app URLs")
    return _permitted(outcome, models, may)


STATUS_OUTCOMES = {200: OK, 204: NO_CONTENT, 401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND, 405: METHOD}


def outcome_of(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        return LOGIN if response["Location"].startswith(reverse("admin:login") + "?") else REDIRECT
    return STATUS_OUTCOMES.get(response.status_code, f"status {response.status_code}")


# --- Principals -----------------------------------------------------------------------------------------------


@pytest.fixture
def client_of(world, db, request, settings):
    # The walk sends some 60 API requests per principal; the rate limits have their own tests.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"anonymous": "1000/minute", "partner": "1000/minute"}}

    def make(principal: str) -> Client:
        if principal == "organizer":
            return request.getfixturevalue("organizer_client")
        if principal == "visa_desk":
            desk = Client()
            desk.force_login(request.getfixturevalue("visa_desk"))
            return desk
        if principal == "partner_key":
            return Client(headers={"X-Api-Key": world.partner_key})
        if principal == "revoked_key":
            return Client(headers={"X-Api-Key": world.revoked_key})
        client = Client()
        if principal == "user":
            client.force_login(world.visitor)
        if principal == "forum_team":
            client.force_login(world.team_member)
        # Anonymous, and the guest: a guest has no account, only their signed links, and every probe of a guest
        # page carries their own token (the table says what the others get with the same link).
        return client

    return make


# --- The tests ------------------------------------------------------------------------------------------------


def test_every_url_pattern_is_in_the_table():
    known = URLS.keys() | ADMIN_MODEL_URLS.keys() | EXCLUDED.keys()
    missing = sorted({pattern.key for pattern in url_patterns()} - known)

    assert not missing, f"URL patterns missing from tests/authorization_table.py: {missing}"


def test_the_table_names_only_existing_url_patterns():
    keys = {pattern.key for pattern in url_patterns()}

    assert sorted((URLS.keys() | ADMIN_MODEL_URLS.keys()) - keys) == []


def test_organizers_rights_are_stated_for_every_admin_model_and_only_those():
    registered = {(model._meta.app_label, model._meta.model_name) for model in admin.site._registry}

    def stated(entry: str) -> tuple[str, ...]:
        return tuple(entry.split("."))

    unstated = sorted(f"{app}.{model}" for app, model in registered
                      if (app,) not in map(stated, ORGANIZER_MAY) and (app, model) not in map(stated, ORGANIZER_MAY))
    stale = sorted(entry for entry in [*ORGANIZER_MAY, *HISTORY_IN_AUDIT_TRAIL]
                   if not any(stated(entry) == (app, model)[:len(stated(entry))] for app, model in registered))
    assert (unstated, stale) == ([], [])


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_each_url_answers_each_principal_as_the_table_says(client_of, world, principal):
    client = client_of(principal)
    mismatches = []
    for probe in probes(world):
        want = expected(probe, principal, world)
        got = outcome_of(client.get(probe.path))
        if got != want:
            mismatches.append(f"{probe.pattern.key} GET {probe.path}: expected {want}, got {got}")
        # HEAD where partners and caches use it; the admin is browsed (and its login form answers HEAD itself).
        if not probe.path.startswith("/admin/") and (got_head := outcome_of(client.head(probe.path))) != want:
            mismatches.append(f"{probe.pattern.key} HEAD {probe.path}: expected {want}, got {got_head}")

    if mismatches:
        pytest.fail(f"{principal}:\n" + "\n".join(mismatches), pytrace=False)


def _tampered(token: str) -> str:
    """The same token with the last character of its signature changed."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def _expired(token_salt: str, pk: int, *, days: int) -> str:
    """A token signed with our key and salt, ``days`` ago."""

    class SignedInThePast(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 24 * 3600)

    return SignedInThePast(salt=token_salt).sign_object(pk, compress=True)


def test_forged_tokens_are_refused(client, world):
    """Every guest link answers 404 to a token that is not one we signed for this registration and this link."""
    registration = world.registration
    token_urls = sorted({pattern.name for pattern in url_patterns()
                         if "token" in pattern.params and pattern.name.startswith("guests:")})
    assert "guests:manage" in token_urls and "guests:verify" in token_urls
    answers = {}
    for name in token_urls:
        salt, own, other = (links.VERIFY_SALT, world.verify_token, world.manage_token) if name == "guests:verify" \
            else (links.MANAGE_SALT, world.manage_token, world.verify_token)
        if name.startswith("guests:invitation"):
            salt, own, other = links.INVITATION_SALT, world.invitation_token, world.manage_token
        forged = {
            "garbage": (YEAR, "not-a-token"),
            "tampered": (YEAR, _tampered(own)),
            "the other link's token": (YEAR, other),
            "another edition's address": (registration.summit.year - 1, own),
            "signed with another key": (YEAR, signing.dumps(registration.pk, key="not-our-key", salt=salt,
                                                            compress=True)),
            "no such registration": (YEAR, signing.dumps(10**9, salt=salt, compress=True)),
        }
        if name == "guests:verify":
            forged["expired"] = (YEAR, _expired(salt, registration.pk, days=settings.REGISTRATION_VERIFY_DAYS + 1))
        for case, (year, token) in forged.items():
            for language in LANGUAGES:
                with translation.override(language):
                    path = reverse(name, kwargs={"year": year, "token": token})
                answers[(name, case, language)] = client.get(path).status_code
        # The genuine link still opens: the refusals are not a page that refuses everything.
        assert client.get(reverse(name, kwargs={"year": YEAR, "token": own})).status_code == 200, name

    assert {key: status for key, status in answers.items() if status != 404} == {}
