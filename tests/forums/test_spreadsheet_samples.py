"""The sample sheet of each list is made from the edition it is for and imports into it as it is (issue 18, round
3: the sample named a room, speakers and a time the demo edition did not have, and gave four errors)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums.models import Forum, Session, Speaker
from guests.models import Registration
from summits.models import Room
from summits.selectors import editions_newest_first, organizers_edition
from tests.spreadsheets import confirm_job, post_upload

pytestmark = pytest.mark.django_db

LISTS = {"forum": ("forums", Forum), "session": ("forums", Session), "speaker": ("forums", Speaker),
         "registration": ("guests", Registration)}


@pytest.mark.parametrize("model", sorted(LISTS))
@pytest.mark.parametrize(("language", "kind"), [("en", "xlsx"), ("zh-hans", "csv")])
def test_the_sample_sheet_of_the_demo_edition_imports_as_it_is(organizer_client, demo_edition, model, language,
                                                                kind):
    app, rows = LISTS[model]
    import_page = organizer_client.get(reverse(f"admin:{app}_{model}_import"), HTTP_ACCEPT_LANGUAGE=language)
    sample_url = reverse(f"admin:{app}_{model}_import_template")
    if model != "speaker":  # speakers belong to no one edition; the others' sample is the organizers' edition's
        edition = organizers_edition(list(editions_newest_first()))
        assert f"{sample_url}?language={language}&amp;format={kind}&amp;summit={edition.pk}" in \
            import_page.content.decode()
    sample = organizer_client.get(sample_url, {"language": language, "format": kind, "summit": demo_edition.pk})
    before = rows.objects.count()

    preview = post_upload(organizer_client, reverse(f"admin:{app}_{model}_import"), {
        "summit": demo_edition.pk, "file": SimpleUploadedFile(f"sample.{kind}", sample.content)},
        HTTP_ACCEPT_LANGUAGE=language)

    assert [row.errors for row in preview.context["outcome"].rows] == [[]]
    assert preview.context["counts"]["new"] == 1
    confirm_job(organizer_client, preview, HTTP_ACCEPT_LANGUAGE=language)
    assert rows.objects.count() == before + 1


def test_the_sessions_sample_names_a_real_forum_room_and_free_time(organizer_client, demo_edition):
    sample = organizer_client.get(reverse("admin:forums_session_import_template"),
                                  {"language": "zh-hans", "format": "csv", "summit": demo_edition.pk})

    headers, row = [line.split(",") for line in sample.content.decode("utf-8-sig").splitlines()]
    cells = dict(zip(headers, row, strict=True))
    assert Forum.objects.filter(summit=demo_edition, slug=cells["论坛"]).exists()
    assert Room.objects.get(name_zh_hans=cells["会议室"]).venue_id == demo_edition.venue_id
    assert cells["演讲嘉宾"] == "" and cells["类型"] == "主旨演讲"
