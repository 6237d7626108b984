"""A forum's team: the accounts of its host and co-host organisations that prepare its agenda."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


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
