"""The organizers' edition filter: every admin list of an edition's rows opens on the edition being worked on."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.admin import DefaultedRelatedListFilter
from core.enums import PublicationStatus

from . import selectors


class CurrentEditionFilter(DefaultedRelatedListFilter):
    """Opens on ``summits.selectors.organizers_edition`` (the published edition running or coming next, else the
    next draft, else the latest), with "All editions"; drafts are marked. Use it through ``for_field``:
    ``list_filter = [CurrentEditionFilter.for_field("summit"), ...]`` or ``.for_field("forum__summit")``."""

    title = pgettext_lazy("summit", "edition")
    all_label = pgettext_lazy("summit", "All editions")

    def default_choice(self):
        self.editions = list(selectors.editions_newest_first())  # one query for the default and the choices
        return selectors.organizers_edition(self.editions)

    def choices_queryset(self):
        return self.editions

    def choice_label(self, summit) -> str:
        if summit.status != PublicationStatus.PUBLISHED:
            return _("%(summit)s (draft)") % {"summit": summit}
        return str(summit)
