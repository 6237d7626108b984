"""The public call for nominations: the form (for a competition, the entry with its team) while the call is open,
and the thank-you page.

Views parse input with the forms in ``forms.py``, call ``services.submit_nomination`` and render; the rules live in
the service, which checks the call's dates again.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.forms import rate_limited, within_rate_limit
from core.site import trail

from . import selectors
from .enums import ProgrammeKind
from .forms import EntryForm, NominationForm, team_formset
from .models import AwardProgramme
from .services.nominations import CallState, NominationRefused, call_is_open, call_state, submit_nomination


def _rate_limit() -> int:
    return settings.NOMINATION_RATE_LIMIT


def _public_programme_or_404(year: int, slug: str) -> AwardProgramme:
    programme = selectors.public_programme(year, slug)
    if programme is None:
        raise Http404
    return programme


def _context(programme: AwardProgramme, page: str) -> dict:
    year = programme.summit.year
    is_competition = programme.kind == ProgrammeKind.COMPETITION
    parent = (
        (_("Competition"), reverse("awards:competition", kwargs={"year": year})) if is_competition
        else (_("Awards"), reverse("awards:programmes", kwargs={"year": year}))
    )
    programme_url = reverse("awards:programme", kwargs={"year": year, "slug": programme.slug})
    return {
        "summit": programme.summit,
        "programme": programme,
        "period": programme.nomination_period,
        "is_competition": is_competition,
        "programme_url": programme_url,
        "section": "competition" if is_competition else "awards",
        "trail": trail(parent, (programme.name, programme_url), (page, None), summit=programme.summit),
    }


def _page_title(programme: AwardProgramme) -> str:
    return _("Enter the competition") if programme.kind == ProgrammeKind.COMPETITION else _("Nominate")


def _not_open(request, programme: AwardProgramme, *, status: int = 200, rate_limited: bool = False):
    """The page saying the call is not open, and why: not yet, its closing time passed, the laureates announced."""
    state = call_state(programme)
    context = {**_context(programme, _page_title(programme)), "rate_limited": rate_limited, "state": state,
               "upcoming": state == CallState.UPCOMING}
    return render(request, "awards/nomination_closed.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def nominate(request, year: int, slug: str):
    """The call's form while it is open; before or after, a page saying when it opens or closed (a POST: 403)."""
    programme = _public_programme_or_404(year, slug)
    if not call_is_open(programme):
        return _not_open(request, programme, status=403 if request.method == "POST" else 200)
    is_competition = programme.kind == ProgrammeKind.COMPETITION
    form_class = EntryForm if is_competition else NominationForm
    language = translation.get_language()
    team = None
    if request.method == "POST":
        if not within_rate_limit(request, scope="awards:nominate", limit=_rate_limit()):
            return rate_limited(_not_open(request, programme, status=429, rate_limited=True))
        form = form_class(request.POST, request.FILES, programme=programme, language=language)
        team = team_formset(request.POST) if is_competition else None
        if form.is_bot:  # answer as if it worked, so the bot learns nothing
            return redirect("awards:nominated", year=year, slug=slug)
        if form.is_valid() and (team is None or team.is_valid()):
            submission = form.submission(team) if is_competition else form.submission()
            try:
                submit_nomination(programme=programme, submission=submission)
            except NominationRefused as refusal:
                if refusal.code == "call_not_open":  # the call closed while the form was being filled in
                    return _not_open(request, programme, status=403)
                form.add_error(refusal.field, refusal)
            except ValidationError as error:  # a document the model's validators refuse
                form.add_error(None, error.messages)
            else:
                return redirect("awards:nominated", year=year, slug=slug)
    else:
        form = form_class(programme=programme, language=language)
        team = team_formset() if is_competition else None
    context = {**_context(programme, _page_title(programme)), "form": form, "team": team}
    return render(request, "awards/nominate.html", context)


@never_cache
def nominated(request, year: int, slug: str):
    """The thank-you page after a submission: what happens next."""
    programme = _public_programme_or_404(year, slug)
    return render(request, "awards/nominated.html", _context(programme, _("Thank you")))
