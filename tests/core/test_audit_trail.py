"""The audit trail reads as changes, field by field: the field's name, before and after, in Wuzhen time."""

import datetime

import pytest
from django.urls import reverse
from lxml import html

from core.enums import AuditAction
from core.models import AuditEntry
from core.services.audit import record_audit
from tests.admin_forms import errors_of, form_on_page
from tests.factories.forums import ForumFactory, at
from tests.factories.guests import GuestFactory

pytestmark = pytest.mark.django_db


def changes_table(response) -> list[list[str]]:
    page = html.fromstring(response.content.decode())
    [table] = page.xpath("//table[@class='audit-changes']")
    return [[cell.text_content().strip() for cell in row.xpath("./th|./td")] for row in table.xpath(".//tr")]


def edit_forum_in_the_admin(client, forum):
    """Move the forum one day and an hour later and publish it, on its admin page."""
    url = reverse("admin:forums_forum_change", args=[forum.pk])
    page = form_on_page(client.get(url), "forum_form")
    page.update({"start_0": ["2024-11-20"], "start_1": ["10:00:00"], "end_0": ["2024-11-20"], "end_1": ["18:00:00"],
                 "status": ["published"]})
    response = client.post(url, page)
    assert response.status_code == 302, errors_of(response)
    return AuditEntry.objects.get(content_type__model="forum", object_id=str(forum.pk))


def test_an_entry_shows_each_change_with_its_fields_name_before_and_after_in_wuzhen_time(organizer_client):
    forum = ForumFactory(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 17), status="draft")
    entry = edit_forum_in_the_admin(organizer_client, forum)

    response = organizer_client.get(reverse("admin:core_auditentry_change", args=[entry.pk]))

    assert response.status_code == 200
    assert changes_table(response) == [
        ["Field", "Before", "After"],
        ["Starts", "Nov. 19, 2024, 9 a.m.", "Nov. 20, 2024, 10 a.m."],
        ["Ends", "Nov. 19, 2024, 5 p.m.", "Nov. 20, 2024, 6 p.m."],
        ["Publication status", "Draft", "Published"],
    ]
    assert "Times are in Wuzhen time" in response.content.decode()
    assert '"status"' not in response.content.decode()  # no raw JSON


def test_the_entry_reads_in_chinese_with_chinese_labels(organizer_client):
    forum = ForumFactory(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 17), status="draft")
    entry = edit_forum_in_the_admin(organizer_client, forum)
    organizer_client.cookies["django_language"] = "zh-hans"

    rows = changes_table(organizer_client.get(reverse("admin:core_auditentry_change", args=[entry.pk])))

    assert rows[0] == ["字段", "修改前", "修改后"]
    assert rows[3] == ["发布状态", "草稿", "已发布"]
    assert rows[1][1].startswith("2024年11月19日") and rows[1][2].startswith("2024年11月20日")


def test_the_list_names_the_fields_changed(organizer_client):
    forum = ForumFactory(start=at(2024, 11, 19, 9), end=at(2024, 11, 19, 17), status="draft")
    edit_forum_in_the_admin(organizer_client, forum)

    response = organizer_client.get(reverse("admin:core_auditentry_changelist"))

    assert "Starts, Ends, Publication status" in response.content.decode()


def test_dates_new_values_only_and_personal_fields_read_plainly(organizer_client, organizer):
    forum = ForumFactory()
    announced = datetime.datetime(2024, 11, 21, 2, 30, tzinfo=datetime.UTC)  # 10:30 in Wuzhen
    record_audit(actor=organizer, action=AuditAction.ACTION, obj=forum,
                 changes={"is_demo": ["False", "True"], "end": announced.isoformat()})
    guest = GuestFactory()
    record_audit(actor=organizer, action=AuditAction.ACTION, obj=guest, changes={"phone": None}, personal=True)

    forum_entry, guest_entry = (AuditEntry.objects.get(object_id=str(obj.pk), content_type__model=model)
                                for obj, model in ((forum, "forum"), (guest, "guest")))
    forum_rows = changes_table(organizer_client.get(reverse("admin:core_auditentry_change", args=[forum_entry.pk])))
    guest_rows = changes_table(organizer_client.get(reverse("admin:core_auditentry_change", args=[guest_entry.pk])))

    # In the model's field order, whatever order they were written in (PostgreSQL's jsonb keeps none).
    assert forum_rows[1:] == [["Ends", "not recorded", "Nov. 21, 2024, 10:30 a.m."], ["Demo data", "No", "Yes"]]
    assert guest_rows[1:] == [["Phone", "not kept", "not kept"]]
