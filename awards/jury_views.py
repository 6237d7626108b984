"""Jurors' own pages: the rounds they review, the entries assigned to them, their scores and conflicts, and the
ranking once a round closes. A juror reaches only their seats: anything else is a 404, as if it did not exist."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.site import trail
from core.views import signed_in_page

from . import selectors, services
from .jury_forms import ConflictForm, ReviewForm
from .models import NominationDocument

jury_page = signed_in_page  # logged-in jurors only (others go to the site's login page); never cached or indexed


def _seat_or_404(request, round_id: int):
    found = selectors.juror_seat(request.user, round_id)
    if found is None:
        raise Http404
    return found


def _round_trail(round, *steps):
    return trail((_("Jury"), reverse("awards:jury")), *steps)


@jury_page
def assignments(request):
    """The juror's seats and, for each, the rounds opened so far with how far they are."""
    seats = selectors.juror_seats(request.user)
    return render(request, "awards/jury/assignments.html", {
        "seats": seats, "trail": trail((_("Jury"), None)),
    })


@jury_page
def round_page(request, round_id: int):
    seat, round = _seat_or_404(request, round_id)
    ranking = selectors.visible_ranking(seat, round)  # empty while the round is open
    return render(request, "awards/jury/round.html", {
        "seat": seat, "round": round, "entries": selectors.juror_entries(seat, round),
        "ranking": selectors.with_outcomes(round, ranking) if ranking else [],
        "trail": _round_trail(round, (str(round), None)),
    })


def _assigned_entry_or_404(seat, round, nomination_id: int):
    nomination = (selectors.assigned_entries(seat, round).filter(pk=nomination_id)
                  .select_related("category", "organization").prefetch_related("team_members", "documents").first())
    if nomination is None:
        raise Http404
    return nomination


@jury_page
@require_http_methods(["GET", "HEAD", "POST"])
def review(request, round_id: int, nomination_id: int):
    """One entry: its file, the juror's scores (editable while the round is open), and, once the round is
    closed, every juror's scores, unless this juror declared a conflict with it."""
    seat, round = _seat_or_404(request, round_id)
    nomination = _assigned_entry_or_404(seat, round, nomination_id)
    entry = next(entry for entry in selectors.juror_entries(seat, round) if entry.nomination.pk == nomination.pk)
    criteria = list(round.programme.review_criteria.all())
    form = ReviewForm(request.POST if request.method == "POST" else None, criteria=criteria, review=entry.review)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_review(juror=seat, round=round, nomination=nomination, scores=form.scores(),
                                   comment=form.cleaned_data["comment"])
        except services.ReviewRefused as refusal:
            form.add_error(refusal.field, refusal)
        else:
            messages.success(request, _("Your scores of %(entry)s are saved.") % {"entry": nomination})
            return redirect("awards:jury-round", round_id=round.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "awards/jury/review.html", {
        "seat": seat, "round": round, "nomination": nomination, "entry": entry, "form": form,
        "outcome": selectors.programme_rounds(round.programme_id).outcome_after(round, nomination),
        "conflict_form": ConflictForm(),
        "reviews": selectors.entry_reviews(round, nomination) if round.is_closed and not entry.conflicted else [],
        "trail": _round_trail(round, (str(round), reverse("awards:jury-round", kwargs={"round_id": round.pk})),
                              (str(nomination), None)),
    }, status=status)


@jury_page
@require_POST
def conflict(request, round_id: int, nomination_id: int):
    seat, round = _seat_or_404(request, round_id)
    nomination = _assigned_entry_or_404(seat, round, nomination_id)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.declare_conflict(juror=seat, nomination=nomination, reason=reason)
    messages.success(request, _("Conflict of interest declared: you will not score %(entry)s.")
                     % {"entry": nomination})
    return redirect("awards:jury-round", round_id=round.pk)


@jury_page
def document(request, document_id: int):
    """A supporting document, for organizers and for a juror assigned to its nomination in an opened round and not
    in conflict with it."""
    document = NominationDocument.objects.select_related("nomination").filter(pk=document_id).first()
    if document is None or not (request.user.has_perm("awards.view_nomination")
                                or selectors.juror_may_read(request.user, document.nomination)):
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:  # the row outlived its file (storage restored from an older backup): nothing to send
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])
