"""Every picker and filter of the admin tells its choices apart, on the demo's three editions (core/admin_choices.py).

Each edition has its "Opening Ceremony", its "Presentation of the award" and its "Digital Economy" track: named by
their own title only, four ceremony sessions read the same in the programme's picker.
"""

import re
from collections import Counter
from html import unescape

import pytest
from django import forms
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from awards.models import AwardProgramme
from forums.models import Forum, Session
from summits.models import Summit
from tests.demo_data import DEMO_LIVE_YEAR

SELECTED = re.compile(r'<select name="ceremony_session".*?<option value="\d+" selected>(.*?)</option>', re.S)


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, demo_loader):
    with django_db_blocker.unblock(), transaction.atomic():
        demo_loader()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    return None


def as_organizer(organizer, **query):
    request = RequestFactory().get("/", query)
    request.user = organizer
    return request


def test_each_programmes_ceremony_session_is_named_with_its_year_forum_and_time(demo, organizer_client):
    labels = {}
    for programme in AwardProgramme.objects.filter(ceremony_session__isnull=False).select_related("summit"):
        page = organizer_client.get(reverse("admin:awards_awardprogramme_change", args=[programme.pk]))
        labels[programme.pk] = unescape(SELECTED.search(page.content.decode()).group(1))
        assert labels[programme.pk].startswith(f"{programme.summit.year} · ")

    assert len(labels) == AwardProgramme.objects.filter(ceremony_session__isnull=False).count() >= 11
    assert len(set(labels.values())) == len(labels)
    assert "2024 · World Internet Conference Outstanding Contribution Award Ceremony · November 19 16:00 · " \
           "Presentation of the award" in labels.values()


def test_the_autocomplete_names_its_results_the_same_way_in_one_query(demo, organizer_client,
                                                                      django_assert_max_num_queries):
    with django_assert_max_num_queries(6):  # session, user, permissions, the page of results and its count
        answer = organizer_client.get(reverse("admin:autocomplete"), {
            "app_label": "awards", "model_name": "awardprogramme", "field_name": "ceremony_session",
            "term": "Presentation of the award",
        }).json()

    texts = [result["text"] for result in answer["results"]]
    assert len(texts) == Session.objects.filter(title_en="Presentation of the award").count() >= 3
    assert len(set(texts)) == len(texts) and {text[:4] for text in texts} == {"2023", "2024", str(DEMO_LIVE_YEAR)}


def test_no_picker_of_any_admin_form_offers_two_choices_with_the_same_label(demo, organizer):
    request = as_organizer(organizer)
    repeated = {}
    for model_admin in admin.site._registry.values():
        if not model_admin.has_add_permission(request):
            continue
        forms_to_check = [model_admin.get_form(request)]
        forms_to_check += [inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)]
        for form in forms_to_check:
            for name, field in form.base_fields.items():
                if isinstance(field, forms.ModelChoiceField):
                    counts = Counter(field.label_from_instance(row) for row in field.queryset)
                    twice = [label for label, count in counts.items() if count > 1]
                    if twice:
                        repeated[f"{form.__name__}.{name}"] = twice[:3]

    assert repeated == {}


def test_no_list_filter_offers_two_choices_with_the_same_label(demo, organizer):
    repeated = {}
    for model, model_admin in admin.site._registry.items():
        request = as_organizer(organizer)
        if not model_admin.has_view_permission(request):
            continue
        for spec in model_admin.get_changelist_instance(request).filter_specs:
            choices = getattr(spec, "lookup_choices", None)
            if isinstance(choices, list):
                counts = Counter(str(label) for _value, label in choices)
                twice = [label for label, count in counts.items() if count > 1]
                if twice:
                    repeated[f"{model.__name__}: {spec.title}"] = twice[:3]

    assert repeated == {}


@pytest.mark.parametrize(("admin_of", "summit_parameter", "filter_title", "rows_of"), [
    (Session, "forum__summit__id__exact", "forum", lambda summit: Forum.objects.filter(summit=summit)),
    (Forum, "summit__id__exact", "theme group", lambda summit: summit.theme_groups.all()),
])
def test_with_an_edition_chosen_the_forum_filter_lists_that_editions_forums_only(
    demo, organizer, admin_of, summit_parameter, filter_title, rows_of,
):
    summit = Summit.objects.get(year=2023)
    model_admin = admin.site._registry[admin_of]

    every = model_admin.get_changelist_instance(as_organizer(organizer, **{summit_parameter: "all"})).filter_specs
    chosen = model_admin.get_changelist_instance(as_organizer(organizer, **{summit_parameter: summit.pk})).filter_specs
    # No edition in the address: the list opens on the organizers' edition (2024, coming next on the suite's day),
    # and the forum filter follows it.
    default = model_admin.get_changelist_instance(as_organizer(organizer)).filter_specs

    [every_filter] = [spec for spec in every if spec.title == filter_title]
    [chosen_filter] = [spec for spec in chosen if spec.title == filter_title]
    [default_filter] = [spec for spec in default if spec.title == filter_title]
    assert sorted(pk for pk, _label in chosen_filter.lookup_choices) == sorted(rows_of(summit).values_list("pk",
                                                                                                           flat=True))
    assert sorted(pk for pk, _label in default_filter.lookup_choices) == sorted(
        rows_of(Summit.objects.get(year=2024)).values_list("pk", flat=True))
    assert {label[:7] for _pk, label in every_filter.lookup_choices} == {
        "2022 · ", "2023 · ", "2024 · ", f"{DEMO_LIVE_YEAR} · "}
    assert every_filter.lookup_choices[0][1].startswith(f"{DEMO_LIVE_YEAR} · ")  # the newest edition first


def test_the_sessions_list_filtered_by_edition_and_forum_over_http(demo, organizer_client):
    summit = Summit.objects.get(year=2022)
    forum = Forum.objects.filter(summit=summit).first()

    response = organizer_client.get(reverse("admin:forums_session_changelist"),
                                    {"forum__summit__id__exact": summit.pk, "forum__id__exact": forum.pk})

    assert response.status_code == 200
    assert {session.forum_id for session in response.context["cl"].result_list} == {forum.pk}
    forum_filter = next(spec for spec in response.context["cl"].filter_specs if spec.title == "forum")
    assert len(forum_filter.lookup_choices) == Forum.objects.filter(summit=summit).count()
