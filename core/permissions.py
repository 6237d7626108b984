"""The "Organizers" group: exactly what organizers need to run an edition, and nothing over accounts.

This is the group's definition; core.services.organizers.sync_organizers_group applies it after every migrate.
"""

ORGANIZERS_GROUP = "Organizers"
# Organizers manage all content of these apps.
DOMAIN_APPS = ("summits", "forums", "awards", "expo", "members", "guests", "reports")
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


def organizer_permission_keys(apps) -> set[tuple[str, str]]:
    """(app_label, codename) of every permission the group holds."""
    keys = set(EXTRA_PERMISSIONS)
    for app_label in DOMAIN_APPS:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:  # an app whose first migration has not run yet
            continue
        for model in app_config.get_models():
            for action in ("add", "change", "delete", "view"):
                keys.add((app_label, f"{action}_{model._meta.model_name}"))
    return keys
