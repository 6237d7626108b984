"""Admin building blocks every app uses: lost-edit protection, the audit trail, publication actions."""

import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from .admin_choices import CHOSEN_FILTER_VALUES, LabelledPickersMixin
from .audit_trail import field_changes
from .enums import AuditAction, EmailStatus, PublicationStatus
from .images import CheckedImageField
from .models import AuditEntry, OutgoingEmail
from .services.audit import record_audit
from .services.outbox import retry_email
from .services.publication import set_publication_status

CONCURRENCY_FIELD = "concurrency_token"
SHORT_ANSWER = 120  # characters of a mail server's answer in the outbox's list; the change page shows all of it


def _has_token(model) -> bool:
    return any(field.name == "updated_at" for field in model._meta.concrete_fields)


def _token(instance) -> str:
    updated_at = getattr(instance, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


class ConcurrencyTokenField(forms.CharField):
    """The ``updated_at`` a form was opened with. Never a change in itself: a row whose only difference is its token
    is not saved (an inline row nobody touched), and the audit trail never lists it."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data) -> bool:
        return False


class ConcurrencySafeForm(forms.ModelForm):
    """Refuses to save over a change made by someone else since this form was opened.

    The form carries the ``updated_at`` it was built from; if the row has moved on, the save is refused with a
    message naming who changed it and when, and nothing is overwritten. A form sent without its token (an old
    page, a script) is refused too: it cannot be checked. The admin's own form is always checked (it is always
    saved); an inline row only when it is to be saved, i.e. when it differs from the row as it is now.
    """

    concurrency_token = ConcurrencyTokenField()
    # Inline rows (concurrency_safe_form): checked only when they would be saved.
    check_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[CONCURRENCY_FIELD].initial = _token(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        model = type(self.instance)
        if self.instance.pk is None or not _has_token(model) or not (self.check_unchanged or self.has_changed()):
            return cleaned_data
        submitted = cleaned_data.get(CONCURRENCY_FIELD, "")
        if not submitted:
            raise ValidationError(
                _(
                    "This form was sent without the time it was opened, so it cannot be checked against changes "
                    "made since. Nothing was saved: open the page again and re-apply your changes."
                ),
                code="no_token",
            )
        rows = model._default_manager.filter(pk=self.instance.pk)
        if connection.in_atomic_block:
            rows = rows.select_for_update()  # the admin's transaction: a concurrent save waits for ours
        current = rows.values_list("updated_at", flat=True).first()
        if current is not None and current.isoformat() != submitted:
            last = AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(self.instance), object_id=str(self.instance.pk)
            ).first()
            who = str(last.actor) if last and last.actor else _("another organizer")
            raise ValidationError(
                _(
                    "%(who)s changed this %(what)s at %(when)s, after you opened this page. Nothing was saved, "
                    "so their changes are kept: open the page again and re-apply yours."
                ),
                code="stale",
                params={
                    "who": who,
                    "what": self.instance._meta.verbose_name,
                    "when": date_format(localtime(current), "DATETIME_FORMAT"),
                },
            )
        return cleaned_data


@functools.cache
def concurrency_safe_form(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """``form_class`` with the concurrency token, for the rows of an inline (checked only when they change)."""
    if issubclass(form_class, ConcurrencySafeForm):
        return form_class
    return type(f"ConcurrencySafe{form_class.__name__}", (ConcurrencySafeForm, form_class),
                {"check_unchanged": False, "__module__": form_class.__module__})


def _refused_as_stale(form) -> bool:
    return form.is_bound and any(error.code in {"stale", "no_token"} for error in form.non_field_errors().as_data())


def _with_token(fieldsets) -> list:
    fieldsets = list(fieldsets)
    if any(CONCURRENCY_FIELD in options.get("fields", ()) for _name, options in fieldsets):
        return fieldsets
    name, options = fieldsets[-1]
    return [*fieldsets[:-1], (name, {**options, "fields": (*options["fields"], CONCURRENCY_FIELD)})]


def _display(value) -> str:
    if isinstance(value, File):  # an upload: its name, never its bytes (an empty one cannot even be iterated)
        return value.name or ""
    if hasattr(value, "all"):
        return ", ".join(str(item) for item in value.all())
    if isinstance(value, list | tuple | set) or hasattr(value, "__iter__") and not isinstance(value, str):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def form_changes(form, *, with_values: bool = True) -> dict:
    """The changed fields of a bound form, as ``{field: [before, after]}`` (or field names only)."""
    changes = {}
    for name in form.changed_data:
        if name == CONCURRENCY_FIELD:
            continue
        if not with_values:
            changes[name] = None
            continue
        before = form.initial.get(name)
        field = form.fields.get(name)
        if field is not None and hasattr(field, "queryset") and before is not None:
            ids = before if isinstance(before, list | tuple) else [before]
            ids = [getattr(item, "pk", item) for item in ids]
            before = list(field.queryset.model._default_manager.filter(pk__in=ids))
        changes[name] = [_display(before)[:500], _display(form.cleaned_data.get(name))[:500]]
    return changes


class AuditedAdminMixin:
    """Records every add, change (with before/after values) and delete made in the admin, inlines included.

    Set ``audit_values = False`` on admins of personal data: the trail then names the fields changed but keeps
    no value and names the object by its id, and Django's own admin log (which stores the object's name) is not
    written, so erasing a guest leaves nothing behind.
    """

    form = ConcurrencySafeForm
    audit_values = True
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            return fieldsets  # a page to read: nothing is posted, and a read-only token would show as a field
        return _with_token(fieldsets)

    def get_formsets_with_inlines(self, request, obj=None):
        """Every inline's rows carry their own token: a row changed by someone else since the page was opened is
        refused on its row, and the whole page saves nothing (the admin saves only when every form is valid)."""
        for inline in self.get_inline_instances(request, obj):
            yield inline.get_formset(request, obj, form=concurrency_safe_form(inline.form)), inline

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(request, formsets, inline_instances, obj)
        for inline_admin_formset in inline_admin_formsets:
            if inline_admin_formset.has_change_permission:  # rows to edit: each renders its token, hidden
                inline_admin_formset.fieldsets = _with_token(inline_admin_formset.fieldsets)
        if any(_refused_as_stale(form) for formset in formsets if formset.is_bound for form in formset.forms):
            # The rows may be far down the page: say at its top why nothing was saved, and where to look.
            self.message_user(request, _(
                "Nothing was saved: rows of this page were changed by someone else after you opened it. Each is "
                "marked below with who changed it and when; open the page again and re-apply your changes."
            ), messages.ERROR)
        return inline_admin_formsets

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            # Only inline rows changed: the row itself is not written, so its token stays and the pages others have
            # open on it stay valid (each row changed in the inlines moved on, and is checked, on its own).
            return
        super().save_model(request, obj, form, change)
        action = AuditAction.CHANGED if change else AuditAction.CREATED
        self._audit(request, action, obj, form_changes(form, with_values=self.audit_values))

    def _audit(self, request, action, obj, changes=None):
        record_audit(
            actor=request.user, action=action, obj=obj, changes=changes, personal=not self.audit_values
        )

    def delete_model(self, request, obj):
        self._audit(request, AuditAction.DELETED, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit(request, AuditAction.DELETED, obj)
        super().delete_queryset(request, queryset)

    def history_view(self, request, object_id, extra_context=None):
        """The object's "History" button opens its audit trail, which has the values that changed."""
        content_type = ContentType.objects.get_for_model(self.model)
        url = reverse("admin:core_auditentry_changelist")
        return redirect(f"{url}?{urlencode({'content_type__id__exact': content_type.pk, 'object_id': object_id})}")

    def log_addition(self, request, obj, message):
        return super().log_addition(request, obj, message) if self.audit_values else None

    def log_change(self, request, obj, message):
        return super().log_change(request, obj, message) if self.audit_values else None

    def log_deletions(self, request, queryset):
        return super().log_deletions(request, queryset) if self.audit_values else None

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            obj = inline_form.instance
            if obj.pk is None or not inline_form.has_changed() or inline_form in formset.deleted_forms:
                continue
            is_new = obj in getattr(formset, "new_objects", [])
            action = AuditAction.CREATED if is_new else AuditAction.CHANGED
            self._audit(request, action, obj, form_changes(inline_form, with_values=self.audit_values))
        for obj in getattr(formset, "deleted_objects", []):
            self._audit(request, AuditAction.DELETED, obj)


class ReadOnlyAdminMixin:
    """Rows written by the application only (the audit trail, jurors' reviews): organizers read, never type."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DefaultedRelatedListFilter(admin.SimpleListFilter):
    """A list filter on a foreign key (``field_path``, e.g. "forum__summit") that opens on one related row, the
    ``default_choice``, rather than on every row; "All" (``?<field_path>__id__exact=all``) shows them all.

    Its parameter is the one Django's own filter on that field uses, so links and bookmarks keep working. A
    subclass gives ``field_path`` (and ``parameter_name`` to match, or use ``for_field``), ``title``,
    ``all_label``, ``choices_queryset()`` and ``default_choice()``. When the foreign key may be empty,
    ``none_label`` names the choice for rows without one.
    """

    ALL = "all"
    NONE = "none"
    field_path = ""
    all_label = _("All")
    none_label = None

    def __init__(self, request, params, model, model_admin):
        default = self.default_choice()
        self.default_value = str(default.pk) if default is not None else self.ALL
        super().__init__(request, params, model, model_admin)
        # The filters after this one (an edition's forums, say) narrow their choices to the row it stands on,
        # default included: ``chosen_filter_value``.
        request.__dict__.setdefault(CHOSEN_FILTER_VALUES, {})[self.parameter_name] = self.value()

    @classmethod
    def for_field(cls, field_path: str, **attrs):
        """The filter on ``field_path``: ``list_filter = [CurrentEditionFilter.for_field("forum__summit")]``."""
        name = "".join(part.title() for part in field_path.split("__")) + cls.__name__
        return type(name, (cls,), {"field_path": field_path, "parameter_name": f"{field_path}__id__exact", **attrs})

    def choices_queryset(self):
        raise NotImplementedError

    def default_choice(self):
        raise NotImplementedError

    def choice_label(self, row) -> str:
        return str(row)

    def lookups(self, request, model_admin):
        choices = [(str(row.pk), self.choice_label(row)) for row in self.choices_queryset()]
        if self.none_label:
            choices.append((self.NONE, self.none_label))
        return choices

    def value(self):
        value = super().value()
        return self.default_value if value in (None, "") else value

    def has_output(self):
        return True

    def choices(self, changelist):
        selected = self.value()
        counts = self.get_facet_queryset(changelist) if changelist.add_facets else None  # "Show counts"
        yield {"selected": selected == self.ALL, "display": self.all_label,
               "query_string": changelist.get_query_string({self.parameter_name: self.ALL})}
        for index, (lookup, title) in enumerate(self.lookup_choices):
            display = f"{title} ({counts[f'{index}__c']})" if counts is not None else title
            yield {"selected": selected == lookup, "display": display,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup})}

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL:
            return queryset
        if value == self.NONE and self.none_label:
            return queryset.filter(**{f"{self.field_path}__isnull": True})
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(**{f"{self.field_path}__pk": int(value)})


class DefaultedFiltersMixin:
    """Lets a ``DefaultedRelatedListFilter`` through the admin's lookup check: its parameter is the field's own
    (``forum__summit__id__exact``), which Django refuses for a relation of a relation unless the list filters name
    that very lookup, and a filter class names only its parameter."""

    def lookup_allowed(self, lookup, value, request=None):
        own = {item.parameter_name for item in self.get_list_filter(request)
               if isinstance(item, type) and issubclass(item, DefaultedRelatedListFilter)}
        return lookup in own or super().lookup_allowed(lookup, value, request)


class WicAdmin(DefaultedFiltersMixin, LabelledPickersMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Base admin for models without translated fields."""

    save_on_top = True


class WicTranslationAdmin(DefaultedFiltersMixin, LabelledPickersMixin, AuditedAdminMixin, TranslationAdmin):
    """Base admin for models with fields in English and Chinese."""

    save_on_top = True


class WicTabularInline(LabelledPickersMixin, TranslationTabularInline):
    extra = 0
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}


class WicStackedInline(LabelledPickersMixin, TranslationStackedInline):
    extra = 0
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}


class PublishableAdminMixin:
    """Publish and unpublish actions for content that the public sees only once published."""

    actions = ["publish_selected", "unpublish_selected"]

    @admin.action(description=_("Publish selected"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = set_publication_status(
            queryset=queryset, status=PublicationStatus.PUBLISHED, actor=request.user
        )
        self.message_user(request, ngettext("%d item published.", "%d items published.", count) % count)

    @admin.action(description=_("Unpublish selected"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = set_publication_status(queryset=queryset, status=PublicationStatus.DRAFT, actor=request.user)
        self.message_user(request, ngettext("%d item unpublished.", "%d items unpublished.", count) % count)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox as a mail server's queue: where each email stands, when it is tried next, and what the mail
    server last answered (its code and text) when it was not sent."""

    list_display = ["subject", "to", "status", "attempts", "next_attempt_at", "server_answer", "language",
                    "created_at", "sent_at"]
    list_filter = ["status", "language"]
    search_fields = ["to", "subject", "key"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutgoingEmail._meta.fields] + ["about"]
    exclude = ["content_type", "object_id"]
    actions = ["retry_failed"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("server's answer"), ordering="last_error")
    def server_answer(self, email):
        answer = email.last_error
        return answer if len(answer) <= SHORT_ANSWER else f"{answer[:SHORT_ANSWER - 1]}…"

    @admin.action(description=_("Send failed emails again"), permissions=["change"])
    def retry_failed(self, request, queryset):
        count = sum(retry_email(email=email) for email in queryset.filter(status=EmailStatus.FAILED))
        self.message_user(request, ngettext("%d email queued again.", "%d emails queued again.", count) % count,
                          messages.SUCCESS)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who changed what: each change as a row of the field's name, before and after, in Wuzhen time."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "changed_fields", "note"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "object_id", "actor__username", "note"]
    date_hierarchy = "at"
    list_select_related = ["actor", "content_type"]
    fields = ["at", "actor", "action", "content_type", "object_id", "object_repr", "note", "changes_table"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    @admin.display(description=_("fields changed"))
    def changed_fields(self, entry):
        return ", ".join(change.label for change in field_changes(entry)) or "—"

    @admin.display(description=_("changes"))
    def changes_table(self, entry):
        changes = field_changes(entry)
        if not changes:
            return "—"
        return format_html(
            '<table class="audit-changes"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table><p class="help">{}</p>',
            _("Field"), _("Before"), _("After"),
            format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
                             ((change.label, change.before, change.after) for change in changes)),
            _("Times are in Wuzhen time (China Standard Time, UTC+8)."),
        )
