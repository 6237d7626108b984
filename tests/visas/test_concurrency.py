"""One live letter per registration, even when a guest's double click (or twenty tabs) posts the request at once:
on PostgreSQL, through the real HTTP stack."""

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from guests import links
from tests.factories.guests import GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory
from visas.models import VisaLetter

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TABS = 20
FORM = {"surname": "Odhiambo", "given_names": "Amina Njeri", "nationality": "KE", "sex": "F",
        "date_of_birth": "1980-03-14", "passport_expiry": "2030-01-31", "mission": "ke-nairobi",
        "arrival_date": "2024-11-18", "departure_date": "2024-11-22"}


def request_in_a_tab(url: str, number: int, opened: threading.Barrier) -> int:
    """A tab opened on the form (before any request is recorded, so each shows it), then submitted."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(url, timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    opened.wait(timeout=60)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **FORM,
                                   "passport_number": f"AK{number:07d}"}).encode()
    return opener.open(urllib.request.Request(url, data=data, headers={"Referer": url}), timeout=60).status


def test_twenty_simultaneous_requests_make_one_letter(on_postgres, live_server):
    guest = GuestFactory(full_name="Amina Njeri Odhiambo")
    registration = RegistrationFactory(summit=SummitFactory(year=2024), guest=guest)
    url = f"{live_server.url}/en/summits/2024/registration/{links.manage_token(registration)}/visa-letter/"

    opened = threading.Barrier(TABS)
    with ThreadPoolExecutor(max_workers=TABS) as pool:
        statuses = list(pool.map(lambda number: request_in_a_tab(url, number, opened), range(TABS)))

    assert statuses == [200] * TABS  # each tab lands on the letter's page, none on an error
    letters = VisaLetter.objects.filter(registration=registration)
    assert letters.count() == 1
    assert letters.get().reference == f"WIC2024-VL-{letters.get().pk:06d}"
