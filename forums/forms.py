"""The agenda's filters: a GET form whose options come from the edition's own programme."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .enums import InterpretationLanguage, SessionLanguage
from .selectors import AgendaFilters, AgendaOptions

FILTER_NAMES = ("theme", "forum", "room", "language", "interpretation", "streamed")
STREAMED = "true"  # ?streamed=true, as the API says it


class AgendaFilterForm(forms.Form):
    """Narrows the agenda by theme group, forum, room, language, interpretation language and live stream.

    A value that is not among the edition's options is a form error and is ignored: the agenda still shows,
    narrowed by the valid filters only.
    """

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    forum = forms.ChoiceField(label=_("Forum"), required=False)
    room = forms.TypedChoiceField(label=_("Room"), required=False, coerce=int, empty_value=None)
    language = forms.ChoiceField(label=_("Language"), required=False)
    interpretation = forms.ChoiceField(label=_("Interpretation"), required=False)
    streamed = forms.ChoiceField(label=_("Live stream"), required=False)

    def __init__(self, data=None, *, options: AgendaOptions):
        super().__init__(data, label_suffix="")
        self.fields["theme"].choices = [("", _("All themes")), *((group.slug, group.name) for group in options.themes)]
        self.fields["forum"].choices = [("", _("All forums")), *((item.slug, item.title) for item in options.forums)]
        self.fields["room"].choices = [("", _("All rooms")), *((room.pk, room.name) for room in options.rooms)]
        self.fields["language"].choices = [("", _("All languages")), *SessionLanguage.choices]
        self.fields["interpretation"].choices = [
            ("", _("All sessions")),
            *((code, InterpretationLanguage(code).label) for code in options.interpretation_languages),
        ]
        self.fields["streamed"].choices = [
            ("", _("All sessions")), *([(STREAMED, _("Streamed live"))] if options.any_streamed else []),
        ]

    def filters(self) -> AgendaFilters:
        """The valid filters; invalid ones count as not set."""
        self.is_valid()
        data = self.cleaned_data
        return AgendaFilters(
            theme=data.get("theme") or "", forum=data.get("forum") or "", room=data.get("room"),
            language=data.get("language") or "", interpretation=data.get("interpretation") or "",
            streamed=data.get("streamed") == STREAMED,
        )

    def applied(self) -> list[tuple[str, str]]:
        """(filter label, chosen option's label) for each valid filter that is set, to say what the list shows."""
        self.is_valid()
        applied = []
        for name in FILTER_NAMES:
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            field = self.fields[name]
            labels = {str(key): label for key, label in field.choices}
            applied.append((str(field.label), str(labels[str(value)])))
        return applied

    def query_string(self) -> str:
        """The valid filters that are set, as a query string for links to the same selection (the print view)."""
        self.is_valid()
        query = QueryDict(mutable=True)
        for name in FILTER_NAMES:
            value = self.cleaned_data.get(name)
            if value not in (None, ""):
                query[name] = str(value)
        return query.urlencode()
