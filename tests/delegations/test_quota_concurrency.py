"""20 additions at once to a delegation with a quota of 5, each in its own connection, on PostgreSQL: the
delegation's row lock lets exactly 5 in, and the 15 others are refused with the quota named."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from delegations import services
from delegations.enums import MemberStatus
from delegations.models import DelegationMember
from tests.factories.delegations import DelegationFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ADDITIONS, QUOTA = 20, 5


def test_20_simultaneous_additions_to_a_quota_of_5_let_exactly_5_in(on_postgres):
    delegation = DelegationFactory(quota=QUOTA)
    start = threading.Barrier(ADDITIONS)

    def add(number: int) -> str:
        try:
            start.wait()  # every thread asks at the same moment
            services.add_member(delegation=delegation, new=services.NewMember(
                full_name=f"Member {number}", email=f"member{number}@example.org"))
            return "added"
        except services.DelegationError as refusal:
            return refusal.messages[0]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=ADDITIONS) as pool:
        answers = list(pool.map(add, range(ADDITIONS)))

    assert answers.count("added") == QUOTA
    assert sorted(set(answers) - {"added"}) == ["This delegation's quota of 5 members is reached."]
    assert DelegationMember.objects.filter(delegation=delegation, status=MemberStatus.INVITED).count() == QUOTA
