"""An edition's days are written as each language writes a span: Chinese joins with 至 and names the year and month
once, English names the month and year once."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories.summits import SummitFactory


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("en", "Nov. 19–21, 2024"), ("zh-hans", "2024年11月19日至21日")])
def test_the_registration_page_gives_the_editions_days_in_the_visitors_language(client, language, expected):
    SummitFactory(year=2024)

    response = client.get(f"/{language}/summits/2024/register/")

    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize(("start", "end", "english", "chinese"), [
    (datetime.date(2027, 11, 30), datetime.date(2027, 12, 2), "Nov. 30 – Dec. 2, 2027", "2027年11月30日至12月2日"),
    (datetime.date(2026, 12, 30), datetime.date(2027, 1, 2), "Dec. 30, 2026 – Jan. 2, 2027",
     "2026年12月30日至2027年1月2日"),
    (datetime.date(2027, 1, 5), datetime.date(2027, 1, 5), "Jan. 5, 2027", "2027年1月5日"),
])
def test_spans_across_months_and_years_and_a_single_day(start, end, english, chinese):
    template = Template("{% load dates %}{{ start|date_range:end }}")
    rendered = {}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            rendered[language] = template.render(Context({"start": start, "end": end}))
    assert rendered == {"en": english, "zh-hans": chinese}
