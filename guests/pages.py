"""Sections the apps above guests add to a guest's own page (the press: the press conferences an accredited
journalist may attend), each rendered from the app's own template; guests never imports those apps."""

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Registration


@dataclass(frozen=True)
class PageSection:
    heading: str
    template: str
    context: dict = field(default_factory=dict)


# Each builder takes the registration and returns its sections (none for a registration it does not know).
SECTION_BUILDERS: list[Callable[[Registration], list[PageSection]]] = []


def register_page_sections(builder: Callable[[Registration], list[PageSection]]):
    """Add an app's sections to the guest's own page (a decorator), in its AppConfig.ready()."""
    SECTION_BUILDERS.append(builder)
    return builder


def page_sections(registration: Registration) -> list[PageSection]:
    return [section for builder in SECTION_BUILDERS for section in builder(registration)]
