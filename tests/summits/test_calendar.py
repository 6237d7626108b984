"""Which edition is current, and what organizers open on, follow the calendar in Wuzhen, not the newest year: the
registration window in the admin, the home page on a fixed day, the admin's edition filter and the guests'
dashboard."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.clock import WUZHEN
from core.enums import PublicationStatus
from summits.models import Summit
from tests.admin_forms import errors_of
from tests.factories.expo import ExhibitFactory
from tests.factories.forums import ForumFactory, SessionFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

DRAFT = PublicationStatus.DRAFT


def wuzhen(*args) -> time_machine.travel:
    return time_machine.travel(datetime.datetime(*args, tzinfo=WUZHEN), tick=False)


def change_form_data(page) -> dict:
    """What the browser sends back from an admin change form left as it was shown (no inline row added)."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if getattr(field.widget, "input_type", "") == "file":  # the banner: none sent, none changed
            continue
        value = form[name].value()
        data[name] = "" if value is None else value.isoformat() if isinstance(value, datetime.date) else value
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
    return data


def heading(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


# --- The registration window in the admin --------------------------------------------------------------------------

@pytest.mark.parametrize(("opens", "closes", "field", "message"), [
    ((2024, 11, 10), (2024, 11, 1), "registration_opens", "Registration cannot open after it closes."),
    (None, (2024, 11, 25), "registration_closes", "Registration cannot close after the summit's last day."),
    ((2024, 11, 25), None, "registration_opens", "Registration cannot open after the summit's last day."),
])
def test_a_window_that_cannot_be_is_refused_on_its_field(opens, closes, field, message):
    summit = SummitFactory.build(year=2024, registration_opens=opens and datetime.date(*opens),
                                 registration_closes=closes and datetime.date(*closes))

    with pytest.raises(ValidationError) as refused:
        summit.full_clean(exclude=["venue"], validate_unique=False)

    assert refused.value.message_dict[field] == [message]


def test_organizers_set_the_window_in_the_editions_admin_and_see_where_registration_stands(admin_client):
    summit = SummitFactory(year=2024)
    url = reverse("admin:summits_summit_change", args=[summit.pk])
    page = admin_client.get(url)
    data = change_form_data(page)
    data.update(registration_opens="2024-09-01", registration_closes="2024-11-15")

    saved = admin_client.post(url, data)
    assert saved.status_code == 302, errors_of(saved)
    listed = admin_client.get(reverse("admin:summits_summit_changelist")).content.decode()

    assert 'name="registration_opens"' in page.content.decode()
    assert "from midnight Wuzhen time" in page.content.decode()
    assert saved.status_code == 302
    summit.refresh_from_db()
    assert (summit.registration_opens, summit.registration_closes) == (datetime.date(2024, 9, 1),
                                                                       datetime.date(2024, 11, 15))
    assert "<td class=\"field-registration\">Open</td>" in listed  # on the suite's day, 1 November 2024


# --- The current edition -----------------------------------------------------------------------------------------

def test_the_home_page_leads_with_the_edition_running_today_not_the_newest(client):
    SummitFactory(year=2024)
    SummitFactory(year=2025)  # published already, in November 2025

    with wuzhen(2024, 11, 20, 10, 0):
        html = client.get("/en/").content.decode()

    assert heading(html) == "2024 WIC Wuzhen Summit"
    assert 'href="/en/summits/2024/register/"' in html


def test_after_the_last_edition_ended_the_home_page_shows_it_as_the_archive_with_nothing_open(client):
    SummitFactory(year=2023)
    SummitFactory(year=2024)

    with wuzhen(2026, 12, 6, 10, 0):
        english = client.get("/en/").content.decode()
        chinese = client.get("/zh-hans/").content.decode()

    assert heading(english) == "2024 WIC Wuzhen Summit"
    assert "The 2024 WIC Wuzhen Summit ended on Nov. 21, 2024. The next edition will be announced here soon." \
        in english
    assert "2024年世界互联网大会乌镇峰会已于2024年11月21日闭幕。" in chinese
    assert "/register/" not in english and "/register/" not in chinese


# --- What organizers open on ---------------------------------------------------------------------------------------

@pytest.fixture
def editions():
    """2023 (over), 2024 (the next one on the suite's day, 1 November 2024), and a 2025 draft started early."""
    forums = {year: ForumFactory(summit=SummitFactory(year=year), title=f"Forum {year}") for year in (2023, 2024)}
    forums[2025] = ForumFactory(summit=SummitFactory(year=2025, status=DRAFT), title="Forum 2025")
    return forums


def listed_forums(response) -> set[str]:
    assert response.status_code == 200
    return {forum.title for forum in response.context["cl"].result_list}


def test_admin_lists_open_on_the_current_edition_not_on_the_newest_draft(admin_client, editions):
    forums = reverse("admin:forums_forum_changelist")

    by_default = admin_client.get(forums)
    every_edition = admin_client.get(forums, {"summit__id__exact": "all"})
    the_draft = admin_client.get(forums, {"summit__id__exact": editions[2025].summit_id})

    assert listed_forums(by_default) == {"Forum 2024"}
    assert listed_forums(every_edition) == {"Forum 2023", "Forum 2024", "Forum 2025"}
    assert listed_forums(the_draft) == {"Forum 2025"}
    choices = [choice["display"] for choice in by_default.context["cl"].filter_specs[0].choices(
        by_default.context["cl"])]
    assert choices == ["All editions", "2025 WIC Wuzhen Summit (draft)", "2024 WIC Wuzhen Summit",
                       "2023 WIC Wuzhen Summit"]
    assert 'href="?summit__id__exact=all"' in by_default.content.decode()


def test_once_the_published_editions_have_ended_organizers_open_on_the_draft_being_prepared(client, admin_user,
                                                                                            editions):
    with wuzhen(2024, 12, 6, 10, 0):
        client.force_login(admin_user)
        forums = client.get(reverse("admin:forums_forum_changelist"))
        sessions = client.get(reverse("admin:forums_session_changelist"))
        dashboard = client.get(reverse("admin:guests_registration_dashboard"))

    assert listed_forums(forums) == {"Forum 2025"}
    assert sessions.context["cl"].filter_specs[0].value() == str(editions[2025].summit_id)
    assert dashboard.context["summit"] == editions[2025].summit


@pytest.mark.parametrize("url", ["admin:forums_session_changelist", "admin:awards_review_changelist",
                                 "admin:expo_booth_changelist"])
def test_lists_filtered_through_a_relation_open_on_the_edition_and_take_any_other(admin_client, editions, url):
    by_default = admin_client.get(reverse(url))
    parameter = by_default.context["cl"].filter_specs[0].parameter_name
    every = admin_client.get(reverse(url), {parameter: "all"})
    draft = admin_client.get(reverse(url), {parameter: str(editions[2025].summit_id)})

    assert (by_default.status_code, every.status_code, draft.status_code) == (200, 200, 200)
    assert [response.context["cl"].filter_specs[0].value() for response in (by_default, every, draft)] == [
        str(editions[2024].summit_id), "all", str(editions[2025].summit_id)]


def test_the_edition_filter_shows_counts_when_asked(admin_client, editions):
    for forum in editions.values():
        SessionFactory(forum=forum)
    # A second session of 2024, an hour after the first: the same room at the same time is refused (PostgreSQL).
    SessionFactory(forum=editions[2024], start=editions[2024].start + datetime.timedelta(hours=1))

    response = admin_client.get(reverse("admin:forums_session_changelist"), {"_facets": "True"})

    cl = response.context["cl"]
    assert [choice["display"] for choice in cl.filter_specs[0].choices(cl)] == [
        "All editions", "2025 WIC Wuzhen Summit (draft) (1)", "2024 WIC Wuzhen Summit (2)",
        "2023 WIC Wuzhen Summit (1)"]


def test_the_guests_dashboard_opens_on_the_current_edition(admin_client, editions):
    dashboard = admin_client.get(reverse("admin:guests_registration_dashboard"))

    assert dashboard.context["summit"] == Summit.objects.get(year=2024)


def test_the_exhibits_list_opens_on_the_current_edition_too(admin_client, editions):
    """The exhibits came from every year mixed (204 in the demo) while the other expo lists opened on one."""
    for year in (2023, 2024):
        ExhibitFactory(exhibitor__expo__summit=editions[year].summit, title=f"Exhibit {year}")

    response = admin_client.get(reverse("admin:expo_exhibit_changelist"))

    assert {exhibit.title for exhibit in response.context["cl"].result_list} == {"Exhibit 2024"}
