"""Who may open what: the answer every URL of the project must give to a GET, for each kind of visitor.

tests/test_authorization.py walks every URL pattern the resolver knows, fills it with real rows, opens it as each
principal below, and compares the answer with this table. A pattern missing from the table fails that test, and so
does an entry that no longer matches a pattern. Entries are keyed by URL name ("namespace:name"), or by the route
where the pattern has no name. The admin's per-model URLs are families ("admin:<app>_<model>_changelist"): every
model registered in the admin is covered by them, and what organizers may do with each model is ORGANIZER_MAY
below. A custom admin view (an extra URL of a ModelAdmin) is not part of a family and must be added by hand.

The principals:
    anonymous     a plain client
    partner_key   a client sending ``X-Api-Key`` with a valid key (the API's partner rate limit; nothing else)
    revoked_key   a client sending a revoked key: the API refuses it (401), the site and the admin ignore it
    guest         a registered guest: no account, only the signed links of their emails (their own token)
    user          a logged-in account that is not staff: the admin treats it as anonymous
    organizer     a staff account in the Organizers group, logged in
    visa_desk     a staff account in the Visa desk group, logged in: visa letters (passport data) and a view of
                  guests and registrations, nothing else. Its answer is the organizer's unless a rule says
                  otherwise (``Rule.visa_desk``), with what it may do in the admin read from VISA_DESK_MAY
    forum_team    a logged-in account on one forum's team (not staff: the admin treats it as anonymous). Its answer
                  is the plain user's unless a rule says otherwise (``Rule.forum_team``); the team's pages are
                  opened for its own forum and for another forum, whose answer is ``Rule.forum_team_elsewhere``
"""

from dataclasses import dataclass
from typing import NamedTuple

# Outcomes: the status class of the answer to a GET (and to a HEAD of the same URL, outside /admin/).
OK = "ok"  # 200
NO_CONTENT = "no-content"  # 204
LOGIN = "redirect-login"  # 302 to the admin's login page
REDIRECT = "redirect"  # 302 anywhere else
UNAUTHORIZED = "unauthorized"  # 401
FORBIDDEN = "forbidden"  # 403
NOT_FOUND = "not-found"  # 404
METHOD = "method"  # 405: the URL answers other methods only

PRINCIPALS = ("anonymous", "partner_key", "revoked_key", "guest", "user", "organizer", "visa_desk", "forum_team")


@dataclass(frozen=True)
class Permitted:
    """The organizer's answer depends on ORGANIZER_MAY: ``ok`` if they may ``action`` the model, else ``otherwise``.

    "view" is Django's view-or-change, as the admin reads it.
    """

    action: str
    otherwise: str = FORBIDDEN


@dataclass(frozen=True)
class HistoryButton:
    """A model's "History" page: for the models in HISTORY_IN_AUDIT_TRAIL a redirect to the audit trail (for any
    staff: the trail checks its own permission, core.view_auditentry), Django's history page for the others."""

    otherwise: Permitted = Permitted("view")


class Rule(NamedTuple):
    anonymous: str
    partner_key: str
    revoked_key: str
    guest: str
    user: str
    organizer: str | Permitted | HistoryButton
    note: str = ""
    # None: the organizer's answer, where a Permitted or HistoryButton is read against VISA_DESK_MAY.
    visa_desk: str | Permitted | HistoryButton | None = None
    # None: the user's answer. The second: at the address of a forum whose team it is not on (None: the first).
    forum_team: str | None = None
    forum_team_elsewhere: str | None = None


PUBLIC = Rule(OK, OK, OK, OK, OK, OK, "public: a key on the request changes nothing outside /api/v1/")
API = Rule(OK, OK, UNAUTHORIZED, OK, OK, OK, "public read; a revoked key is refused, never served as anonymous")
FEED = Rule(OK, OK, OK, OK, OK, OK, "public; the feeds are not the API and do not look at keys")
SIGNED_LINK = Rule(
    OK, OK, OK, OK, OK, OK,
    "a bearer link from the guest's emails: whoever holds the URL opens it (everyone here is given the guest's own "
    "token). A forged, tampered or expired token is refused: test_forged_tokens_are_refused",
)
ADMIN = Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, OK, "organizers only")

# --- Named URLs and routes, one entry each --------------------------------------------------------------------
#       Rule(anonymous, partner_key, revoked_key, guest, user, organizer, note)
URLS: dict[str, Rule] = {
    # The site, under /en/ and /zh-hans/ (both are opened).
    "website:home": PUBLIC,
    "website:archive": PUBLIC,
    "website:edition": PUBLIC,
    "forums:agenda": PUBLIC,
    "forums:agenda-print": PUBLIC,
    "forums:forum": PUBLIC,
    "forums:session": PUBLIC,
    "forums:speaker": PUBLIC,
    "awards:programmes": PUBLIC,
    "awards:programme": PUBLIC,
    "awards:competition": PUBLIC,
    "expo:expo": PUBLIC,
    "expo:online-hall": PUBLIC,
    "expo:exhibitor": PUBLIC,
    "expo:exhibit": PUBLIC,
    "members:directory": PUBLIC,
    "expo:apply": PUBLIC._replace(note="the exhibitor application of the current edition; closed: a page, POST 403"),
    "expo:applied": PUBLIC,
    "expo:manage": SIGNED_LINK._replace(
        note="an approved exhibitor's contact: a signed link (salt and link version of its own) emailed on approval; "
             "forged, tampered or renewed-away tokens are 404s: tests/expo/test_manage.py"),
    "expo:manage-exhibit": SIGNED_LINK._replace(note="one of that exhibitor's exhibits; another's is a 404"),
    "expo:manage-exhibit-new": SIGNED_LINK._replace(note="a new exhibit of that exhibitor"),
    "reports:feed": FEED._replace(note="the Atom feed of new reports, per language"),
    "reports:subscribe": PUBLIC._replace(note="GET the form; a POST subscribes (rate-limited; CSRF-exempt: the "
                                              "library page that carries the form is cached and shared)"),
    "reports:subscribed": PUBLIC,
    "reports:confirm-subscription": SIGNED_LINK._replace(
        note="the subscriber's confirmation link (double opt-in; salt of its own, expires after 7 days); a GET shows "
             "a button, only a POST confirms; forged or expired: 404 (tests/reports/test_subscriptions.py)"),
    "reports:unsubscribe": SIGNED_LINK._replace(
        note="in every report email; GET shows a button, a POST (or a one-click POST) unsubscribes"),
    "members:body": PUBLIC,
    "members:apply": PUBLIC._replace(note="the membership application form; a POST is rate-limited per address"),
    "members:applied": PUBLIC,
    "members:application": SIGNED_LINK._replace(
        note="the applicant's own page, a signed link in their emails (salt of its own); a forged token is a 404: "
             "tests/members/test_application.py"),
    "awards:nominate": PUBLIC._replace(note="the public call; outside its dates a page saying so, and a POST is 403"),
    "awards:nominated": PUBLIC,
    "login": Rule(OK, OK, OK, OK, REDIRECT, REDIRECT, "the site's sign-in (jurors); a signed-in account goes on"),
    "logout": Rule(METHOD, METHOD, METHOD, METHOD, METHOD, METHOD, "POST only (Django 5)"),
    "signed-in": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT,
                      "where the sign-in leads without `next`: organizers to the admin, jurors to their jury page, "
                      "other accounts home; a stranger to the sign-in"),
    "password_reset_confirm": Rule(OK, OK, OK, OK, OK, OK,
                                   "a juror's invitation link to choose a password (Django's reset token): a "
                                   "forged, used or expired one says the link no longer works"),
    "password_reset_complete": Rule(OK, OK, OK, OK, OK, OK, "the password is set: a link to sign in"),
    "awards:jury": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, OK, OK,
                        "a juror's own assignments after the site's sign-in; an account without a seat sees none"),
    "awards:jury-round": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, NOT_FOUND, NOT_FOUND,
                              "only the jurors of the round's programme (tests/awards/test_jury_pages.py); any "
                              "other account, organizers included, is told it does not exist"),
    "awards:jury-review": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, NOT_FOUND, NOT_FOUND,
                               "only a juror assigned to the entry (its category)"),
    "awards:jury-conflict": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, METHOD, METHOD,
                                 "POST only, by a juror assigned to the entry"),
    "awards:jury-document": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, NOT_FOUND, OK,
                                 "a supporting document (private storage): organizers, and the jurors assigned to "
                                 "its nomination in an opened round without a conflict", visa_desk=NOT_FOUND),
    "reports:library": PUBLIC,
    "guests:register": PUBLIC,
    "guests:registered": PUBLIC,
    "guests:privacy": PUBLIC,
    "guests:checkin": Rule(LOGIN, LOGIN, LOGIN, LOGIN, FORBIDDEN, OK,
                           "the check-in desk: staff with guests.change_registration", visa_desk=FORBIDDEN),
    "guests:manage": SIGNED_LINK._replace(note="signed link in every email; it does not expire"),
    "guests:verify": SIGNED_LINK._replace(
        note="signed link (salt of its own, expires after REGISTRATION_VERIFY_DAYS); a GET shows a button, only "
             "a POST verifies the address (tests/guests/test_confirm_links.py)"),
    "guests:forums": SIGNED_LINK,
    "guests:cancel": SIGNED_LINK._replace(note="signed link; the GET shows the question, only a POST cancels"),
    "guests:badge_png": SIGNED_LINK._replace(note="signed link; 404 until the registration is accredited"),
    "guests:badge_pdf": SIGNED_LINK._replace(note="signed link; 404 until the registration is accredited"),
    "guests:agenda_ics": SIGNED_LINK._replace(note="signed link; calendar apps subscribe to it"),
    # Invitations: the invitee's page and its decline, by the signed link in the invitation (it expires at the hold
    # deadline or the edition's end; revoked or sent again, the old link is a 404: tests/guests/test_invitations.py).
    "guests:invitation": SIGNED_LINK._replace(note="signed link in the invitation; a POST accepts"),
    "guests:invitation_decline": SIGNED_LINK._replace(note="signed link; the GET asks, only a POST declines"),
    "delegations:focal-point": SIGNED_LINK._replace(
        note="the focal point's page (salt of its own, revoked by the delegation's link version); POSTs add, "
             "substitute and submit; forged, revoked or another edition's: 404 (tests/delegations/)"),
    "delegations:member": SIGNED_LINK._replace(
        note="a delegation member's own page (salt of its own; revoked when the member is substituted, rejected "
             "or erased); a POST completes their registration"),
    # The speaker portal (forums/speaker_links.py): one link per speaker and edition, valid until the edition ends.
    "forums:speaker-portal": SIGNED_LINK._replace(
        note="a speaker's portal for one edition (salt of its own, the edition and the speaker's link version as "
             "claims); forged, replaced, another edition's or after the edition: 404 "
             "(tests/forums/test_speaker_portal.py)"),
    "forums:speaker-portal-session": SIGNED_LINK._replace(
        note="one of that speaker's sessions: POSTs accept, decline, consent, upload slides; another's is a 404"),
    "forums:speaker-portal-profile": SIGNED_LINK._replace(note="the speaker's profile; a POST saves it"),
    "forums:speaker-portal-travel": SIGNED_LINK._replace(note="the speaker's arrival and departure; a POST saves"),
    # Visa invitation letters (visas/urls.py).
    "visas:letter": SIGNED_LINK._replace(
        note="the guest's visa letter page, by the token of their own page (guests:manage); GET the form or the "
             "letter's status, a POST requests (tests/visas/test_request.py)"),
    "visas:letter_pdf": SIGNED_LINK._replace(
        note="the letter's PDF, by the same token; 404 until approved and once revoked (tests/visas/test_desk.py)"),
    "visas:verify": PUBLIC._replace(
        note="what a consulate opens from the letter's QR code (a random token): valid or revoked, name and dates "
             "only; a refused, erased or unknown letter is a 404 (tests/visas/test_verify.py)"),
    "press:apply": PUBLIC._replace(note="the press accreditation form: open until the edition ends, whatever the "
                                        "registration form's window; afterwards a page, and a POST is 403"),
    "press:applied": PUBLIC,
    # Outside the language prefix.
    "health": PUBLIC._replace(note="liveness probe for the load balancer"),
    "readiness": PUBLIC._replace(note="readiness probe for the load balancer: JSON, no personal data"),
    "sitemap": PUBLIC._replace(note="every public page, for search engines"),
    "robots": PUBLIC,
    "set_language": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT,
                         "Django's language switch: a GET only redirects back, a POST sets the language"),
    # Forum teams' pages (teams/urls.py), after the site's sign-in: only the forum's team; anyone else, organizers
    # included (they review in the admin), is told the forum does not exist (tests/teams/test_team_boundary.py).
    "teams:home": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, OK, OK,
                       "the member's forums; an account on no team sees none", forum_team=OK),
    **dict.fromkeys(
        ["teams:forum", "teams:description", "teams:session-new", "teams:session", "teams:speaker-new",
         "teams:speaker"],
        Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, NOT_FOUND, NOT_FOUND,
             "the working copy of a forum's agenda, its sessions and speakers by key: the forum's team only",
             forum_team=OK, forum_team_elsewhere=NOT_FOUND)),
    **dict.fromkeys(
        ["teams:session-delete", "teams:speaker-delete", "teams:submit", "teams:speakers-invite",
         "teams:speakers-remind"],
        Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, METHOD, METHOD,
             "POST only, by the forum's team; another forum's is a 404 (tests/teams/test_team_boundary.py)")),
    # Schedule feeds (/summits/<year>/..., every format).
    "feeds:summit-schedule": FEED,
    "feeds:forum-schedule": FEED,
    "feeds:speaker-schedule": FEED,
    # The REST API (/api/v1/).
    "api:api-root": API,
    "api:schema": PUBLIC._replace(note="the OpenAPI schema, a public document: no key is read, a revoked one neither"),
    "api:docs": PUBLIC._replace(note="Swagger UI over the schema: no key is read"),
    "api:summit-list": API,
    "api:summit-detail": API,
    "api:forum-list": API,
    "api:forum-detail": API,
    "api:session-list": API,
    "api:session-detail": API,
    "api:speaker-list": API,
    "api:speaker-detail": API,
    "api:room-list": API,
    "api:room-detail": API,
    "api:award-programme-list": API,
    "api:award-programme-detail": API,
    "api:laureate-list": API,
    "api:laureate-detail": API,
    "api:exhibitor-list": API,
    "api:exhibitor-detail": API,
    "api:exhibit-list": API,
    "api:exhibit-detail": API,
    "api:member-list": API,
    "api:member-detail": API,
    "api:report-list": API,
    "api:report-detail": API,
    "api/v1/^.*$": Rule(NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                        "any other address under /api/v1/: the API's JSON 404 (a plain view: keys are not read)"),
    # The admin's own pages.
    "admin:index": ADMIN,
    "admin:login": Rule(OK, OK, OK, OK, OK, REDIRECT, "the login form; an organizer already logged in goes on"),
    "admin:logout": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, METHOD,
                         "POST only (Django 5); the admin sends a stranger to its index (then to the login)"),
    "admin:password_change": ADMIN,
    "admin:password_change_done": ADMIN,
    "admin:autocomplete": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, FORBIDDEN,
                               "without its query (app, model, field) it refuses even organizers"),
    "admin:jsi18n": ADMIN,
    "admin:view_on_site": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, NOT_FOUND,
                               "no model has a get_absolute_url (yet): nothing to redirect to"),
    "admin:app_list": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view", otherwise=NOT_FOUND),
                           "every app of the admin; 404 for an app where organizers may view nothing"),
    "admin/(?P<url>.*)$": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, NOT_FOUND,
                               "the admin's catch-all: a login first, so it reveals nothing to strangers"),
    # Custom admin views (ModelAdmin.get_urls): add each new one here.
    "admin:forums_session_agenda": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                        "an edition's agenda by day and room (the view checks the edition's view "
                                        "right; organizers hold both; staff without it are sent to the admin's "
                                        "index)", visa_desk=REDIRECT),
    "admin:summits_summit_agenda": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, REDIRECT,
                                        "the agenda's old address: redirects to admin:forums_session_agenda"),
    "admin:forums_session_speakers_status": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                                 "an edition's speakers' status, session by session (the view "
                                                 "checks the edition's view right, like the agenda)",
                                                 visa_desk=REDIRECT),
    "admin:forums_session_speaker_slides": Rule(
        LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view", otherwise=NOT_FOUND),
        "a speaker's slides for a session (private storage), as a PDF attachment, to staff who may view sessions; "
        "404 for other staff (tests/forums/test_speaker_slides.py)"),
    "admin:forums_forum_import": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                     "the spreadsheet import of forums: upload, map, preview, confirm (add and "
                                     "change both needed)"),
    "admin:forums_forum_import_job": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                          "an import job of forums: mapping, progress, preview, "
                                          "confirmation, result"),
    "admin:forums_forum_import_template": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                              "the sample sheet of the forums' import (XLSX, CSV)"),
    "admin:forums_forum_export": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                     "an edition's forums in the import's shape (XLSX, CSV)"),
    "admin:forums_session_import": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                     "the spreadsheet import of sessions: upload, map, preview, confirm (add and "
                                     "change both needed)"),
    "admin:forums_session_import_job": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                            "an import job of sessions: mapping, progress, preview, "
                                            "confirmation, result"),
    "admin:forums_session_import_template": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                              "the sample sheet of the sessions' import (XLSX, CSV)"),
    "admin:forums_session_export": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                     "an edition's sessions in the import's shape (XLSX, CSV)"),
    "admin:forums_speaker_import": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                     "the spreadsheet import of speakers: upload, map, preview, confirm (add and "
                                     "change both needed)"),
    "admin:forums_speaker_import_job": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                            "an import job of speakers: mapping, progress, preview, "
                                            "confirmation, result"),
    "admin:forums_speaker_import_template": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                              "the sample sheet of the speakers' import (XLSX, CSV)"),
    "admin:forums_speaker_export": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                     "an edition's speakers in the import's shape (XLSX, CSV)"),
    "admin:guests_registration_import": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                             "the spreadsheet import of guests (admitted through admit_guest): "
                                             "upload, map, preview, confirm"),
    "admin:guests_registration_import_job": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                                 "an import job of guests: mapping, progress, preview, "
                                                 "confirmation, result"),
    "admin:guests_registration_import_template": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                                      "the sample sheet of the guests' import (XLSX, CSV)"),
    "admin:guests_registration_export": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                             "an edition's live registrations in the import's shape (XLSX, CSV)"),
    "admin:guests_registration_dashboard": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                                "an edition's guest figures"),
    "admin:guests_invitation_import": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("add"),
                                           "the bulk import of invitations: preview, then confirm"),
    "admin:guests_invitation_import_template": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                                    "the import's template file (CSV, XLSX)"),
    "admin:press_pressaccreditation_letter": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                                  "a journalist's letter of assignment (private storage): staff "
                                                  "who may view accreditations (organizers, the press office; "
                                                  "tests/press/test_admin.py)"),
    "admin:visas_visaletter_letter": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                          "a visa letter's PDF for the visa desk: a draft marked not valid while "
                                          "requested, the letter once approved, 404 otherwise; organizers hold no "
                                          "right over visas (tests/visas/test_desk.py)"),
    "admin:press_pressaccreditation_conferences": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                                       "an edition's press conferences and the accredited "
                                                       "journalists who may attend"),
    "admin:members_membership_figures": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                             "membership figures by continent, country and type"),
    "admin:awards_jurymember_invite": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, METHOD,
                                           "the button \"Invite to sign in\" on a juror's page: POST only"),
    "admin:teams_forumchange_publish": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, METHOD,
                                            "the button \"Publish\" on a team's change: POST only"),
    "admin:teams_forumchange_send_back": Rule(
        LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, REDIRECT,
        "the button \"Send back with a comment\" on a team's change: its comment's page; the walk's change is a "
        "draft, not waiting for review, so back to its page (tests/teams/test_team_review_page.py)",
        visa_desk=FORBIDDEN),
    "admin:auth_user_password_change": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("change"),
                                            "setting another account's password"),
}

# --- The admin's per-model URLs, for every model registered in the admin --------------------------------------
ADMIN_MODEL_URLS: dict[str, Rule] = {
    "admin:<app>_<model>_changelist": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view")),
    "admin:<app>_<model>_add": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("add")),
    "admin:<app>_<model>_change": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("view"),
                                       "read-only page for who may view but not change"),
    "admin:<app>_<model>_history": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, HistoryButton()),
    "admin:<app>_<model>_delete": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, Permitted("delete"),
                                       "the confirmation page; only its POST deletes"),
    "admin/<app>/<model>/<path:object_id>/": Rule(LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, REDIRECT,
                                                  "the old change address: redirects to .../change/"),
}

# What the Organizers group may do in the admin, by app or by "app.model" (the model's entry wins).
# "view" "add" "change" "delete"; "" is nothing at all.
ORGANIZER_MAY: dict[str, str] = {
    "auth": "",  # accounts and groups are the superusers' business
    "axes": "",  # the log of every sign-in: superusers only
    "axes.accessattempt": "view delete",  # sign-in lockouts: deleting one unlocks that account and address
    "core.outgoingemail": "view change",  # the outbox: read it, send a failed email again
    "core.auditentry": "view",  # the audit trail is read-only for everyone
    "members": "view add change delete",
    "summits": "view add change delete",
    "forums": "view add change delete",
    "awards": "view add change delete",
    "awards.review": "view",  # jurors' scores: entered on their own pages through the rules of the review, read here
    "reports.publishingrun": "view change",  # runs are made by "publish" and retried by an action, never typed
    "reports.reportsubscriber": "view change delete",  # readers subscribe themselves; organizers may remove one
    "expo": "view add change delete",
    "guests": "view add change",  # guests are erased and registrations cancelled, never deleted
    "press": "view change",  # journalists apply on the press form; applications are decided, never added or deleted
    "delegations": "view add change",  # delegations are rejected, members substituted or rejected, never deleted
    "delegations.delegationmember": "view change",  # added by the focal point within the quota, never typed here
    "reports": "view add change delete",
    "partners.apikey": "view add change",  # keys are revoked, never deleted
    "partners.webhook": "view add change",  # deactivated, not deleted: its deliveries stay listed
    "partners.webhookdelivery": "view",  # a log: retried by an action, never edited
    "visas": "",  # passport data are the visa desk's alone (core/permissions.py)
    "teams": "view add change delete",  # forum team members: invited, re-invited, removed
    "teams.forumchange": "view change",  # teams' changes: read and decided by the actions, never typed or deleted
}

# What the Visa desk group may do in the admin, read as ORGANIZER_MAY; an app or model not named: nothing.
VISA_DESK_MAY: dict[str, str] = {
    "visas": "view change",  # letters come from guests' requests (no add) and are refused or revoked, not deleted
    "guests.guest": "view",  # whom a letter is for
    "guests.registration": "view",
}

# The project's admins (core.admin.AuditedAdminMixin) send "History" to the audit trail, which has the values.
HISTORY_IN_AUDIT_TRAIL = (
    "members", "summits", "forums", "awards", "expo", "guests", "reports", "partners.apikey", "partners.webhook",
    "visas", "press", "delegations", "teams",
)

# Patterns deliberately not walked, with the reason. They may be absent (DEBUG off): that is not a stale entry.
EXCLUDED: dict[str, str] = {
    "^media/(?P<path>.*)$": "uploaded files served by Django in DEBUG only (static() adds it); a web server in "
    "production",
}
