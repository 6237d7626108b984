import factory

from partners import services
from partners.enums import WebhookEvent
from partners.keys import hash_api_key, new_raw_key
from partners.models import ApiKey, Webhook, WebhookDelivery


def issue_key(*, partner: str = "City Transit App", contact_email: str = "api@transit.example") -> tuple[ApiKey, str]:
    """A key as organizers issue it (through the service), with the raw key only the partner gets."""
    return services.issue_api_key(partner=partner, contact_email=contact_email, actor=None)


class ApiKeyFactory(factory.django.DjangoModelFactory):
    """A key whose raw value is lost, as it is for every key after it was issued."""

    class Meta:
        model = ApiKey

    class Params:
        raw_key = factory.LazyFunction(lambda: new_raw_key()[1])

    partner = factory.Sequence(lambda n: f"Partner {n}")
    contact_email = factory.Sequence(lambda n: f"api{n}@partner.example")
    prefix = factory.LazyAttribute(lambda key: key.raw_key.split("_")[1])
    key_hash = factory.LazyAttribute(lambda key: hash_api_key(key.raw_key))


class WebhookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webhook

    partner = factory.Sequence(lambda n: f"Partner {n}")
    url = "https://hooks.partner.example/wic"
    is_active = True


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    webhook = factory.SubFactory(WebhookFactory)
    event_type = WebhookEvent.PING
    payload = factory.LazyAttribute(lambda delivery: {
        "id": str(delivery.event_id), "type": delivery.event_type, "created_at": "2024-11-20T09:00:00+08:00",
        "data": {},
    })
    event_id = factory.Faker("uuid4", cast_to=None)
