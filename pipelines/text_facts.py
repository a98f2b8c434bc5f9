"""Facts read in running text: a record's field that holds a sentence, or its description when
the field is empty.

Two uses, one rule — **one value or none**:

* a field that holds a sentence ("Die Ferienspiele beginnen jeweils um 9.30 Uhr und gehen bis
  16.30 Uhr" in a time field) is read by the kind's finder when the strict parser gives up, and
  the value is taken when the sentence holds exactly one of its kind;
* when a record leaves a field empty, its description (and title, for ages) is read sentence
  by sentence; a value is taken only when the whole text agrees on one ("vom 14. bis 18. Juli"
  said once, or twice alike). Two different date ranges, two price sentences or two age
  ranges are left alone: a wrong value is worse than none. Sentences about registering
  ("Anmeldung ab 1. Juni") give the registration period and never the offer's dates.

The normaliser marks such values in ``provenance.from_text`` and counts them per source run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from pipelines.parsers.ages import AgeSpec
from pipelines.parsers.ages_in_text import find_ages
from pipelines.parsers.dates import DateSpec
from pipelines.parsers.dates_in_text import find_dates
from pipelines.parsers.holidays import SchoolHolidays
from pipelines.parsers.hours import OpeningHours
from pipelines.parsers.hours_in_text import find_hours
from pipelines.parsers.phones_in_text import find_phones
from pipelines.parsers.places import Places
from pipelines.parsers.places_in_text import find_places
from pipelines.parsers.prices import PriceInfo
from pipelines.parsers.prices_in_text import find_prices
from pipelines.parsers.registration_in_text import Registration, find_registration
from pipelines.parsers.text import sentences
from pipelines.parsers.times import TimeSpan
from pipelines.parsers.times_in_text import find_times

MAX_TEXT_CHARS = 6000
"""Descriptions are read up to here: the facts of an offer stand at its beginning, and a
20,000-character text must not cost more than its first screenful."""


# -- one value of a kind from one sentence (a field that holds a sentence)


def one_date(text: str, *, reference: date, holidays: SchoolHolidays | None) -> DateSpec | None:
    specs = [s for s in find_dates(text, reference=reference, holidays=holidays) if _concrete(s)]
    return specs[0] if len(set(specs)) == 1 else None


def one_time(text: str) -> TimeSpan | None:
    spans = find_times(text)
    full = [s for s in spans if s.start is not None and s.end is not None]
    if len(set(full)) == 1 and len(spans) == len(full):
        return full[0]
    if len(spans) == 1 and spans[0].start is not None:  # "Beginn: 15 Uhr"
        return spans[0]
    return None


def one_age(text: str) -> AgeSpec | None:
    specs = find_ages(text)
    return specs[0] if len(set(specs)) == 1 else None


def one_phone(text: str) -> str | None:
    phones = find_phones(text)
    return phones[0] if len(phones) == 1 else None


def one_price(text: str) -> PriceInfo | None:
    info = find_prices(text)
    return info if info is not None and (info.prices or info.is_free is not None) else None


def one_places(text: str) -> Places | None:
    return find_places(text)


def one_hours(text: str) -> OpeningHours | None:
    return find_hours(text)


def one_registration(text: str, *, reference: date) -> Registration | None:
    """A registration field: the text is about registering, whatever its words."""
    return find_registration(text, reference=reference, about_registration=True)


def _inside(day: DateSpec, holiday: DateSpec) -> bool:
    if holiday.start is None or holiday.end is None or day.start is None:
        return False
    return holiday.start <= day.start and (day.end or day.start) <= holiday.end


def _concrete(spec: DateSpec) -> bool:
    """A date value that says when: days, a range, a start, or a weekly rule."""
    return spec.start is not None or spec.end is not None or bool(spec.weekdays)


# -- the description, when a field is empty


@dataclass
class DescriptionFacts:
    """What a description says, read once per record and only when a field asks for it."""

    text: str
    title: str
    reference: date
    holidays: SchoolHolidays | None

    @cached_property
    def _sentences(self) -> list[str]:
        return sentences(self.text[:MAX_TEXT_CHARS]) if self.text else []

    @cached_property
    def _registration_sentences(self) -> dict[int, Registration]:
        found: dict[int, Registration] = {}
        for i, sentence in enumerate(self._sentences):
            registration = find_registration(sentence, reference=self.reference)
            if registration is not None:
                found[i] = registration
        return found

    @cached_property
    def registration(self) -> Registration | None:
        """The first sentence that says when registration opens or closes."""
        values = list(self._registration_sentences.values())
        return values[0] if values else None

    def _offer_sentences(self) -> list[str]:
        return [s for i, s in enumerate(self._sentences) if i not in self._registration_sentences]

    @cached_property
    def dates(self) -> DateSpec | None:
        specs = [
            spec
            for sentence in self._offer_sentences()
            for spec in find_dates(sentence, reference=self.reference, holidays=self.holidays)
            if _concrete(spec) and not (spec.exceptions and spec.start is None)
        ]
        dated = [s for s in specs if not s.holiday_symbolic]
        # "Die erste Sommerferienwoche …" beside "vom 19. bis 23. Juli": the holiday named
        # in words agrees with the dates when they fall inside it
        specs = dated + [h for h in specs if h.holiday_symbolic and not any(
            _inside(d, h) for d in dated)]
        return specs[0] if specs and len(set(specs)) == 1 else None

    @cached_property
    def times(self) -> TimeSpan | None:
        found = {one for s in self._offer_sentences() if (one := one_time(s)) is not None}
        spans = [t for s in self._offer_sentences() for t in find_times(s)]
        if len(found) == 1 and all(t in found or t.start is None or t.end is None for t in spans):
            return next(iter(found))
        return None

    @cached_property
    def prices(self) -> PriceInfo | None:
        found = [info for s in self._sentences if (info := one_price(s)) is not None]
        return found[0] if len(found) == 1 else None

    @cached_property
    def ages(self) -> AgeSpec | None:
        specs = {spec for s in [self.title, *self._sentences] for spec in find_ages(s)}
        return next(iter(specs)) if len(specs) == 1 else None

    @cached_property
    def places(self) -> Places | None:
        found = [p for s in self._sentences if (p := find_places(s)) is not None]
        return found[0] if len(found) == 1 else None
