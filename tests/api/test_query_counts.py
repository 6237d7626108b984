"""Each list and change list runs a fixed, small number of queries on the demo's three editions."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.http import local_renders

pytestmark = pytest.mark.django_db

# endpoint (with the expansions a partner would ask for) -> most queries allowed
BUDGETS = {
    "/api/v1/summits/": 2,
    "/api/v1/forums/?expand=": 3,
    "/api/v1/sessions/?expand=speakers,room,forum": 5,  # with one for the interpretation channels
    "/api/v1/speakers/": 2,
    "/api/v1/rooms/": 2,
    "/api/v1/award-programmes/": 3,
    "/api/v1/laureates/": 2,
    "/api/v1/exhibitors/": 2,
    "/api/v1/exhibits/": 3,
    "/api/v1/members/": 2,
    "/api/v1/reports/": 2,
}


def count_queries(api, url) -> tuple[int, int]:
    cache.clear()
    local_renders.clear()
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries), len(response.json()["results"])


def test_every_list_and_change_list_runs_a_fixed_number_of_queries(api, demo_loader):
    demo_loader()

    for url, budget in BUDGETS.items():
        separator = "&" if "?" in url else "?"
        listed, rows = count_queries(api, f"{url}{separator}page_size=200")
        changed, _ = count_queries(api, f"{url}{separator}page_size=200&updated_since=2000-01-01T00:00:00Z")
        assert rows > 0, url
        assert listed <= budget, (url, listed)
        # The change list adds the hidden rows and the tombstones: two queries.
        assert changed <= budget + 2, (url, changed)
