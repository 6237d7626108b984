import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from expo.models import Booth, ExhibitImage, Exhibitor
from tests.factories.expo import (
    BoothFactory,
    ExhibitFactory,
    ExhibitImageFactory,
    ExhibitorFactory,
    ExpoFactory,
    HallFactory,
)
from tests.factories.members import OrganizationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db


def test_booth_str_names_code_and_hall():
    booth = BoothFactory(code="A-12", hall=HallFactory(name="Hall 1"))

    assert str(booth) == "A-12 (Hall 1)"


def test_booth_given_twice_when_saved_directly_is_refused_by_the_database():
    booth = BoothFactory()
    ExhibitorFactory(booth=booth)

    with pytest.raises(IntegrityError), transaction.atomic():
        ExhibitorFactory(booth=booth)


def test_exhibitor_full_clean_when_booth_is_taken_names_the_holder():
    booth = BoothFactory(code="B-3", hall=HallFactory(name="Hall 2"))
    holder = ExhibitorFactory(booth=booth, organization__name="Huawei")
    newcomer = ExhibitorFactory.build(expo=holder.expo, organization=OrganizationFactory(), booth=booth)

    with pytest.raises(ValidationError) as refused:
        newcomer.full_clean()

    assert refused.value.message_dict["booth"] == [
        "Booth B-3 (Hall 2) is already given to Huawei; free it there first."
    ]


def test_exhibitor_full_clean_when_it_keeps_its_own_booth_passes():
    exhibitor = ExhibitorFactory(booth=BoothFactory())

    exhibitor.full_clean()


def test_exhibitor_full_clean_when_booth_is_in_another_expo_is_refused():
    other_expo = ExpoFactory(summit=SummitFactory(year=2023))
    booth = BoothFactory(code="C-1", hall=HallFactory(expo=other_expo, name="Hall 9"))
    exhibitor = ExhibitorFactory()
    exhibitor.booth = booth

    with pytest.raises(ValidationError) as refused:
        exhibitor.full_clean()

    assert refused.value.message_dict["booth"] == [
        "Booth C-1 (Hall 9) is in Light of the Internet Expo 2023, not in this exhibitor's expo."
    ]


def test_exhibitor_when_organization_exhibits_twice_at_one_expo_is_refused():
    first = ExhibitorFactory()
    second = Exhibitor(expo=first.expo, organization=first.organization)

    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert refused.value.messages == ["This organisation is already an exhibitor at this expo."]
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


@pytest.mark.parametrize("area", [Decimal("0"), Decimal("-4.50")])
def test_booth_when_area_is_not_positive_is_refused(area):
    booth = Booth(hall=HallFactory(), code="A-1", area_sqm=area)

    with pytest.raises(ValidationError) as refused:
        booth.full_clean()
    assert refused.value.messages == ["A booth's area must be more than 0 m²."]
    with pytest.raises(IntegrityError), transaction.atomic():
        booth.save()


def test_booth_when_a_side_is_zero_is_refused():
    booth = Booth(hall=HallFactory(), code="A-1", area_sqm=Decimal("9"), width_m=Decimal("3"), depth_m=Decimal("0"))

    with pytest.raises(ValidationError) as refused:
        booth.full_clean()
    assert refused.value.messages == ["A booth's width and depth, when given, must be more than 0 m."]


def test_booth_when_code_repeats_in_one_hall_is_refused_by_the_database():
    booth = BoothFactory(code="A-1")

    with pytest.raises(IntegrityError), transaction.atomic():
        BoothFactory(code="A-1", hall=booth.hall)


def test_expo_when_it_closes_before_opening_is_refused():
    expo = ExpoFactory.build(
        summit=SummitFactory(), opens_on=datetime.date(2024, 11, 19), closes_on=datetime.date(2024, 11, 18)
    )

    with pytest.raises(ValidationError) as refused:
        expo.full_clean()
    assert refused.value.messages == ["The expo cannot close before it opens."]
    with pytest.raises(IntegrityError), transaction.atomic():
        expo.save()


def test_expo_when_online_hall_closes_before_opening_is_refused():
    expo = ExpoFactory.build(
        summit=SummitFactory(),
        online_hall_open_from=datetime.date(2024, 11, 19),
        online_hall_open_until=datetime.date(2024, 11, 1),
    )

    with pytest.raises(ValidationError) as refused:
        expo.full_clean()
    assert refused.value.messages == ["The online hall cannot close before it opens."]


def test_exhibit_image_when_file_is_not_an_image_is_refused_by_full_clean():
    image = ExhibitImage(
        exhibit=ExhibitFactory(),
        image=SimpleUploadedFile("robot.png", b"this is text, not a picture", content_type="image/png"),
        alt_text="A robot",
    )

    with pytest.raises(ValidationError) as refused:
        image.full_clean()

    assert refused.value.message_dict == {"image": ["The file is not a valid image (JPEG, PNG, WebP or GIF)."]}


def test_exhibit_image_when_file_is_a_png_passes_full_clean():
    image = ExhibitImageFactory()

    image.full_clean()
    assert image.image.name.startswith("expo/exhibits/")
