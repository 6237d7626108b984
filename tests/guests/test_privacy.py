"""A guest's personal data (PIPL, GDPR): everything held exported as JSON, and erased from the whole database."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.validators import EmailValidator
from django.db.models import CharField, JSONField, Q, TextField
from django.urls import reverse

from core.enums import AuditAction, EmailStatus
from core.models import AuditEntry, OutgoingEmail
from core.services.audit import record_audit
from core.services.outbox import queue_email
from guests import services
from guests.enums import RegistrationStatus, SeatStatus
from guests.models import ForumChoice, Guest, Registration
from guests.selectors import forum_seat_counts
from guests.services import privacy
from reports import links as report_links
from reports.models import ReportSubscriber
from reports.services.subscriptions import subscribe
from tests.factories.forums import ForumFactory
from tests.factories.reports import ReportSubscriberFactory
from tests.factories.summits import SummitFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:guests_guest_changelist"
WANG = {
    "email": "wang.xiaoming@example.cn",
    "full_name": "Wang Xiaoming",
    "native_name": "王小明",
    "title": "秘书长",
    "organization_name": "中国互联网协会",
    "phone": "+86 571 8888 0000",
    "needs": "Wheelchair access, halal meals",
}


def register(forums, *, email, language="en", **fields):
    request = services.RegistrationRequest(
        email=email, full_name=fields.get("full_name", "Ada Lovelace"), native_name=fields.get("native_name", ""),
        title=fields.get("title", "Chief Scientist"),
        organization_name=fields.get("organization_name", "Analytical Engines"), category="industry_association",
        country="CN", phone=fields.get("phone", ""), participation="offline", language=language,
        forum_ids=tuple(forum.pk for forum in forums), needs=fields.get("needs", ""),
    )
    return services.register_guest(summit=forums[0].summit, request=request).registration


@pytest.fixture
def wang(admin_user):
    """A Chinese guest through the whole life cycle: registered, verified, accredited, checked in; the audit trail
    and Django's admin log name them, and another guest waits for a seat in the same full forum."""
    summit = SummitFactory(year=2024)
    full, roomy = ForumFactory(summit=summit, seat_quota=1), ForumFactory(summit=summit, seat_quota=50)
    registration = register([full, roomy], language="zh-hans", **WANG)
    other = register([full], email="ada@example.org")
    services.verify_registration(registration=registration)
    services.approve_registrations(registrations=Registration.objects.filter(pk=registration.pk), actor=admin_user)
    services.check_in(token=registration.badge_token)
    OutgoingEmail.objects.filter(key=f"registration:{registration.pk}:verification:1").update(
        status=EmailStatus.SENT, last_error=f"SMTPRecipientsRefused: {WANG['email']} greylisted"
    )
    guest = registration.guest
    record_audit(actor=admin_user, action=AuditAction.CHANGED, obj=guest,
                 changes={"full_name": ["Wang X.", WANG["full_name"]]})
    LogEntry.objects.create(
        user=admin_user, content_type=ContentType.objects.get_for_model(Registration), object_id=str(registration.pk),
        object_repr=str(registration)[:200], action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"name": "registration", "object": str(registration)}}]),
    )
    registration.refresh_from_db()
    return {"guest": guest, "registration": registration, "other": other, "forums": [full, roomy]}


def run_action(client, action: str, guests, **extra):
    return client.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [str(guest.pk) for guest in guests], **extra}
    )


def rows_mentioning(needle: str) -> list[str]:
    """Every row of every table that holds ``needle`` in a text or JSON column: the whole database is searched."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = model._meta.concrete_fields
        text = [field.name for field in fields if isinstance(field, CharField | TextField)]
        condition = Q()
        for name in text:
            condition |= Q(**{f"{name}__icontains": needle})
        if text and model._default_manager.filter(condition).exists():
            found.append(model._meta.label)
        for field in (field for field in fields if isinstance(field, JSONField)):
            values = model._default_manager.values_list(field.name, flat=True)
            if any(needle.lower() in json.dumps(value, ensure_ascii=False).lower() for value in values):
                found.append(f"{model._meta.label}.{field.name}")
    return found


def test_export_guest_holds_profile_registrations_check_ins_emails_and_audit(wang):
    guest, registration = wang["guest"], wang["registration"]
    full, roomy = wang["forums"]

    data = privacy.export_guest(guest=guest)

    assert data["guest"] | {"created_at": None, "updated_at": None} == {
        "id": guest.pk, "email": WANG["email"], "full_name": "Wang Xiaoming", "native_name": "王小明",
        "title": "秘书长", "organisation": "中国互联网协会", "category": "industry_association", "country": "CN",
        "phone": "+86 571 8888 0000", "language": "zh-hans", "created_at": None, "updated_at": None,
    }
    [exported] = data["registrations"]
    assert (exported["id"], exported["status"], exported["needs"], exported["checked_in_at"]) == (
        registration.pk, RegistrationStatus.CHECKED_IN, WANG["needs"], registration.checked_in_at)
    assert exported["summit"] == {"id": registration.summit_id, "year": 2024, "name": "2024 WIC Wuzhen Summit"}
    assert [(forum["id"], forum["seat_status"]) for forum in exported["forums"]] == [
        (full.pk, SeatStatus.SEATED), (roomy.pk, SeatStatus.SEATED)]
    assert data["check_ins"] == [{"registration": registration.pk, "summit": 2024, "at": registration.checked_in_at}]
    assert [(email["kind"], email["status"]) for email in data["emails"]] == [
        ("verification", EmailStatus.SENT), ("received", EmailStatus.QUEUED), ("approved", EmailStatus.QUEUED)]
    assert {email["to"] for email in data["emails"]} == {WANG["email"]}
    assert all(email["subject"] and email["body_text"] for email in data["emails"])
    assert [(entry["object_type"], entry["action"], entry["note"], entry["fields"]) for entry in data["audit_trail"]] \
        == [("registration", "action", "approved", []), ("guest", "changed", "", ["full_name"])]


def test_export_action_downloads_one_guest_as_json_with_chinese_intact(organizer_client, wang):
    response = run_action(organizer_client, "export_personal_data", [wang["guest"]])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="guest-{wang["guest"].pk}.json"'
    assert "王小明".encode() in response.content  # not \\u escapes
    data = json.loads(response.content)
    assert data["guest"]["email"] == WANG["email"]
    assert data["registrations"][0]["id"] == wang["registration"].pk
    assert [email["kind"] for email in data["emails"]] == ["verification", "received", "approved"]
    entry = AuditEntry.objects.get(note="exported")
    assert (entry.actor.username, entry.object_repr) == ("organizer", f"guest #{wang['guest'].pk}")


def test_export_action_refuses_more_than_one_guest(admin_client, wang):
    response = run_action(admin_client, "export_personal_data", [wang["guest"], wang["other"].guest])

    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Choose exactly one guest to export."]


def test_erase_action_asks_for_confirmation_first_and_erases_nothing_yet(admin_client, wang):
    response = run_action(admin_client, "erase_personal_data", [wang["guest"]])

    assert response.status_code == 200
    assert "admin/guests/guest/erase_confirmation.html" in [template.name for template in response.templates]
    content = response.content.decode()
    assert "Wang Xiaoming" in content and WANG["email"] in content
    assert '<input type="hidden" name="post" value="yes">' in content
    assert Guest.objects.get(pk=wang["guest"].pk).email == WANG["email"]


def test_erase_action_removes_the_guest_from_the_whole_database_and_keeps_the_seats(organizer_client, organizer,
                                                                                     wang):
    guest = wang["guest"]
    forum_ids = [forum.pk for forum in wang["forums"]]
    seats_before = forum_seat_counts(forum_ids)
    choices_before = list(ForumChoice.objects.order_by("pk").values_list("pk", "registration_id", "seat_status"))
    statuses_before = dict(Registration.objects.values_list("pk", "status"))
    assert set(rows_mentioning(WANG["email"])) == {"guests.Guest", "core.OutgoingEmail"}
    assert set(rows_mentioning("Wang Xiaoming")) >= {"guests.Guest", "core.AuditEntry", "core.AuditEntry.changes",
                                                     "admin.LogEntry"}
    assert set(rows_mentioning("王小明")) >= {"guests.Guest", "core.OutgoingEmail"}  # his emails greet him so

    response = run_action(organizer_client, "erase_personal_data", [guest], post="yes")

    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "The personal data of 1 guest was erased."]
    for value in WANG.values():
        assert rows_mentioning(value) == [], value
    guest.refresh_from_db()
    assert (guest.email, guest.full_name, guest.native_name, guest.title, guest.organization_name, guest.phone) == (
        f"erased-{guest.pk}@erased.invalid", "Erased guest", "", "", "", "")
    assert (guest.country.code, guest.category, guest.language) == ("CN", "industry_association", "zh-hans")
    assert forum_seat_counts(forum_ids) == seats_before
    assert list(ForumChoice.objects.order_by("pk").values_list("pk", "registration_id", "seat_status")) \
        == choices_before
    assert dict(Registration.objects.values_list("pk", "status")) == statuses_before
    entry = AuditEntry.objects.get(note="erased")
    assert (entry.actor, entry.action, entry.object_repr, entry.object_id) == (
        organizer, AuditAction.ACTION, f"guest #{guest.pk}", str(guest.pk))


def test_erase_guest_blanks_the_outbox_and_stops_unsent_emails(admin_user, wang):
    registration = wang["registration"]

    privacy.erase_guest(guest=wang["guest"], actor=admin_user)

    emails = OutgoingEmail.objects.filter(object_id=str(registration.pk)).order_by("pk")
    assert [(email.key.split(":")[2], email.status, email.last_error) for email in emails] == [
        ("verification", EmailStatus.SENT, "[erased]"),
        ("received", EmailStatus.FAILED, privacy.NOT_SENT_ERASED),
        ("approved", EmailStatus.FAILED, privacy.NOT_SENT_ERASED),
    ]
    assert {(email.to, email.subject, email.body_text, email.body_html) for email in emails} == {
        (privacy.erased_email(wang["guest"].pk), "[erased]", "[erased]", "[erased]")}
    log = LogEntry.objects.get(object_id=str(registration.pk))
    assert (log.object_repr, log.change_message) == (f"registration #{registration.pk}", "")


def test_erase_guest_leaves_other_guests_untouched(admin_user, wang):
    other = wang["other"]
    emails_before = list(OutgoingEmail.objects.filter(object_id=str(other.pk)).values_list("to", "subject", "status"))

    privacy.erase_guest(guest=wang["guest"], actor=admin_user)

    other.guest.refresh_from_db()
    assert (other.guest.email, other.guest.full_name) == ("ada@example.org", "Ada Lovelace")
    assert list(OutgoingEmail.objects.filter(object_id=str(other.pk)).values_list("to", "subject", "status")) \
        == emails_before
    assert emails_before and all(to == "ada@example.org" for to, _subject, _status in emails_before)


def test_erased_guest_still_opens_in_the_admin_with_a_valid_placeholder_address(admin_client, admin_user, wang):
    privacy.erase_guest(guest=wang["guest"], actor=admin_user)

    page = admin_client.get(reverse("admin:guests_guest_change", args=[wang["guest"].pk]))

    assert page.status_code == 200
    assert "Erased guest" in page.content.decode()
    EmailValidator()(Guest.objects.get(pk=wang["guest"].pk).email)  # raises if the placeholder were malformed


def test_erasure_covers_the_report_subscription_of_the_same_address(admin_user, wang):
    """Erasing a guest left their report subscription, which kept their address and went on emailing it."""
    guest = wang["guest"]
    mine = ReportSubscriberFactory(email=guest.email.upper())
    someone_elses = ReportSubscriberFactory(email="someone.else@example.org")

    exported = privacy.export_guest(guest=guest)
    privacy.erase_guest(guest=guest, actor=admin_user)

    assert [row["email"] for row in exported["report_subscriptions"]] == [mine.email]
    assert list(ReportSubscriber.objects.values_list("pk", flat=True)) == [someone_elses.pk]


def test_erasure_leaves_no_address_in_the_admin_log_or_the_headers_of_report_emails(admin_user, wang):
    """The admin log names a subscription by its address and outlived it; a report email's List-Unsubscribe
    header kept a working link to the subscription."""
    guest = wang["guest"]
    subscriber = subscribe(email=guest.email, language="zh-hans")
    unsubscribe = report_links.unsubscribe_url(subscriber)
    queue_email(key=f"report:1:subscriber:{subscriber.pk}", to=guest.email, subject="新报告", body_text="…",
                headers={"List-Unsubscribe": f"<{unsubscribe}>"})
    LogEntry.objects.create(
        user=admin_user, content_type=ContentType.objects.get_for_model(ReportSubscriber),
        object_id=str(subscriber.pk), object_repr=str(subscriber), action_flag=CHANGE, change_message="[]",
    )
    assert "admin.LogEntry" in rows_mentioning(WANG["email"])

    privacy.erase_guest(guest=guest, actor=admin_user)

    assert rows_mentioning(WANG["email"]) == []
    assert rows_mentioning(report_links.unsubscribe_token(subscriber)) == []
    assert LogEntry.objects.get(object_id=str(subscriber.pk), content_type__model="reportsubscriber").object_repr \
        == f"report subscriber #{subscriber.pk}"
