"""A forum's team (the accounts of its host and co-host organisations that prepare its agenda) and the changes
to the agenda it proposes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from .enums import EDITABLE_STATES, OPEN_STATES, ChangeState


class ForumTeamMember(TimestampedModel):
    """An account of the forum's host or a co-host, invited by the organizers to prepare the forum's agenda."""

    forum = models.ForeignKey("forums.Forum", verbose_name=_("forum"), on_delete=models.CASCADE,
                              related_name="team_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="forum_teams")
    organization = models.ForeignKey(
        "members.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="forum_team_members", help_text=_("The forum's host or one of its co-hosts."),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum team member")
        verbose_name_plural = _("forum team members")
        ordering = ["forum", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["forum", "email"], name="forum_team_member_unique_email"),
        ]

    def __str__(self):
        return f"{self.name} · {self.forum}"

    def clean(self):
        super().clean()
        if not (self.forum_id and self.organization_id):
            return
        forum = self.forum
        if self.organization_id != forum.host_id and not forum.co_hosts.filter(pk=self.organization_id).exists():
            raise ValidationError({"organization": _(
                "%(organization)s neither hosts nor co-hosts %(forum)s: a forum's team comes from its host and "
                "co-hosts.") % {"organization": self.organization, "forum": forum}})


class ForumChange(TimestampedModel):
    """A forum team's working copy of its forum's agenda: the agenda it proposes and the live agenda it started
    from, both as JSON (teams/agenda.py). Live rows change only when organizers publish it."""

    forum = models.ForeignKey("forums.Forum", verbose_name=_("forum"), on_delete=models.CASCADE,
                              related_name="team_changes")
    state = models.CharField(_("state"), max_length=12, choices=ChangeState.choices, default=ChangeState.DRAFT)
    proposed = models.JSONField(_("proposed agenda"), default=dict)
    base = models.JSONField(_("live agenda it started from"), default=dict)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    organizer_changes = models.JSONField(
        _("what organizers changed meanwhile"), default=list, blank=True,
        help_text=_("Where the live forum changed since the team began, moved into the change when it was sent "
                    "back: [session key or \"\", field or \"\"]."))
    comment = models.TextField(_("organizers' comment"), blank=True,
                               help_text=_("Why the change was sent back, for the forum's team."))

    class Meta:
        verbose_name = _("forum team's change")
        verbose_name_plural = _("forum teams' changes")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["forum"], condition=models.Q(state__in=OPEN_STATES),
                                    name="forum_change_one_open_per_forum"),
        ]

    def __str__(self):
        return f"{self.forum} · {self.get_state_display()}"

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES
