from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class SpeakerInvitationStatus(models.TextChoices):
    """Where a speaker stands with one session: placed by organizers, asked through the speaker portal, answered."""

    NOT_INVITED = "not_invited", _("Not invited")
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class InterpretationLanguage(models.TextChoices):
    """Languages of simultaneous interpretation channels: the six UN languages, then others heard at the summit.
    Named as spoken languages ("spoken language": 英语, not the written 英文 of SessionLanguage)."""

    CHINESE = "zh", pgettext_lazy("spoken language", "Chinese")
    ENGLISH = "en", pgettext_lazy("spoken language", "English")
    FRENCH = "fr", pgettext_lazy("spoken language", "French")
    RUSSIAN = "ru", pgettext_lazy("spoken language", "Russian")
    SPANISH = "es", pgettext_lazy("spoken language", "Spanish")
    ARABIC = "ar", pgettext_lazy("spoken language", "Arabic")
    PORTUGUESE = "pt", pgettext_lazy("spoken language", "Portuguese")
    JAPANESE = "ja", pgettext_lazy("spoken language", "Japanese")
    KOREAN = "ko", pgettext_lazy("spoken language", "Korean")
    GERMAN = "de", pgettext_lazy("spoken language", "German")
