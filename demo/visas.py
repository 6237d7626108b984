"""Load visa invitation letters for the upcoming edition: four made-up on-site guests (addresses at example.org)
who asked for one, two letters approved, one awaiting the visa desk and one revoked, so that the visa desk's list,
a guest's letter page, the PDF and the verification page can all be tried.

The letters' references are numbered from 900001, far from those ``visas.services.request_letter`` gives real
requests (the letter's id), so the demo never takes one a guest will need.
"""

import datetime

from guests.enums import GuestCategory, Participation, RegistrationSource, RegistrationStatus
from guests.models import Guest, Registration
from visas.enums import LetterStatus
from visas.models import VisaLetter

from .context import DemoContext, at

# (email, full name, native name, organisation, title, country, surname, given names, sex, mission, status, reason)
GUESTS = [
    ("visa-demo-amina@example.org", "Amina Njeri Odhiambo", "", "Kenya ICT Authority", "Director of Digital Policy",
     "KE", "ODHIAMBO", "Amina Njeri", "F", "ke-nairobi", LetterStatus.APPROVED, ""),
    ("visa-demo-joao@example.org", "João Pedro Silva Santos", "", "Brazilian Internet Steering Committee",
     "Adviser", "BR", "SILVA SANTOS", "Joao Pedro", "M", "br-sao-paulo", LetterStatus.APPROVED, ""),
    ("visa-demo-lena@example.org", "Lena Müller", "", "Fraunhofer Institute for Open Communication Systems",
     "Research Fellow", "DE", "MÜLLER", "Lena", "F", "de-berlin", LetterStatus.REQUESTED, ""),
    ("visa-demo-arjun@example.org", "Arjun Mehta", "", "Indian Institute of Technology Madras", "Professor",
     "IN", "MEHTA", "Arjun", "M", "in-new-delhi", LetterStatus.REVOKED,
     "The guest's organisation withdrew the registration."),
]


def load_visa_letters(ctx: DemoContext) -> None:
    for year, edition in ctx.editions.items():
        if not edition.live or edition.end < ctx.today:
            continue
        summit = ctx.summits[year]
        requested = at(edition.made_on, "09:00")
        for number, spec in enumerate(GUESTS, start=1):
            (email, full_name, native_name, organisation, title, country, surname, given_names, sex, mission,
             status, reason) = spec
            guest, _ = ctx.upsert(Guest, {"email": email}, {
                "full_name": full_name, "native_name": native_name, "title": title,
                "organization_name": organisation, "category": GuestCategory.RESEARCH_INSTITUTE
                if "Institut" in organisation else GuestCategory.GOVERNMENT, "country": country, "language": "en",
            })
            registration, _ = ctx.upsert(Registration, {"guest": guest, "summit": summit}, {
                "participation": Participation.OFFLINE, "status": RegistrationStatus.APPROVED,
                "source": RegistrationSource.PUBLIC_FORM, "consented_at": requested,
                "verified_at": requested, "decided_at": requested + datetime.timedelta(hours=2),
            })
            decided = requested + datetime.timedelta(hours=3) if status != LetterStatus.REQUESTED else None
            ctx.upsert(VisaLetter, {"reference": f"WIC{year}-VL-{900000 + number:06d}"}, {
                "registration": registration, "surname": surname, "given_names": given_names,
                "nationality": country, "sex": sex, "passport_number": f"DEMO{number:05d}",
                "passport_expiry": edition.start.replace(year=edition.start.year + 4),
                "date_of_birth": datetime.date(1970 + 3 * number, number, 10 + number), "mission": mission,
                "arrival_date": edition.start - datetime.timedelta(days=1),
                "departure_date": edition.end + datetime.timedelta(days=1),
                "status": status, "decision_reason": reason, "requested_at": requested, "decided_at": decided,
                "revoked_at": decided + datetime.timedelta(hours=3) if status == LetterStatus.REVOKED else None,
            })
