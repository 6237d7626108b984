"""Organizers' work on registrations in the admin: filters, approve and reject, CSV export, each guest's emails."""

import codecs
import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.timezone import localtime

from core.enums import EmailStatus
from core.models import OutgoingEmail
from guests.emails import queue_guest_email
from guests.enums import GuestCategory, Participation, RegistrationStatus, SeatStatus
from guests.models import Registration
from tests.admin_forms import errors_of, management
from tests.factories.forums import ForumFactory
from tests.factories.guests import ForumChoiceFactory, GuestFactory, RegistrationFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:guests_registration_changelist"
CSV_HEADER = [
    "id", "status", "participation", "full name", "native name", "title", "organisation", "category",
    "country code", "country name", "email", "phone", "forums (seated)", "forums (waitlisted)", "created",
    "verified", "decided", "checked in",
]


def result_ids(response) -> set[int]:
    assert response.status_code == 200
    return {registration.pk for registration in response.context["cl"].result_list}


def filter_spec(response, parameter_name: str):
    return next(spec for spec in response.context["cl"].filter_specs
                if getattr(spec, "parameter_name", "") == parameter_name)


def run_action(client, action: str, registrations, **extra):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [str(registration.pk) for registration in registrations], **extra},
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def spread():
    """Registrations that differ in one respect each, across two editions and two forums."""
    summit, earlier = SummitFactory(year=2024), SummitFactory(year=2023)
    ai_forum, data_forum = ForumFactory.create_batch(2, summit=summit)
    old_forum = ForumFactory(summit=earlier)
    registrations = {
        "kenya": RegistrationFactory(summit=summit, guest=GuestFactory(country="KE")),
        "china_media": RegistrationFactory(
            summit=summit, guest=GuestFactory(country="CN", category=GuestCategory.MEDIA),
            status=RegistrationStatus.APPROVED,
        ),
        "online": RegistrationFactory(
            summit=summit, guest=GuestFactory(country="FR", category=GuestCategory.UNIVERSITY),
            participation=Participation.ONLINE, status=RegistrationStatus.VERIFIED,
        ),
        "earlier": RegistrationFactory(summit=earlier, guest=GuestFactory(country="CN"),
                                       status=RegistrationStatus.APPROVED),
    }
    ForumChoiceFactory(registration=registrations["kenya"], forum=ai_forum)
    ForumChoiceFactory(registration=registrations["china_media"], forum=ai_forum)
    ForumChoiceFactory(registration=registrations["china_media"], forum=data_forum)
    ForumChoiceFactory(registration=registrations["online"], forum=data_forum)
    ForumChoiceFactory(registration=registrations["earlier"], forum=old_forum)
    return {"summit": summit, "earlier_summit": earlier, "ai_forum": ai_forum, "data_forum": data_forum,
            "old_forum": old_forum, **registrations}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda s: {"status__exact": "approved"}, ["china_media"]),
        (lambda s: {"status__exact": "approved", "summit__id__exact": "all"}, ["china_media", "earlier"]),
        (lambda s: {"guest__country": "CN"}, ["china_media"]),
        (lambda s: {"guest__category__exact": "media"}, ["china_media"]),
        (lambda s: {"participation__exact": "online"}, ["online"]),
        (lambda s: {"summit__id__exact": s["earlier_summit"].pk}, ["earlier"]),
        (lambda s: {"forum": s["data_forum"].pk}, ["china_media", "online"]),
        (lambda s: {"summit__id__exact": s["summit"].pk, "forum": s["ai_forum"].pk}, ["kenya", "china_media"]),
        (lambda s: {}, ["kenya", "china_media", "online"]),  # the current edition's (the clock: 1 Nov 2024)
        (lambda s: {"summit__id__exact": "all"}, ["kenya", "china_media", "online", "earlier"]),
    ],
    ids=["status", "status-all-editions", "country", "category", "participation", "summit", "forum",
         "summit-and-forum", "none", "all-editions"],
)
def test_registration_filter_narrows_the_list_when_chosen(admin_client, spread, query, expected):
    response = admin_client.get(reverse(CHANGELIST), query(spread))

    assert result_ids(response) == {spread[name].pk for name in expected}


def test_forum_filter_lists_the_forums_of_the_filtered_summit_only(admin_client, spread):
    response = admin_client.get(reverse(CHANGELIST), {"summit__id__exact": spread["summit"].pk})

    forum_filter = filter_spec(response, "forum")
    assert forum_filter.lookup_choices == [
        (str(spread["ai_forum"].pk), spread["ai_forum"].title),
        (str(spread["data_forum"].pk), spread["data_forum"].title),
    ]


def test_forum_filter_lists_every_forum_with_its_year_when_no_summit_is_filtered(admin_client, spread):
    response = admin_client.get(reverse(CHANGELIST))

    forum_filter = filter_spec(response, "forum")
    assert [label for _pk, label in forum_filter.lookup_choices] == [
        f"{spread['ai_forum'].title} (2024)", f"{spread['data_forum'].title} (2024)",
        f"{spread['old_forum'].title} (2023)",
    ]


def test_country_filter_offers_only_the_countries_of_registered_guests(admin_client, spread):
    response = admin_client.get(reverse(CHANGELIST))

    country_filter = next(spec for spec in response.context["cl"].filter_specs
                          if getattr(spec, "field_path", "") == "guest__country")
    assert [code for code, _name in country_filter.lookup_choices(response.context["cl"])] == ["CN", "FR", "KE"]


def test_registration_changelist_shows_guest_columns_and_links_the_dashboard(admin_client):
    RegistrationFactory(guest=GuestFactory(full_name="Wang Xiaoming", native_name="王小明",
                                           organization_name="中国互联网协会", country="CN"))

    response = admin_client.get(reverse(CHANGELIST))

    content = response.content.decode()
    assert "Wang Xiaoming (王小明)" in content
    assert "中国互联网协会" in content
    assert reverse("admin:guests_registration_dashboard") in content


def test_approve_action_accredits_open_registrations_and_counts_the_skipped(admin_client):
    submitted = RegistrationFactory(status=RegistrationStatus.SUBMITTED)
    verified = RegistrationFactory(status=RegistrationStatus.VERIFIED)
    rejected = RegistrationFactory(status=RegistrationStatus.REJECTED)

    response = run_action(admin_client, "approve_selected", [submitted, verified, rejected])

    assert response.status_code == 302
    assert messages_of(response) == ["2 registrations accredited. 1 skipped: its status does not allow it."]
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {submitted.pk: "approved", verified.pk: "approved", rejected.pk: "rejected"}
    assert set(OutgoingEmail.objects.filter(key__endswith=":approved:1").values_list("object_id", flat=True)) == {
        str(submitted.pk), str(verified.pk)}


def test_reject_action_rejects_and_promotes_the_next_waitlisted_guest(admin_client):
    forum = ForumFactory(seat_quota=1)
    seated = ForumChoiceFactory(forum=forum, registration__summit=forum.summit,
                                registration__status=RegistrationStatus.VERIFIED)
    waiting = ForumChoiceFactory(forum=forum, registration__summit=forum.summit,
                                 seat_status=SeatStatus.WAITLISTED)

    response = run_action(admin_client, "reject_selected", [seated.registration])

    assert messages_of(response) == ["1 registration rejected."]
    seated.registration.refresh_from_db()
    waiting.refresh_from_db()
    assert seated.registration.status == RegistrationStatus.REJECTED
    assert waiting.seat_status == SeatStatus.SEATED


def test_reject_action_warns_when_nothing_could_change(admin_client):
    cancelled = RegistrationFactory(status=RegistrationStatus.CANCELLED)

    response = run_action(admin_client, "reject_selected", [cancelled])

    assert messages_of(response) == ["0 registrations rejected. 1 skipped: its status does not allow it."]
    cancelled.refresh_from_db()
    assert cancelled.status == RegistrationStatus.CANCELLED


def test_csv_export_writes_the_header_and_a_chinese_guest_for_excel(admin_client):
    summit = SummitFactory(year=2024)
    seated_forum = ForumFactory(summit=summit, title="Artificial Intelligence Forum")
    waiting_forum = ForumFactory(summit=summit, title="Data Forum")
    guest = GuestFactory(
        full_name="Wang Xiaoming", native_name="王小明", title="秘书长", organization_name="中国互联网协会",
        category=GuestCategory.INDUSTRY_ASSOCIATION, country="CN", email="wang@example.cn", phone="+86 571 8888",
    )
    registration = RegistrationFactory(guest=guest, summit=summit, status=RegistrationStatus.APPROVED)
    Registration.objects.filter(pk=registration.pk).update(verified_at=registration.created_at)
    registration.refresh_from_db()
    ForumChoiceFactory(registration=registration, forum=seated_forum)
    ForumChoiceFactory(registration=registration, forum=waiting_forum, seat_status=SeatStatus.WAITLISTED)

    response = run_action(admin_client, "export_csv", [registration])

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="registrations-')
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    created = localtime(registration.created_at).strftime("%Y-%m-%d %H:%M")
    assert rows == [
        CSV_HEADER,
        [
            str(registration.pk), "Accredited", "On site in Wuzhen", "Wang Xiaoming", "王小明", "秘书长",
            "中国互联网协会", "Industry association", "CN", "China", "wang@example.cn", "'+86 571 8888",
            "Artificial Intelligence Forum", "Data Forum", created, created, "", "",
        ],
    ]


@pytest.mark.parametrize("count", [2, 12])
def test_csv_export_reads_a_fixed_number_of_queries_whatever_the_rows(admin_client, django_assert_max_num_queries,
                                                                       count):
    registrations = [ForumChoiceFactory().registration for _ in range(count)]

    # Session, user, the changelist's filters and counts, then the registrations and their forum choices.
    with django_assert_max_num_queries(10):
        response = run_action(admin_client, "export_csv", registrations)

    assert len(response.content.decode("utf-8-sig").splitlines()) == count + 1


def email_about(registration, kind="approved", status=EmailStatus.QUEUED):
    email = queue_guest_email(registration=registration, kind=kind)
    OutgoingEmail.objects.filter(pk=email.pk).update(status=status)
    return email


def test_registration_page_lists_the_guests_emails_and_their_delivery_state(admin_client):
    registration = RegistrationFactory(status=RegistrationStatus.APPROVED)
    received = email_about(registration, "received", EmailStatus.SENT)
    approved = email_about(registration, "approved", EmailStatus.RETRY)
    other = email_about(RegistrationFactory(), "rejected")

    response = admin_client.get(reverse("admin:guests_registration_change", args=[registration.pk]))

    assert response.status_code == 200
    inline = next(formset for formset in response.context["inline_admin_formsets"]
                  if formset.formset.model is OutgoingEmail)
    assert [form.instance.pk for form in inline.formset.forms] == [received.pk, approved.pk]
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission
    content = response.content.decode()
    assert received.subject in content and approved.subject in content
    assert other.subject not in content
    assert "Waiting to retry" in content and "Sent" in content
    cells = " ".join(content.split())
    assert '<td class="field-kind"> <p>received</p> </td>' in cells
    assert '<td class="field-status"> <p>Waiting to retry</p> </td>' in cells


def change_form_data(registration, **fields) -> dict:
    return {
        "guest": str(registration.guest_id),
        "summit": str(registration.summit_id),
        "participation": registration.participation,
        "needs": registration.needs,
        "concurrency_token": registration.updated_at.isoformat(),
        **management("forum_choices", total=0),
        **management("core-outgoingemail-content_type-object_id", total=0),
        **fields,
    }


def test_registration_change_form_keeps_status_and_history_read_only(admin_client):
    registration = RegistrationFactory(status=RegistrationStatus.SUBMITTED)
    token = registration.badge_token

    response = admin_client.post(
        reverse("admin:guests_registration_change", args=[registration.pk]),
        change_form_data(registration, status="approved", needs="Vegetarian", badge_token="forged",
                         decided_at_0="2024-11-01", decided_at_1="10:00:00"),
    )

    assert response.status_code == 302, errors_of(response)
    registration.refresh_from_db()
    assert (registration.status, registration.needs, registration.badge_token, registration.decided_at) == (
        RegistrationStatus.SUBMITTED, "Vegetarian", token, None)


def test_registration_add_form_asks_when_the_guest_consented(admin_client):
    response = admin_client.get(reverse("admin:guests_registration_add"))

    form = response.context["adminform"].form
    assert "consented_at" in form.fields
    assert "status" not in form.fields


def test_organizer_approves_and_exports_registrations(organizer_client):
    registration = RegistrationFactory(status=RegistrationStatus.VERIFIED)

    approved = run_action(organizer_client, "approve_selected", [registration])
    exported = run_action(organizer_client, "export_csv", [registration])
    page = organizer_client.get(reverse("admin:guests_registration_change", args=[registration.pk]))

    assert messages_of(approved) == ["1 registration accredited."]
    assert exported.status_code == 200 and exported.content.startswith(codecs.BOM_UTF8)
    assert page.status_code == 200
    assert registration.guest.full_name in page.content.decode()
