"""Jurors' pages through HTTP: a juror sees and changes only their own assignments, scores stay hidden from
other jurors until the round closes, and strangers see nothing."""

import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from awards import services
from awards.enums import ProgrammeKind
from awards.models import ConflictOfInterest, NominationDocument, Review
from awards.services.reviews import Scores
from tests.factories.awards import (
    AwardCategoryFactory,
    JuryMemberFactory,
    NominationFactory,
    ReviewCriterionFactory,
    ReviewRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "private"}}}


@pytest.fixture
def jury(django_user_model):
    """A competition's preliminary round, open, with two tracks: Ada judges the AI+ track, Bo the other one,
    Cy judges both; each track has one team."""
    ai = AwardCategoryFactory(name="AI+ innovative applications")
    programme = ai.programme
    economy = AwardCategoryFactory(programme=programme, name="Digital economy")
    ai_team = NominationFactory(programme=programme, category=ai, nominee_name="Robot Doctors",
                                citation="Diagnosis at the village clinic.")
    economy_team = NominationFactory(programme=programme, category=economy, nominee_name="Coffee Chain")
    seats = {}
    for name, categories in (("ada", [ai]), ("bo", [economy]), ("cy", [])):
        user = django_user_model.objects.create_user(username=name, password="juror-pass-2024")
        seats[name] = JuryMemberFactory(programme=programme, user=user, name=name.title())
        seats[name].categories.set(categories)
    round = ReviewRoundFactory(programme=programme)
    services.open_round(round=round, actor=None)
    round.refresh_from_db()
    return {"round": round, "ai_team": ai_team, "economy_team": economy_team, **seats}


def as_juror(client, seat):
    client.force_login(seat.user)
    return client


def review_url(round, nomination):
    return reverse("awards:jury-review", kwargs={"round_id": round.pk, "nomination_id": nomination.pk})


def test_jury_pages_send_strangers_to_the_sign_in_page(client, jury):
    for url in (reverse("awards:jury"), reverse("awards:jury-round", kwargs={"round_id": jury["round"].pk}),
                review_url(jury["round"], jury["ai_team"])):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/?next=")


def test_sign_in_takes_a_juror_to_their_assignments(client, jury):
    next_url = reverse("awards:jury")

    response = client.post(f"{reverse('login')}?next={next_url}",
                           {"username": "ada", "password": "juror-pass-2024", "next": next_url}, follow=True)

    assert response.redirect_chain[-1] == (next_url, 302)
    assert "Your jury assignments" in response.content.decode()


def test_sign_in_with_a_wrong_password_says_so_in_chinese(client, jury):
    response = client.post("/zh-hans/accounts/login/", {"username": "ada", "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].errors["__all__"][0].startswith("请输入一个正确的")


def test_juror_sees_only_the_entries_of_their_categories(client, jury):
    response = as_juror(client, jury["ada"]).get(reverse("awards:jury-round", kwargs={"round_id": jury["round"].pk}))

    assert [entry.nomination for entry in response.context["entries"]] == [jury["ai_team"]]
    assert "Coffee Chain" not in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_juror_of_every_category_sees_every_entry(client, jury):
    response = as_juror(client, jury["cy"]).get(reverse("awards:jury-round", kwargs={"round_id": jury["round"].pk}))

    assert {entry.nomination for entry in response.context["entries"]} == {jury["ai_team"], jury["economy_team"]}


def test_entry_of_another_category_is_a_404_and_cannot_be_scored(client, jury):
    url = review_url(jury["round"], jury["economy_team"])
    client = as_juror(client, jury["ada"])

    assert client.get(url).status_code == 404
    assert client.post(url, {"overall": "9"}).status_code == 404
    assert not Review.objects.exists()


def test_round_of_another_jury_is_a_404(client, jury, django_user_model):
    other_round = ReviewRoundFactory(programme=NominationFactory().programme)
    services.open_round(round=other_round, actor=None)

    response = as_juror(client, jury["ada"]).get(reverse("awards:jury-round", kwargs={"round_id": other_round.pk}))

    assert response.status_code == 404


def test_account_without_a_seat_sees_no_assignment(client, jury, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="visitor"))

    assert "does not sit on any jury" in client.get(reverse("awards:jury")).content.decode()
    assert client.get(reverse("awards:jury-round", kwargs={"round_id": jury["round"].pk})).status_code == 404


def test_juror_scores_each_criterion_through_the_form(client, jury):
    programme = jury["round"].programme
    impact = ReviewCriterionFactory(programme=programme, name="Impact", weight=3)
    feasibility = ReviewCriterionFactory(programme=programme, name="Feasibility", weight=1)
    url = review_url(jury["round"], jury["ai_team"])

    response = as_juror(client, jury["ada"]).post(url, {
        f"criterion_{impact.pk}": "8", f"criterion_{feasibility.pk}": "4", "comment": "Convincing pilot."})

    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.juror, review.score, review.comment) == (jury["ada"], Decimal("7.00"), "Convincing pilot.")


def test_score_out_of_range_is_shown_as_a_form_error_in_chinese(client, jury):
    client = as_juror(client, jury["ada"])
    url = review_url(jury["round"], jury["ai_team"]).replace("/en/", "/zh-hans/", 1)

    response = client.post(url, {"overall": "12"})

    assert response.status_code == 400
    assert response.context["form"].errors["overall"] == ["确保该值小于或等于10。"]
    assert not Review.objects.exists()


def test_other_jurors_scores_stay_hidden_until_the_round_closes(client, jury):
    round, team = jury["round"], jury["ai_team"]
    services.submit_review(juror=jury["cy"], round=round, nomination=team, scores=Scores(overall=Decimal("3.5")),
                           comment="Cy's secret remark")
    client = as_juror(client, jury["ada"])

    while_open = client.get(review_url(round, team)).content.decode()
    ranking_while_open = client.get(reverse("awards:jury-round", kwargs={"round_id": round.pk}))
    services.close_round(round=round, actor=None)
    after_close = client.get(review_url(round, team)).content.decode()
    ranking_after = client.get(reverse("awards:jury-round", kwargs={"round_id": round.pk}))

    assert "Cy's secret remark" not in while_open and "3.5" not in while_open
    assert ranking_while_open.context["ranking"] == []
    assert "Cy&#x27;s secret remark" in after_close and "3.50" in after_close
    assert [(row.nomination, row.mean) for group in ranking_after.context["ranking"] for row in group.rows] == [
        (team, Decimal("3.5"))]


def test_closed_round_takes_no_more_scores_through_the_form(client, jury):
    services.close_round(round=jury["round"], actor=None)

    response = as_juror(client, jury["ada"]).post(review_url(jury["round"], jury["ai_team"]), {"overall": "9"})

    assert response.status_code == 400  # refused by the service: the round is closed
    assert "is not open for reviews" in response.content.decode()  # and the juror is told why
    assert not Review.objects.exists()


def test_juror_declares_a_conflict_and_then_sees_no_scores_of_that_entry(client, jury):
    round, team = jury["round"], jury["ai_team"]
    services.submit_review(juror=jury["cy"], round=round, nomination=team, scores=Scores(overall=Decimal("6")),
                           comment="Cy's view")
    client = as_juror(client, jury["ada"])

    response = client.post(reverse("awards:jury-conflict", kwargs={"round_id": round.pk, "nomination_id": team.pk}),
                           {"reason": "My former student leads the team."})
    refused = client.post(review_url(round, team), {"overall": "9"})
    services.close_round(round=round, actor=None)
    after_close = client.get(review_url(round, team)).content.decode()
    ranking = client.get(reverse("awards:jury-round", kwargs={"round_id": round.pk})).context["ranking"]

    assert response.status_code == 302
    assert ConflictOfInterest.objects.get().juror == jury["ada"]
    assert refused.status_code == 400 and "conflict of interest" in refused.content.decode()
    assert list(Review.objects.values_list("juror__name", flat=True)) == ["Cy"]
    assert "Cy&#x27;s view" not in after_close
    assert [(row.mean, row.review_count) for group in ranking for row in group.rows] == [(None, 0)]


def test_conflict_with_another_jurors_entry_is_a_404(client, jury):
    round, team = jury["round"], jury["economy_team"]

    response = as_juror(client, jury["ada"]).post(
        reverse("awards:jury-conflict", kwargs={"round_id": round.pk, "nomination_id": team.pk}))

    assert response.status_code == 404
    assert not ConflictOfInterest.objects.exists()


def test_supporting_document_is_read_by_assigned_jurors_and_organizers_only(client, jury, admin_user):
    document = NominationDocument.objects.create(nomination=jury["ai_team"], title="Pilot report",
                                                 file=ContentFile(b"%PDF-1.4 pilot", name="pilot.pdf"))
    url = reverse("awards:jury-document", kwargs={"document_id": document.pk})

    assert client.get(url).status_code == 302  # a stranger: to the sign-in page
    assert as_juror(client, jury["bo"]).get(url).status_code == 404  # another track's juror
    ada = as_juror(client, jury["ada"]).get(url)
    assert (ada.status_code, b"".join(ada.streaming_content)) == (200, b"%PDF-1.4 pilot")
    services.declare_conflict(juror=jury["ada"], nomination=jury["ai_team"])
    assert client.get(url).status_code == 404  # conflicted now
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


def test_round_page_costs_the_same_queries_with_more_entries(client, jury, django_assert_max_num_queries):
    client = as_juror(client, jury["cy"])
    url = reverse("awards:jury-round", kwargs={"round_id": jury["round"].pk})
    with django_assert_max_num_queries(14):
        client.get(url)
    jury["round"].entries.add(*NominationFactory.create_batch(20, programme=jury["round"].programme))

    with django_assert_max_num_queries(14):
        response = client.get(url)

    assert len(response.context["entries"]) == 22


def test_assignments_page_counts_each_rounds_work_in_the_same_queries_with_more_rounds(
        client, jury, django_assert_max_num_queries):
    cy, round = jury["cy"], jury["round"]
    services.submit_review(juror=cy, round=round, nomination=jury["ai_team"], scores=Scores(overall=Decimal("7")))
    client = as_juror(client, cy)
    with django_assert_max_num_queries(10):  # the seats with their categories, criteria, rounds and entries
        first = client.get(reverse("awards:jury"))
    for stage in ("semi_final", "final"):  # two more opened rounds, and a seat on a second jury with one
        services.close_round(round=round, actor=None)
        round = ReviewRoundFactory(programme=round.programme, stage=stage, order=round.order + 1)
        round.entries.add(jury["ai_team"], jury["economy_team"])
        services.open_round(round=round, actor=None)
    services.declare_conflict(juror=cy, nomination=jury["economy_team"])
    other = JuryMemberFactory(user=cy.user, programme=NominationFactory().programme)
    services.open_round(round=ReviewRoundFactory(programme=other.programme), actor=None)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("awards:jury"))

    assert [(round.assigned, round.done) for round in first.context["seats"][0].programme.opened_rounds] == [(2, 1)]
    assert {seat.pk: [(round.stage, round.assigned, round.done) for round in seat.programme.opened_rounds]
            for seat in response.context["seats"]} == {
        cy.pk: [("selection", 2, 2), ("semi_final", 2, 1), ("final", 2, 1)],
        other.pk: [("selection", 1, 0)],
    }


def test_supporting_document_whose_file_is_gone_is_a_404(client, jury, admin_user):
    document = NominationDocument.objects.create(nomination=jury["ai_team"],
                                                 file=ContentFile(b"%PDF-1.4", name="lost.pdf"))
    document.file.storage.delete(document.file.name)
    client.force_login(admin_user)

    assert client.get(reverse("awards:jury-document", kwargs={"document_id": document.pk})).status_code == 404


def test_empty_score_form_says_what_is_missing(client, jury):
    response = as_juror(client, jury["ada"]).post(review_url(jury["round"], jury["ai_team"]), {})

    assert response.status_code == 400
    assert response.context["form"].errors["overall"] == ["This field is required."]
    assert not Review.objects.exists()


# --- Issue 14: means of unrounded scores, and entries eliminated in a round -------------------------------------


@pytest.fixture
def competition(django_user_model):
    """A competition's three rounds on one track, judged by Ada (whose account signs in) and Bo: Robot Doctors
    and Coffee Chain go through the preliminary round, Coffee Chain goes out in the semi-final; Bike Share goes
    out in the preliminary round."""
    track = AwardCategoryFactory(name="Digital economy", name_zh_hans="数字经济",
                                 programme__kind=ProgrammeKind.COMPETITION)
    programme = track.programme
    impact = ReviewCriterionFactory(programme=programme, name="Impact", weight=2)
    novelty = ReviewCriterionFactory(programme=programme, name="Novelty", weight=1)
    teams = {name: NominationFactory(programme=programme, category=track, nominee_name=name)
             for name in ("Robot Doctors", "Coffee Chain", "Bike Share")}
    ada = JuryMemberFactory(programme=programme, name="Ada",
                            user=django_user_model.objects.create_user(username="ada", password="juror-pass-2024"))
    bo = JuryMemberFactory(programme=programme, name="Bo")
    rounds = [ReviewRoundFactory(programme=programme, stage=stage, order=order, places_per_category=places)
              for order, (stage, places) in enumerate(
                  (("preliminary", 2), ("semi_final", 1), ("final", 1)), start=1)]
    # Each juror's (impact, novelty) by round and team: Ada's 9 and 9 make 9.00, Bo's 9 and 8 make 8.667.
    given = {
        "preliminary": {"Robot Doctors": [("9", "9"), ("9", "8")], "Coffee Chain": [("8", "8"), ("8", "8")],
                        "Bike Share": [("5", "5"), ("6", "6")]},
        "semi_final": {"Robot Doctors": [("9", "9"), ("9", "8")], "Coffee Chain": [("7", "7"), ("7", "7")]},
    }
    for round in rounds[:2]:
        services.open_round(round=round, actor=None)
        for name, scores in given[round.stage].items():
            for juror, (impact_score, novelty_score) in zip((ada, bo), scores, strict=True):
                services.submit_review(juror=juror, round=round, nomination=teams[name], scores=Scores(
                    by_criterion={impact.pk: Decimal(impact_score), novelty.pk: Decimal(novelty_score)}))
        services.close_round(round=round, actor=None)
        services.advance_top_entries(round=round, actor=None)
        round.refresh_from_db()
    return {"ada": ada, "rounds": rounds, **teams}


def _rows(html: str) -> dict[str, str]:
    """The ranking's rows by entry: the row's cells as text."""
    rows = re.findall(r"<tr><td>.*?</tr>", html, flags=re.DOTALL)
    found = {}
    for row in rows:
        cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        found[cells[1]] = " | ".join(cells)
    return found


def test_round_page_ranks_by_the_mean_of_unrounded_scores(client, competition):
    semi_final = competition["rounds"][1]

    html = as_juror(client, competition["ada"]).get(
        reverse("awards:jury-round", kwargs={"round_id": semi_final.pk})).content.decode()

    # Ada's 9.00 and Bo's 8.667 (shown 8.67): the mean is 8.83, not (9.00 + 8.67) / 2 = 8.835, shown 8.84.
    assert _rows(html)["Robot Doctors"].startswith("1 | Robot Doctors | 8.83 | 2")
    assert "8.84" not in html


def test_round_page_says_which_entries_went_on_and_which_were_eliminated(client, competition):
    client = as_juror(client, competition["ada"])
    preliminary, semi_final, _final = competition["rounds"]

    first = _rows(client.get(reverse("awards:jury-round", kwargs={"round_id": preliminary.pk})).content.decode())
    second = _rows(client.get(reverse("awards:jury-round", kwargs={"round_id": semi_final.pk})).content.decode())
    in_chinese = _rows(client.get(f"/zh-hans/jury/rounds/{semi_final.pk}/").content.decode())

    assert first["Robot Doctors"].endswith("Advanced to round 2 (semi-final)")
    assert first["Bike Share"].endswith("Eliminated in round 1 (preliminary round)")
    assert second["Robot Doctors"].endswith("Advanced to round 3 (final)")
    assert second["Coffee Chain"].endswith("Eliminated in round 2 (semi-final)")
    assert in_chinese["Coffee Chain"].endswith("第2轮（复赛）被淘汰")


def test_review_page_of_an_eliminated_entry_says_so(client, competition):
    semi_final = competition["rounds"][1]

    html = as_juror(client, competition["ada"]).get(
        review_url(semi_final, competition["Coffee Chain"])).content.decode()

    assert '<p class="outcome outcome-eliminated">Eliminated in round 2 (semi-final)</p>' in html
    assert '<h2 id="file">The entry</h2>' in html
