"""The awards admin as an organizer uses it: the pages open, the actions select and announce, and forms check."""

from decimal import Decimal

import pytest
from django.urls import reverse

from awards import selectors, services
from awards.enums import NominationStatus, ProgrammeKind, RoundStage
from awards.models import AwardProgramme, JuryMember, Nomination, Review, ReviewRound
from awards.services.reviews import Scores
from core.enums import PublicationStatus
from core.models import AuditEntry
from tests.admin_forms import errors_of
from tests.factories.awards import (
    AwardCategoryFactory,
    AwardProgrammeFactory,
    JuryMemberFactory,
    NominationFactory,
    ReviewCriterionFactory,
    ReviewFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["awardprogramme", "awardcategory", "nomination", "jurymember", "review", "reviewround",
          "conflictofinterest"]
ADDABLE = [model for model in MODELS if model != "review"]


@pytest.fixture
def reviewed_nomination():
    category = AwardCategoryFactory()
    nomination = NominationFactory(programme=category.programme, category=category)
    ReviewFactory(nomination=nomination, score=Decimal("7.5"))
    return nomination


@pytest.mark.parametrize("model", MODELS)
def test_changelist_answers_for_a_superuser(admin_client, reviewed_nomination, model):
    response = admin_client.get(reverse(f"admin:awards_{model}_changelist"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", ADDABLE)
def test_add_page_answers_for_a_superuser(admin_client, model):
    response = admin_client.get(reverse(f"admin:awards_{model}_add"))

    assert response.status_code == 200


def test_programme_change_page_answers_with_its_categories_and_jury(admin_client, reviewed_nomination):
    response = admin_client.get(reverse("admin:awards_awardprogramme_change", args=[reviewed_nomination.programme_id]))

    assert response.status_code == 200
    # categories, criteria, jury, rounds
    assert [len(inline.formset.forms) for inline in response.context["inline_admin_formsets"]] == [1, 0, 1, 1]


def test_nomination_change_page_answers_with_its_reviews(admin_client, reviewed_nomination):
    response = admin_client.get(reverse("admin:awards_nomination_change", args=[reviewed_nomination.pk]))

    assert response.status_code == 200
    reviews = response.context["inline_admin_formsets"][3]
    assert (reviews.opts.model, len(reviews.formset.forms)) == (Review, 1)


def test_nomination_changelist_shows_the_mean_score(admin_client, reviewed_nomination):
    response = admin_client.get(reverse("admin:awards_nomination_changelist"))

    assert [row.mean_score for row in response.context["cl"].result_list] == [Decimal("7.5")]
    assert "7.50" in response.content.decode()


def test_shortlist_action_shortlists_the_selected_nominations(admin_client):
    chosen, other = NominationFactory(), NominationFactory()

    response = admin_client.post(
        reverse("admin:awards_nomination_changelist"),
        {"action": "shortlist_selected", "_selected_action": [chosen.pk]},
    )

    assert response.status_code == 302
    assert dict(Nomination.objects.values_list("pk", "status")) == {
        chosen.pk: NominationStatus.SHORTLISTED, other.pk: NominationStatus.SUBMITTED
    }
    assert AuditEntry.objects.get().object_id == str(chosen.pk)


def test_announce_laureates_action_publishes_a_programme_with_laureates(admin_client):
    programme = NominationFactory(status=NominationStatus.AWARDED, programme__with_ceremony=True).programme

    response = admin_client.post(
        reverse("admin:awards_awardprogramme_changelist"),
        {"action": "announce_laureates", "_selected_action": [programme.pk]},
        follow=True,
    )

    programme.refresh_from_db()
    assert programme.status == PublicationStatus.PUBLISHED
    assert [str(message) for message in response.context["messages"]] == [f"{programme.name}: 1 laureate announced."]


def test_announce_laureates_action_without_laureates_reports_the_refusal(admin_client):
    programme = AwardProgrammeFactory(name="Commemorative Honor")

    response = admin_client.post(
        reverse("admin:awards_awardprogramme_changelist"),
        {"action": "announce_laureates", "_selected_action": [programme.pk]},
        follow=True,
    )

    assert AwardProgramme.objects.get().status == PublicationStatus.DRAFT
    assert [str(message) for message in response.context["messages"]] == [
        "Commemorative Honor has no awarded nomination yet: award at least one before announcing the laureates."
    ]


def _jury_member_post(juror, **changes) -> dict:
    data = {
        "programme": juror.programme.pk,
        "name": juror.name,
        "affiliation_en": juror.affiliation,
        "affiliation_zh_hans": "",
        "user": "",
        "language": "en",
        "categories": [],
        "concurrency_token": juror.updated_at.isoformat(),
    }
    return {**data, **changes}


def test_juror_categories_of_another_programme_are_refused_in_the_admin(admin_client):
    juror = JuryMemberFactory()
    foreign = AwardCategoryFactory(name="AI+ track")

    response = admin_client.post(reverse("admin:awards_jurymember_change", args=[juror.pk]),
                                 _jury_member_post(juror, categories=[foreign.pk]))

    assert response.status_code == 200
    assert errors_of(response) == ["Not categories of this programme: AI+ track."]
    assert not JuryMember.objects.get().categories.exists()


def test_juror_categories_of_the_programme_are_saved_in_the_admin(admin_client):
    juror = JuryMemberFactory()
    own = AwardCategoryFactory(programme=juror.programme)

    response = admin_client.post(reverse("admin:awards_jurymember_change", args=[juror.pk]),
                                 _jury_member_post(juror, categories=[own.pk]))

    assert response.status_code == 302
    assert list(JuryMember.objects.get().categories.all()) == [own]


def test_reviews_are_read_only_in_the_admin(admin_client, reviewed_nomination):
    """Scores come from jurors through the rules of the review; organizers read them, never type them."""
    review = Review.objects.get()

    assert admin_client.get(reverse("admin:awards_review_add")).status_code == 403
    change, delete = (reverse(f"admin:awards_review_{view}", args=[review.pk]) for view in ("change", "delete"))
    assert admin_client.post(change, {"score": "1"}).status_code == 403
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Review.objects.get().score == Decimal("7.5")


def _round_post(round, **changes) -> dict:
    data = {
        "programme": round.programme.pk,
        "stage": round.stage,
        "order": round.order,
        "places_per_category": "",
        "entries": [],
        "concurrency_token": round.updated_at.isoformat(),
    }
    return {**data, **changes}


def test_round_entries_of_another_programme_are_refused_in_the_admin(admin_client):
    """Otherwise the round's ranking, and awarding from it, would take another programme's nomination."""
    round = ReviewRoundFactory()
    own = NominationFactory(programme=round.programme)
    foreign = NominationFactory(nominee_name="Robot Doctors")

    response = admin_client.post(reverse("admin:awards_reviewround_change", args=[round.pk]),
                                 _round_post(round, entries=[own.pk, foreign.pk]))

    assert response.status_code == 200
    assert errors_of(response) == ["Not nominations of this programme: Robot Doctors."]
    assert not ReviewRound.objects.get().entries.exists()


def test_round_entries_of_the_programme_are_saved_in_the_admin(admin_client):
    round = ReviewRoundFactory()
    own = NominationFactory(programme=round.programme)

    response = admin_client.post(reverse("admin:awards_reviewround_change", args=[round.pk]),
                                 _round_post(round, entries=[own.pk]))

    assert response.status_code == 302
    assert list(ReviewRound.objects.get().entries.all()) == [own]


# --- Review rounds, driven from the admin ----------------------------------------------------------------------


def _round_action(admin_client, action, *rounds):
    return admin_client.post(reverse("admin:awards_reviewround_changelist"),
                             {"action": action, "_selected_action": [round.pk for round in rounds]}, follow=True)


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_round_actions_open_close_and_advance_then_report_refusals(admin_client):
    track = AwardCategoryFactory(name="AI+ innovative applications")
    programme = track.programme
    teams = [NominationFactory(programme=programme, category=track, nominee_name=f"Team {n}") for n in range(3)]
    preliminary = ReviewRoundFactory(programme=programme, stage=RoundStage.PRELIMINARY, order=1,
                                     places_per_category=1)
    final = ReviewRoundFactory(programme=programme, stage=RoundStage.FINAL, order=2, places_per_category=1)

    opened = _round_action(admin_client, "open_selected", preliminary)
    juror = JuryMemberFactory(programme=programme)
    for team, score in zip(teams, ("6", "9", "7"), strict=True):
        services.submit_review(juror=juror, round=preliminary, nomination=team, scores=Scores(overall=Decimal(score)))
    too_early = _round_action(admin_client, "advance_selected", preliminary)
    _round_action(admin_client, "close_selected", preliminary)
    advanced = _round_action(admin_client, "advance_selected", preliminary)

    assert _messages(opened) == [f"{preliminary}: opened with 3 entries."]
    assert _messages(too_early) == [f"{preliminary}: Close {preliminary} before advancing its entries."]
    assert _messages(advanced) == [f"{preliminary}: 1 entry chosen."]
    assert list(final.entries.all()) == [teams[1]]


def test_round_change_page_shows_the_ranking_with_ties(admin_client):
    programme = AwardProgrammeFactory()
    first, second = (NominationFactory(programme=programme, nominee_name=name) for name in ("Ada", "Bo"))
    round = ReviewRoundFactory(programme=programme)
    services.open_round(round=round, actor=None)
    for nomination in (first, second):
        services.submit_review(juror=JuryMemberFactory(programme=programme), round=round, nomination=nomination,
                               scores=Scores(overall=Decimal("8")))

    page = admin_client.get(reverse("admin:awards_reviewround_change", args=[round.pk])).content.decode()

    assert page.count("<td>1=</td>") == 2
    assert "8.00" in page


# --- Issue 14: exact means, what became of an entry, and a competition's own words ------------------------------


def _competition_semi_final_out(organizer=None):
    """A competition whose entry "Coffee Chain" goes out in the semi-final, scored on weighted criteria."""
    track = AwardCategoryFactory(name="Digital economy", programme__kind=ProgrammeKind.COMPETITION)
    programme = track.programme
    impact = ReviewCriterionFactory(programme=programme, name="Impact", weight=2)
    novelty = ReviewCriterionFactory(programme=programme, name="Novelty", weight=1)
    best, out = (NominationFactory(programme=programme, category=track, nominee_name=name)
                 for name in ("Robot Doctors", "Coffee Chain"))
    jurors = [JuryMemberFactory(programme=programme) for _ in range(2)]
    rounds = [ReviewRoundFactory(programme=programme, stage=stage, order=order, places_per_category=places)
              for order, (stage, places) in enumerate((("preliminary", 2), ("semi_final", 1), ("final", 1)))]
    for round in rounds[:2]:
        services.open_round(round=round, actor=organizer)
        for entry, given in ((best, [("9", "9"), ("9", "8")]), (out, [("7", "7"), ("7", "7")])):
            for juror, (impact_score, novelty_score) in zip(jurors, given, strict=True):
                services.submit_review(juror=juror, round=round, nomination=entry, scores=Scores(by_criterion={
                    impact.pk: Decimal(impact_score), novelty.pk: Decimal(novelty_score)}))
        services.close_round(round=round, actor=organizer)
        services.advance_top_entries(round=round, actor=organizer)
    return best, out, rounds


def test_nomination_changelist_means_the_unrounded_review_scores(admin_client):
    best, _out, _rounds = _competition_semi_final_out()

    response = admin_client.get(reverse("admin:awards_nomination_changelist"), {"o": "-8"})

    means = {row.nominee_name: selectors.cents(row.mean_score) for row in response.context["cl"].result_list}
    # Four reviews of Robot Doctors: 9.00 and 8.667 twice; the mean is 8.83, never (9.00 + 8.67) / 2 = 8.84.
    assert means == {"Robot Doctors": Decimal("8.83"), "Coffee Chain": Decimal("7.00")}
    assert "8.83" in response.content.decode() and "8.84" not in response.content.decode()


def test_round_change_page_ranks_by_unrounded_means_and_says_who_went_on(admin_client):
    _best, _out, (_preliminary, semi_final, _final) = _competition_semi_final_out()

    page = admin_client.get(reverse("admin:awards_reviewround_change", args=[semi_final.pk])).content.decode()

    assert "<td>Robot Doctors</td><td>8.83</td><td>2</td><td>Advanced to round 3 (final)</td>" in page
    assert "<td>Coffee Chain</td><td>7.00</td><td>2</td><td>Eliminated in round 2 (semi-final)</td>" in page


def test_entry_change_page_says_where_it_was_eliminated_in_the_competitions_words(admin_client):
    _best, out, _rounds = _competition_semi_final_out()

    page = admin_client.get(reverse("admin:awards_nomination_change", args=[out.pk])).content.decode()

    assert "Eliminated in round 2 (semi-final)" in page
    assert "| Change entry |" in page
    for words in ('class="fieldset-heading">Team</h2>', 'class="fieldset-heading">Project</h2>',
                  'class="fieldset-heading">Team leader</h2>', ">Track:", ">Team name [en]:",
                  ">Project description [zh-hans]:", ">Team leader&#x27;s email:"):
        assert words in page, words


def test_nomination_change_page_keeps_its_own_words_outside_a_competition(admin_client, reviewed_nomination):
    page = admin_client.get(reverse("admin:awards_nomination_change", args=[reviewed_nomination.pk])).content.decode()

    assert 'class="fieldset-heading">Nominee</h2>' in page and 'class="fieldset-heading">Team</h2>' not in page
    assert "Change entry" not in page
