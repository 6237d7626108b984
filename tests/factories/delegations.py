import datetime

import factory

from delegations.enums import DelegationKind, DelegationStatus, MemberStatus
from delegations.models import Delegation, DelegationMember

from .summits import SummitFactory


class DelegationFactory(factory.django.DjangoModelFactory):
    """An open delegation (its focal point invited) of the factories' 2024 edition, substitutions until the day
    before it starts."""

    class Meta:
        model = Delegation

    summit = factory.SubFactory(SummitFactory)
    name = factory.Sequence(lambda n: f"Ministry of Digital Affairs {n}")
    native_name = factory.Sequence(lambda n: f"数字事务部{n}")
    kind = DelegationKind.GOVERNMENT
    country = "KE"
    quota = 5
    substitution_deadline = factory.LazyAttribute(lambda d: d.summit.start_date - datetime.timedelta(days=1))
    focal_name = "Grace Wanjiru"
    focal_email = factory.Sequence(lambda n: f"focal{n}@example.org")
    focal_language = "en"
    status = DelegationStatus.OPEN


class DelegationMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Member {n}")
    title = "Adviser"
    status = MemberStatus.INVITED
