"""Choices in the admin that tell themselves apart.

Every edition has an "Opening Ceremony" forum and a "Presentation of the award" session, so a row's own name
does not say which one it is. An app registers a **picker label** for such a model (``picker_label``, in its
``admin.py``): "2024 · Opening Ceremony · November 19 09:30 · Presentation of the award". It names the row
wherever an organizer picks one:

- in plain selects and in the selected option of an autocomplete (``LabelledPickersMixin``, a base of every
  admin and inline of ``core/admin.py``);
- in the autocomplete's search results (``PickerAutocompleteView``, served by ``WicAdminSite``, the project's admin
  site: ``core.apps.WicAdminConfig``);
- in the list filters on that model while no edition is chosen (``edition_filter``).

``edition_filter`` makes a list filter on an edition's rows (forums, programmes, halls...) offer only the rows of
the edition chosen in the list's edition filter, read from the querystring parameter it is given.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteMixin
from django.db import models


@dataclass(frozen=True)
class PickerLabel:
    label: Callable[[models.Model], str]
    related: tuple[str, ...]  # what the label reads, for select_related


_LABELS: dict[type[models.Model], PickerLabel] = {}


def picker_label(model: type[models.Model], *, related: tuple[str, ...] = ()):
    """Register the decorated function as the label of ``model``'s rows in the admin's pickers and filters."""
    def register(function: Callable[[models.Model], str]):
        _LABELS[model] = PickerLabel(function, related)
        return function
    return register


def label_of(obj: models.Model) -> str:
    """``obj`` as the admin's pickers name it: its picker label, else ``str(obj)``."""
    registered = _LABELS.get(type(obj)._meta.concrete_model)
    return registered.label(obj) if registered else str(obj)


def with_label_related(queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` with what its model's picker label reads, in the same query."""
    registered = _LABELS.get(queryset.model._meta.concrete_model)
    return queryset.select_related(*registered.related) if registered and registered.related else queryset


def _labelled(field):
    """A model choice field whose options are named by their picker label, read in the options' own query."""
    if field is None or not hasattr(field, "queryset") or field.queryset is None:
        return field
    if field.queryset.model._meta.concrete_model in _LABELS:
        field.queryset = with_label_related(field.queryset)  # also resets the widget's choices
        field.label_from_instance = label_of
        if isinstance(field.widget, AutocompleteMixin):
            field.widget.attrs.setdefault("data-width", "36em")  # room for the year, forum and time (select2's width)
    return field


class LabelledPickersMixin:
    """On every ModelAdmin and inline: foreign-key and many-to-many choices named by their picker label."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _labelled(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _labelled(super().formfield_for_manytomany(db_field, request, **kwargs))


class PickerAutocompleteView(AutocompleteJsonView):
    """The autocomplete's results, named by their picker label (one query per page of results)."""

    def get_queryset(self):
        return with_label_related(super().get_queryset())

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": label_of(obj)}


class WicAdminSite(admin.AdminSite):
    """Django's admin site, with autocomplete results that tell themselves apart."""

    def autocomplete_view(self, request):
        return PickerAutocompleteView.as_view(admin_site=self)(request)


CHOSEN_FILTER_VALUES = "_wic_chosen_filter_values"


def chosen_filter_value(request, parameter_name: str) -> str:
    """What the list's filter on ``parameter_name`` stands on: its default when the querystring names none."""
    chosen = request.__dict__.get(CHOSEN_FILTER_VALUES, {})
    return str(chosen.get(parameter_name) or request.GET.get(parameter_name, ""))


class EditionRelatedFilter(admin.RelatedFieldListFilter):
    """A filter on rows of an edition: those of the edition chosen in the list's edition filter only; while none is
    chosen, every edition's, newest first, each named by its picker label (which says its year)."""

    summit_parameter = "summit__id__exact"  # the querystring parameter of the list's edition filter
    summit_path = "summit"  # from the filtered model to its edition

    def field_choices(self, field, request, model_admin):
        rows = field.related_model._default_manager.all()
        # The edition filter's own choice, or the edition it opens on (core.admin, ``chosen_filter_value``).
        summit_id = chosen_filter_value(request, self.summit_parameter)
        if summit_id.isdigit():
            rows = rows.filter(**{self.summit_path: summit_id})
            return [(row.pk, str(row)) for row in rows]
        rows = with_label_related(rows).order_by(f"-{self.summit_path}__year", *field.related_model._meta.ordering)
        return [(row.pk, label_of(row)) for row in rows]


def edition_filter(*, summit_parameter: str, summit_path: str = "summit") -> type[EditionRelatedFilter]:
    """A list filter for ``list_filter = [(field, edition_filter(...))]``: ``summit_parameter`` is the querystring
    parameter of the list's edition filter (``forum__summit__id__exact`` for ``"forum__summit"``), ``summit_path``
    the way from the filtered model to its edition (``"summit"`` for a forum, ``"expo__summit"`` for a hall)."""
    return type("EditionRelatedFilter", (EditionRelatedFilter,),
                {"summit_parameter": summit_parameter, "summit_path": summit_path})
