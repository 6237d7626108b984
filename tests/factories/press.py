import io

import factory
import pypdfium2
from django.core.files.base import ContentFile

from guests.enums import GuestCategory, RegistrationSource
from press.enums import AccreditationStatus, PressRole
from press.models import PressAccreditation

from .guests import GuestFactory, RegistrationFactory


def small_pdf() -> bytes:
    """A real one-page PDF, as pdfium writes it (a few hundred bytes)."""
    document = pypdfium2.PdfDocument.new()
    document.new_page(200, 200)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


class JournalistFactory(GuestFactory):
    category = GuestCategory.MEDIA
    title = "Correspondent"
    organization_name = "Xinhua News Agency"


class PressRegistrationFactory(RegistrationFactory):
    guest = factory.SubFactory(JournalistFactory)
    source = RegistrationSource.PRESS


class PressAccreditationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressAccreditation

    registration = factory.SubFactory(PressRegistrationFactory)
    media_outlet = "Xinhua News Agency"
    outlet_country = "CN"
    outlet_website = "https://www.xinhuanet.com/"
    role = PressRole.JOURNALIST
    press_card_number = "B11000123"
    press_card_authority = "National Press and Publication Administration"
    letter_of_assignment = factory.LazyFunction(lambda: ContentFile(small_pdf(), name="assignment.pdf"))
    status = AccreditationStatus.APPLIED
