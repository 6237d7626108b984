"""The staff groups: "Organizers" (exactly what organizers need to run an edition, and nothing over accounts), the
"Press office" (press accreditation only) and the "Visa desk" (visa letters, the only group that sees passport data).

These are the groups' definitions; core.services.organizers.sync_organizers_group applies them after every migrate.
"""

ORGANIZERS_GROUP = "Organizers"
PRESS_OFFICE_GROUP = "Press office"
VISA_DESK_GROUP = "Visa desk"
# Organizers manage all content of these apps. Not visas: passport data are the visa desk's alone.
DOMAIN_APPS = ("summits", "forums", "awards", "expo", "members", "guests", "reports", "delegations", "press",
               "teams")
# The press office manages the press app and reads what its reviews need.
PRESS_OFFICE_APPS = ("press",)
PRESS_OFFICE_PERMISSIONS: tuple[tuple[str, str], ...] = (("forums", "view_forum"),)
# The visa desk manages the visas app and reads the registrations letters are requested for.
VISA_DESK_APPS = ("visas",)
VISA_DESK_PERMISSIONS: tuple[tuple[str, str], ...] = (("guests", "view_registration"), ("guests", "view_guest"))
# And may look at the outbox (and send failed emails again) and read the audit trail; they cannot edit either,
# nor touch users, groups or permissions.
EXTRA_PERMISSIONS = (
    ("core", "view_outgoingemail"),
    ("core", "change_outgoingemail"),
    ("core", "view_auditentry"),
    # Partners: keys are issued and revoked (never deleted), webhooks managed, deliveries watched.
    ("partners", "view_apikey"), ("partners", "add_apikey"), ("partners", "change_apikey"),
    ("partners", "view_webhook"), ("partners", "add_webhook"), ("partners", "change_webhook"),
    ("partners", "view_webhookdelivery"),
    # Jurors get their account from the organizers (an email with a link to set a password), not from a superuser:
    # this permission makes or links that one account, and grants nothing else over accounts.
    ("awards", "invite_jurymember"),
    # Sign-in lockouts (django-axes): organizers see them and unlock a juror by deleting the attempt; the log of
    # every sign-in stays with superusers.
    ("axes", "view_accessattempt"), ("axes", "delete_accessattempt"),
)


def _app_permission_keys(apps, app_labels, extra) -> set[tuple[str, str]]:
    keys = set(extra)
    for app_label in app_labels:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:  # an app whose first migration has not run yet
            continue
        for model in app_config.get_models():
            for action in ("add", "change", "delete", "view"):
                keys.add((app_label, f"{action}_{model._meta.model_name}"))
    return keys


def organizer_permission_keys(apps) -> set[tuple[str, str]]:
    """(app_label, codename) of every permission the Organizers group holds."""
    return _app_permission_keys(apps, DOMAIN_APPS, EXTRA_PERMISSIONS)


def group_permission_keys(apps) -> dict[str, set[tuple[str, str]]]:
    """Each staff group's name with the (app_label, codename) of every permission it holds."""
    return {
        ORGANIZERS_GROUP: organizer_permission_keys(apps),
        PRESS_OFFICE_GROUP: _app_permission_keys(apps, PRESS_OFFICE_APPS, PRESS_OFFICE_PERMISSIONS),
        VISA_DESK_GROUP: _app_permission_keys(apps, VISA_DESK_APPS, VISA_DESK_PERMISSIONS),
    }
