import factory

from teams.models import ForumTeamMember

from .forums import ForumFactory
from .members import OrganizationFactory


class ForumTeamMemberFactory(factory.django.DjangoModelFactory):
    """A member of a forum's team, for the forum's host, with an account that signs in."""

    class Meta:
        model = ForumTeamMember

    forum = factory.SubFactory(ForumFactory, host=factory.SubFactory(OrganizationFactory))
    organization = factory.LazyAttribute(lambda member: member.forum.host)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"team{n}@host.example")
    user = factory.LazyAttribute(lambda member: _account(member.email))


def _account(email: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(email, email=email, password="Lantern-river-1923")
