"""The member directory: members by continent and country, its chart and tables, the WIC's bodies."""

import datetime
import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from members import selectors
from members.enums import BodyKind, MembershipStatus, MembershipType, ParticipantRole
from members.models import Membership
from members.services import wuzhen_today
from tests.factories.members import BodyFactory, BodyParticipantFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def member(country: str, name: str, **organization):
    return MembershipFactory(organization=OrganizationFactory(country=country, name=name, **organization))


def table_rows(html: str, table_class: str) -> list[tuple[str, str]]:
    table = re.search(rf'<table class="data-table {table_class}">(.*?)</table>', html, re.S).group(1)
    return re.findall(r'<tr><th scope="row">([^<]+)</th><td class="number">(\d+)</td></tr>', table)


@pytest.fixture
def members():
    """Five active members in three countries on two continents, and organisations that are not members."""
    member("CN", "Beijing Data Institute")
    member("CN", "Alibaba Cloud")
    member("JP", "Tokyo Network Lab")
    member("FR", "Paris Digital Forum", kind="think_tank", website="https://paris.example.org/")
    member("FR", "Lyon AI Centre")
    MembershipFactory(organization=OrganizationFactory(country="BR", name="Applicant Org"),
                      status=MembershipStatus.APPLIED)
    MembershipFactory(organization=OrganizationFactory(country="US", name="Former Org"), status=MembershipStatus.ENDED)
    OrganizationFactory(country="DE", name="Not A Member")


def test_directory_lists_active_members_by_continent_then_country(client, members):
    html = html_of(client.get("/en/members/"))

    assert '<html lang="en">' in html
    for name in ("Beijing Data Institute", "Alibaba Cloud", "Tokyo Network Lab", "Paris Digital Forum"):
        assert name in html
    for name in ("Applicant Org", "Former Org", "Not A Member"):
        assert name not in html
    listing = html[html.index('id="member-list"'):]
    asia, europe = listing.index('<h3 id="continent-AS">Asia'), listing.index('<h3 id="continent-EU">Europe')
    assert asia < listing.index("<h4>China</h4>") < listing.index("<h4>Japan</h4>") < europe
    assert europe < listing.index("<h4>France</h4>")
    assert listing.index("Alibaba Cloud") < listing.index("Beijing Data Institute")  # by name within a country
    assert listing.index("<h4>France</h4>") < listing.index("Lyon AI Centre") < listing.index("Paris Digital Forum")
    assert '<a href="https://paris.example.org/">Paris Digital Forum</a>' in html
    assert "Think tank" in html
    assert 'aria-current="page">Members</a>' in html


def test_directory_totals_and_tables_are_computed(client, members):
    html = html_of(client.get("/en/members/"))

    assert "5 members from 3 countries and regions on 2 continents" in html
    assert table_rows(html, "continent-table") == [("Asia", "3"), ("Europe", "2")]
    assert table_rows(html, "country-table") == [("China", "2"), ("France", "2"), ("Japan", "1")]


def test_directory_chart_has_one_bar_per_continent_and_no_style(client, members):
    html = html_of(client.get("/en/members/"))

    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="continent-chart-title"' in svg
    assert 'aria-describedby="continent-chart-desc"' in svg and '<title id="continent-chart-title">' in svg
    widths = [int(width) for width in re.findall(r'<rect class="bar"[^>]* width="(\d+)"', svg)]
    assert len(widths) == 2
    assert widths[0] > widths[1] > 0  # Asia (3) is longer than Europe (2)
    assert widths[1] == round(widths[0] * 2 / 3)
    assert re.findall(r"<text[^>]*>(\d+)</text>", svg) == ["3", "2"]
    assert "style=" not in html and "<style" not in html


def test_directory_filters_by_continent(client, members):
    html = html_of(client.get("/en/members/?continent=EU"))

    assert "Paris Digital Forum" in html and "Lyon AI Centre" in html
    assert "Beijing Data Institute" not in html and "Tokyo Network Lab" not in html
    assert '<option value="EU" selected>Europe</option>' in html
    assert '<label for="filter-continent">' in html
    assert "5 members from 3 countries and regions on 2 continents" in html  # the figures stay those of every member


@pytest.mark.parametrize("value", ["XX", "eu", "", "<script>", "AS' OR 1=1"])
def test_directory_invalid_continent_shows_every_member(client, members, value):
    html = html_of(client.get("/en/members/", {"continent": value}))

    assert "Paris Digital Forum" in html and "Beijing Data Institute" in html


def test_directory_continent_without_members_is_empty_not_an_error(client, members):
    html = html_of(client.get("/en/members/?continent=AN"))

    assert "No member to show." in html
    assert "Paris Digital Forum" not in html


def test_directory_in_chinese(client):
    MembershipFactory(organization=OrganizationFactory(country="CN", name="Cyberspace Institute",
                                                       name_zh_hans="网络空间研究院"))

    html = html_of(client.get("/zh-hans/members/"))

    assert '<html lang="zh-hans">' in html
    assert "网络空间研究院" in html
    assert "<h4>中国</h4>" in html


def test_directory_shows_a_logo_thumbnail_not_the_original(client):
    buffer = BytesIO()
    Image.new("RGB", (200, 100), "blue").save(buffer, format="PNG")
    organization = OrganizationFactory(name="Logo Org", logo=SimpleUploadedFile("logo.png", buffer.getvalue()))
    MembershipFactory(organization=organization)

    html = html_of(client.get("/en/members/"))

    image = re.search(r'<img src="([^"]+)" alt="Logo Org" width="64" height="32"', html)
    assert image and image.group(1).endswith(".webp") and "/thumbs/" in image.group(1)
    assert organization.logo.url not in html


def test_directory_lists_the_bodies_and_programmes(client):
    BodyFactory(name="AI Committee", description="Works on the governance of artificial intelligence.")
    BodyFactory(name="Think Tank Cooperation Program", kind=BodyKind.PROGRAMME)

    html = html_of(client.get("/en/members/"))

    assert "AI Committee" in html and "Works on the governance of artificial intelligence." in html
    assert "Think Tank Cooperation Program" in html and "Programme" in html
    assert "No member to show." in html


def test_directory_query_count_does_not_grow_with_the_members(client, django_assert_max_num_queries):
    for country in ("CN", "FR", "BR"):
        member(country, f"Small {country}")
    BodyFactory()
    with django_assert_max_num_queries(4):
        html_of(client.get("/en/members/"))
    for index, country in enumerate(["CN", "FR", "BR", "KE", "US", "AU"] * 5):
        member(country, f"Large {index}")
        BodyFactory()
    with django_assert_max_num_queries(4):
        html = html_of(client.get("/zh-hans/members/?continent=AF"))
    assert "33" in re.search(r'<p class="member-totals">(.*?)</p>', html, re.S).group(1)


def test_directory_second_request_is_served_from_the_cache(client, members, django_assert_num_queries):
    first = html_of(client.get("/en/members/"))

    with django_assert_num_queries(0):
        assert html_of(client.get("/en/members/")) == first


def test_directory_shows_a_membership_change_on_the_next_request(client, members):
    assert "Applicant Org" not in html_of(client.get("/en/members/"))

    applicant = Membership.objects.get(organization__name_en="Applicant Org")
    applicant.status = MembershipStatus.ACTIVE
    applicant.save()
    html = html_of(client.get("/en/members/"))

    assert "Applicant Org" in html
    assert "6 members from 4 countries and regions on 3 continents" in html


def test_directory_counts_members_by_membership_type_and_kind(client):
    MembershipFactory(organization=OrganizationFactory(country="CN", name="Institute A", kind="research"),
                      type=MembershipType.INSTITUTION)
    member("CN", "Enterprise B")
    member("FR", "Enterprise C")
    MembershipFactory(application=True, organization=OrganizationFactory(name="Applicant D"))

    html = html_of(client.get("/en/members/"))

    assert table_rows(html, "type-table") == [("Enterprise", "2"), ("Institution", "1")]
    assert table_rows(html, "kind-table") == [("Enterprise", "2"), ("Research institute", "1")]
    type_chart = re.search(r'<svg[^>]*aria-labelledby="type-chart-title".*?</svg>', html, re.S).group(0)
    assert re.findall(r"<text[^>]*>(\d+)</text>", type_chart) == ["2", "1"]


def test_directory_links_to_each_body_and_to_the_application_form(client):
    BodyFactory(name="AI Committee", slug="ai-committee")

    html = html_of(client.get("/en/members/"))

    assert '<h3><a href="/en/members/bodies/ai-committee/">AI Committee</a></h3>' in html
    assert 'href="/en/members/apply/"' in html


@pytest.fixture
def committee():
    """A committee with a chair and a member now, a member whose term ended, and one who joins next year."""
    today = wuzhen_today()
    body = BodyFactory(name="AI Committee", slug="ai-committee", description="Works on AI governance.")
    BodyParticipantFactory(body=body, person_name="Zhang Wei", role=ParticipantRole.MEMBER,
                           term_start=today - datetime.timedelta(days=100))
    BodyParticipantFactory(body=body, person_name="Yuki Tanaka", role=ParticipantRole.CHAIR, term_start=None,
                           term_end=today)
    BodyParticipantFactory(body=body, person_name="", organization=OrganizationFactory(name="Old Lab"),
                           role=ParticipantRole.MEMBER, term_start=today - datetime.timedelta(days=800),
                           term_end=today - datetime.timedelta(days=1))
    BodyParticipantFactory(body=body, person_name="Ana Lima", term_start=today + datetime.timedelta(days=365))
    BodyParticipantFactory(person_name="Elsewhere Person")  # in another body
    return body


def test_body_page_lists_current_then_past_participants(client, committee):
    html = html_of(client.get("/en/members/bodies/ai-committee/"))

    assert html.count("<h1") == 1 and "<h1>AI Committee</h1>" in html
    current = html[html.index('id="current-participants"'):html.index('id="upcoming-participants"')]
    upcoming = html[html.index('id="upcoming-participants"'):html.index('id="past-participants"')]
    past = html[html.index('id="past-participants"'):]
    assert current.index("Yuki Tanaka") < current.index("Zhang Wei")  # the chair first
    assert "Old Lab" not in current and "Ana Lima" not in current
    assert "Ana Lima" in upcoming
    assert "Old Lab" in past and "Zhang Wei" not in past
    assert "Elsewhere Person" not in html
    assert "style=" not in html


def test_body_roster_splits_on_the_date_asked(committee):
    today = wuzhen_today()

    roster = selectors.body_roster("ai-committee", on=today + datetime.timedelta(days=1))

    assert [str(participant) for participant in roster.current] == ["Zhang Wei"]
    assert [str(participant) for participant in roster.past] == ["Yuki Tanaka", "Old Lab"]
    assert [str(participant) for participant in roster.upcoming] == ["Ana Lima"]


def test_body_page_in_chinese(client, committee):
    committee.name_zh_hans = "人工智能专业委员会"
    committee.save()

    html = html_of(client.get("/zh-hans/members/bodies/ai-committee/"))

    assert '<html lang="zh-hans">' in html and "<h1>人工智能专业委员会</h1>" in html


def test_body_page_of_an_unknown_body_is_not_found(client):
    assert client.get("/en/members/bodies/no-such-body/").status_code == 404


def test_body_page_query_count_does_not_grow_with_the_participants(client, committee, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        html_of(client.get("/en/members/bodies/ai-committee/"))
    for index in range(20):
        BodyParticipantFactory(body=committee, person_name="", organization=OrganizationFactory(name=f"Org {index}"))
    with django_assert_max_num_queries(3):
        html = html_of(client.get("/zh-hans/members/bodies/ai-committee/"))
    assert html.count("class=\"participant-name\"") == 24
