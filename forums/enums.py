from django.db import models
from django.utils.translation import gettext_lazy as _


class ForumRegistrationMode(models.TextChoices):
    """Whether guests choose a forum on the public form, or only the guests it was reserved for hold seats in it."""

    OPEN = "open", _("Open to all guests")
    INVITATION_ONLY = "invitation_only", _("By invitation only")


class ForumKind(models.TextChoices):
    OPENING_CEREMONY = "opening_ceremony", _("Opening ceremony")
    MAIN_FORUM = "main_forum", _("Main forum")
    SUB_FORUM = "sub_forum", _("Sub-forum")
    AWARD_CEREMONY = "award_ceremony", _("Award ceremony")
    PRESS_CONFERENCE = "press_conference", _("Press conference")
    SIDE_EVENT = "side_event", _("Side event")


class SessionType(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    PANEL = "panel", _("Panel")
    DIALOGUE = "dialogue", _("Dialogue")
    RELEASE = "release", _("Release")
    SIGNING = "signing", _("Signing")
    CEREMONY = "ceremony", _("Ceremony")
    BREAK = "break", _("Break")


class SessionLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    CHINESE = "zh", _("Chinese")
    BILINGUAL = "bilingual", _("Chinese and English (interpreted)")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    HOST = "host", _("Host")
