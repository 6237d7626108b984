"""The outsiders' side of issue 6 in chromium: the public forms (a competition entry, an exhibitor application, a
membership application) and a body's page pass axe in both languages, empty forms come back opening on their
errors; a juror signs in, scores an entry on each criterion and sees their score, nothing fetched elsewhere."""

from decimal import Decimal

import pytest
from django.utils import timezone

from awards import services as awards_services
from awards.enums import ProgrammeKind
from awards.models import Review
from summits.models import Summit
from tests.e2e.test_site_browser import LANGUAGES, foreign_requests, policy_violations
from tests.factories.awards import (
    AwardCategoryFactory,
    JuryMemberFactory,
    NominationFactory,
    OpenCallFactory,
    ReviewCriterionFactory,
    ReviewRoundFactory,
)
from tests.factories.expo import ExpoFactory
from tests.factories.members import BodyFactory
from tests.factories.summits import SummitFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def summit() -> Summit:
    """Next year's edition (19-21 November), ahead of the real today the browser lives in: its calls are open."""
    return SummitFactory(year=timezone.localdate().year + 1, status="published")


def errors_problems(page, axe, form_selector: str) -> list[str]:
    page.locator(f"{form_selector} button[type=submit]").first.click()
    page.wait_for_selector(".error-summary")
    problems = []
    if not page.evaluate("() => document.activeElement.matches('.error-summary')"):
        problems.append(f"{page.url}: the form's errors do not take the focus")
    if violations := axe(page):
        problems.append(violations)
    return problems


def test_public_forms_pass_axe_and_open_on_their_errors_in_both_languages(summit, live_server, page, axe):
    competition = OpenCallFactory(summit=summit, kind=ProgrammeKind.COMPETITION, slug="straight-to-wuzhen")
    AwardCategoryFactory(programme=competition, name="AI+ innovative applications")
    ExpoFactory(summit=summit)
    body = BodyFactory()
    forms = {
        f"/summits/{summit.year}/awards/{competition.slug}/nominate/": "form.site-form",
        f"/summits/{summit.year}/expo/apply/": "form.site-form",
        "/members/apply/": "form.site-form",
        f"/members/bodies/{body.slug}/": None,
        "/accounts/login/": "form.site-form",
    }
    foreign, blocked, problems = foreign_requests(page, live_server), policy_violations(page), []

    for language in LANGUAGES:
        for path, form in forms.items():
            url = f"{live_server.url}/{language}{path}"
            response = page.goto(url)
            if response.status != 200:
                problems.append(f"{url}: answered {response.status}")
                continue
            if page.locator("h1").count() != 1:
                problems.append(f"{url}: not one <h1>")
            if violations := axe(page):
                problems.append(violations)
            if form:
                problems.extend(errors_problems(page, axe, form))
    problems += [f"requests to another host: {sorted(set(foreign))}"] if foreign else []
    problems += [f"the Content-Security-Policy blocked: {blocked}"] if blocked else []

    assert not problems, "\n".join(problems)


def test_juror_signs_in_and_scores_an_entry_on_each_criterion(summit, live_server, page, axe, django_user_model,
                                                             artifacts):
    track = AwardCategoryFactory(programme__summit=summit, programme__name="Straight to Wuzhen",
                                 name="AI+ innovative applications")
    programme = track.programme
    impact = ReviewCriterionFactory(programme=programme, name="Innovation", weight=2)
    ReviewCriterionFactory(programme=programme, name="Social value", weight=1)
    entry = NominationFactory(programme=programme, category=track, nominee_name="Robot Doctors")
    NominationFactory(programme=programme, category=AwardCategoryFactory(programme=programme), nominee_name="Other")
    user = django_user_model.objects.create_user(username="juror", password="juror-pass-2024")
    JuryMemberFactory(programme=programme, user=user, name="Ada Juror").categories.set([track])
    awards_services.open_round(round=ReviewRoundFactory(programme=programme), actor=None)

    page.goto(f"{live_server.url}/zh-hans/jury/")
    page.fill("#id_username", "juror")
    page.fill("#id_password", "juror-pass-2024")
    page.locator("form.site-form button[type=submit]").click()
    page.wait_for_url("**/zh-hans/jury/")
    page.locator("table a").first.click()
    page.wait_for_url("**/zh-hans/jury/rounds/*/")
    assert page.locator("table a").all_inner_texts() == ["Robot Doctors"]  # the other track is not hers
    page.locator("table a").first.click()
    page.wait_for_url("**/zh-hans/jury/rounds/*/entries/*/")
    page.fill(f"#id_criterion_{impact.pk}", "9")
    page.locator("input[name^=criterion_]").nth(1).fill("6")
    page.fill("#id_comment", "有说服力的试点。")
    axe_before = axe(page)
    page.locator("form.site-form button[type=submit]").first.click()
    page.wait_for_selector(".messages")
    page.screenshot(path=artifacts / "jury-round-zh-hans.png", full_page=True)

    review = Review.objects.get()
    assert (review.nomination, review.score, review.comment) == (entry, Decimal("8.00"), "有说服力的试点。")
    assert "8.00" in page.locator("table").first.inner_text()
    assert not axe_before, axe_before
    assert not (violations := axe(page)), violations
