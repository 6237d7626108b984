"""The juror's forms: the scores of one entry, and a declared conflict of interest."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_SCORE, MIN_SCORE
from .services.reviews import Scores


def _score_field(label, help_text="") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, help_text=help_text, min_value=MIN_SCORE, max_value=MAX_SCORE, max_digits=4,
        decimal_places=2, widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )


class ReviewForm(forms.Form):
    """One score field per criterion of the programme (``criterion_<id>``), or one overall score without."""

    comment = forms.CharField(
        label=_("Comment for the jury"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, criteria, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        given = {score.criterion_id: score.score for score in review.scores.all()} if review else {}
        fields = {}
        for criterion in self.criteria:
            label = _("%(criterion)s (weight %(weight)d)") % {"criterion": criterion.name, "weight": criterion.weight}
            fields[f"criterion_{criterion.pk}"] = _score_field(label, criterion.description)
            self.initial.setdefault(f"criterion_{criterion.pk}", given.get(criterion.pk))
        if not self.criteria:
            fields["overall"] = _score_field(_("Score"), _("From 0 to 10."))
            self.initial.setdefault("overall", review.score if review else None)
        self.fields = {**fields, "comment": self.fields["comment"]}
        if review:
            self.initial.setdefault("comment", review.comment)

    def scores(self) -> Scores:
        data = self.cleaned_data
        if not self.criteria:
            return Scores(overall=Decimal(data["overall"]))
        return Scores(by_criterion={c.pk: Decimal(data[f"criterion_{c.pk}"]) for c in self.criteria})


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you may not judge this entry (seen by the organizers only)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
