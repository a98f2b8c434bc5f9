"""Raw record -> canonical offer (and its location): the one normalisation road of every source.

A value that cannot be parsed is cleared, flagged on the record and counted; a value that is
recognised but impossible (a 31 June, an end before the start) or a record the model rejects
raises :class:`Rejected`, and the record goes to quarantine with source, record, field and reason.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from pipelines.geo.locate import locate
from pipelines.languages import language_code
from pipelines.mapping import MappingError, to_draft
from pipelines.parsers import (
    DateSpec,
    InvalidValue,
    SchoolHolidays,
    TimeSpan,
    Unparsed,
    html_to_text,
    parse_ages,
    parse_bool,
    parse_capacity,
    parse_dates,
    parse_datetime,
    parse_email,
    parse_moment,
    parse_opening_hours,
    parse_phone,
    parse_places,
    parse_prices,
    parse_times,
    parse_url,
)
from pipelines.parsers.datetimes import localise
from pipelines.parsers.places import Places
from pipelines.parsers.registration_in_text import Registration
from pipelines.sessions import ScheduleError, check_rule
from pipelines.taxonomy import Taxonomy
from pipelines.text_facts import (
    DescriptionFacts,
    one_age,
    one_date,
    one_hours,
    one_phone,
    one_places,
    one_price,
    one_registration,
    one_time,
)
from schemas import ids
from schemas.draft import Draft
from schemas.location import Location
from schemas.offer import VOLATILE_PROVENANCE, Audience, Offer, Price, Provenance, Schedule
from schemas.raw import RawRecord
from schemas.source import Source
from schemas.vocab import (
    AgeScope,
    GeoPrecision,
    OfferKind,
    OfferStatus,
    TargetGroup,
    TextFact,
    Weekday,
)

HASH_EXCLUDE = {"provenance": set(VOLATILE_PROVENANCE), "free_places_seen_at": True}
"""Kept out of the stored record and its content hash: they change without the offer changing.
The warehouse keeps them as columns (fetched_at) and the export puts them back."""
_NUMBER_ONLY = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")
_REGISTRATION_NEEDED = re.compile(
    r"anmeldung\s+(?:ist\s+)?(?:erforderlich|nötig|notwendig)|nur mit anmeldung|bitte anmelden",
    re.I,
)
_NO_REGISTRATION = re.compile(r"ohne anmeldung|keine anmeldung", re.I)
_WEEKDAY_ORDER = list(Weekday)
MAX_DAILY_SPAN_DAYS = 14
"""A date range up to two weeks with daily times ("19.–23.07., 8–13 Uhr") means every day;
a longer span without a weekday or a rule says nothing about which days."""


class Rejected(Exception):
    """The record cannot become a valid offer; it goes to quarantine."""

    def __init__(self, field_name: str, reason: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Deletion:
    """The provider says the record is gone (an RPDE tombstone)."""

    offer_id: str
    record_key: str


@dataclass
class Normalised:
    offer: Offer
    location: Location | None
    record_json: str
    content_hash: str


@dataclass
class FieldStats:
    """Per-slot counters of one source run: present, parsed, unparsed (cleared) and invalid."""

    present: Counter[str] = field(default_factory=Counter)
    unparsed: Counter[str] = field(default_factory=Counter)
    invalid: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    unmapped_categories: Counter[str] = field(default_factory=Counter)
    in_sentence: Counter[str] = field(default_factory=Counter)
    from_text: Counter[str] = field(default_factory=Counter)

    def as_dict(self, records: int) -> dict[str, Any]:
        coverage = {
            slot: {
                "present": self.present[slot],
                "missing": max(0, records - self.present[slot]),
                "unparsed": self.unparsed[slot],
                "invalid": self.invalid[slot],
                "read_in_sentence": self.in_sentence[slot],
            }
            for slot in sorted(self.present | self.unparsed | self.invalid)
        }
        return {
            "fields": coverage,
            "from_text": dict(sorted(self.from_text.items())),
            "flags": dict(self.flags.most_common()),
            "unmapped_categories": dict(self.unmapped_categories.most_common(50)),
        }


@dataclass
class Context:
    """Everything normalisation needs besides the record; one per source run."""

    source: Source
    provider_key: str
    licence_uri: str
    reference: date
    holidays: SchoolHolidays
    taxonomy: Taxonomy
    stats: FieldStats = field(default_factory=FieldStats)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.source.timezone)


class _Record:
    """Normalisation of one record: collects flags and raises Rejected with full context."""

    def __init__(self, raw: RawRecord, ctx: Context):
        self.raw = raw
        self.ctx = ctx
        self.flags: list[str] = []
        self._present: set[str] = set()
        self.from_text: list[TextFact] = []
        self.facts = DescriptionFacts("", "", ctx.reference, ctx.holidays)

    # -- helpers

    def reject(self, slot: str, reason: str, detail: str) -> Rejected:
        self.ctx.stats.invalid[slot] += 1
        return Rejected(
            slot,
            reason,
            f"source {self.ctx.source.id!r}, record {self.raw.record_key!r}, "
            f"field {slot!r}: {detail}",
        )

    def present(self, slot: str) -> None:
        """Count a slot as present once per record (list slots hold several values)."""
        if slot not in self._present:
            self._present.add(slot)
            self.ctx.stats.present[slot] += 1

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)
            self.ctx.stats.flags[name] += 1

    def parse(self, slot: str, parser, text: str | None, *args, find=None, **kwargs):
        """Run a parser on a slot: value, or None (cleared and flagged); impossible -> Rejected.

        ``find`` reads the slot as a sentence when the parser gives up ("Die Ferienspiele
        beginnen jeweils um 9.30 Uhr …"): its one value is taken and counted as read in a
        sentence (see :mod:`pipelines.text_facts`)."""
        if text is None or not str(text).strip():
            return None
        self.present(slot)
        try:
            result = parser(text, *args, **kwargs)
        except InvalidValue as exc:
            raise self.reject(slot, "invalid", f"{exc} ({text!r})") from None
        if isinstance(result, Unparsed) and find is not None:
            found = find(html_to_text(str(text)))
            if found is not None:
                self.ctx.stats.in_sentence[slot] += 1
                return found
        if isinstance(result, Unparsed):
            self.ctx.stats.unparsed[slot] += 1
            self.flag(f"{slot}_unparsed")
            return None
        return result

    def taken_from_text(self, fact: TextFact) -> None:
        """A value read in the description because its field was empty: marked and counted."""
        if fact not in self.from_text:
            self.from_text.append(fact)
            self.ctx.stats.from_text[fact.value] += 1

    def text(self, slot: str, value: str | None) -> str | None:
        if value is None:
            return None
        self.present(slot)
        cleaned = html_to_text(value)
        return cleaned or None

    # -- the record

    def normalise(self) -> Normalised | Deletion:
        raw, ctx, source = self.raw, self.ctx, self.ctx.source
        offer_id = ids.offer_id(source.id, raw.record_key)
        if str(raw.fields.get("state", "")).lower() == "deleted":
            return Deletion(offer_id, raw.record_key)
        try:
            draft = to_draft(raw, source)
        except (MappingError, ValidationError) as exc:
            raise self.reject("mapping", "unmappable", str(exc).splitlines()[0]) from None
        draft = self._with_defaults(draft)

        title = self.text("title", draft.title)
        if not title:
            raise self.reject("title", "missing", "the record has no title")
        description = self._description(draft)
        self.facts = DescriptionFacts(description or "", title, ctx.reference, ctx.holidays)
        kind = self._kind(draft)
        categories, unmapped = ctx.taxonomy.categories_for(draft.categories, title)
        for word in unmapped:
            ctx.stats.unmapped_categories[word] += 1
        if unmapped:
            self.flag("category_unmapped")
        categories = sorted(set(categories) | set(source.defaults.categories))

        start, end, schedule = self._when(draft)
        audience = self._audience(draft, title)
        is_free, prices, price_text = self._prices(draft)
        status = self._status(draft)
        free_places, capacity = self._places(draft)
        if free_places == 0 and status is OfferStatus.ACTIVE:
            status = OfferStatus.FULL
        location = self._location(draft)
        registration_opens, registration_closes = self._registration(draft)

        try:
            offer = Offer(
                id=offer_id,
                kind=kind,
                status=status,
                title=title[:300],
                description=description,
                url=self._url("url", draft.url),
                organization_id=ids.organization_id(ctx.provider_key),
                organizer_name=self.text("organizer", draft.organizer),
                location_id=location.id if location else None,
                categories=categories,
                audience=audience,
                languages=self._languages(draft),
                is_free=is_free,
                prices=prices,
                price_text=price_text,
                start=start,
                end=end,
                schedule=schedule,
                booking_url=self._url("booking_url", draft.booking_url),
                booking_required=self._booking_required(draft),
                registration_opens=registration_opens,
                registration_closes=registration_closes,
                capacity=capacity,
                free_places=free_places,
                free_places_seen_at=raw.fetched_at if free_places is not None else None,
                private_person=self._private_person(kind),
                publication_consent=self._consent(draft),
                contact_email=self.parse("email", parse_email, draft.email),
                contact_phone=self.parse("phone", parse_phone, draft.phone, find=one_phone),
                quality_flags=sorted(self.flags),
                provenance=Provenance(
                    source_id=source.id,
                    source_record_key=raw.record_key,
                    source_url=raw.url if raw.url and raw.url.startswith("http") else None,
                    source_licence=ctx.licence_uri,
                    from_text=self.from_text,
                ),
            )
        except ValidationError as exc:
            error = exc.errors()[0]
            slot = ".".join(str(p) for p in error["loc"]) or "record"
            raise self.reject(slot, "invalid", error["msg"].removeprefix("Value error, ")) from None
        record_json = offer.model_dump_json(exclude=HASH_EXCLUDE, exclude_none=True)
        return Normalised(
            offer=offer,
            location=location,
            record_json=record_json,
            content_hash=hashlib.sha256(record_json.encode()).hexdigest(),
        )

    # -- fields

    def _with_defaults(self, draft: Draft) -> Draft:
        """Source defaults fill only what the record leaves empty; they never override."""
        defaults = self.ctx.source.defaults
        updates: dict[str, Any] = {}
        if not draft.district and defaults.district:
            updates["district"] = defaults.district
        if not (draft.age_text or draft.age_min or draft.age_max) and defaults.age_text:
            updates["age_text"] = defaults.age_text
        if not draft.booking_url and defaults.booking_url:
            updates["booking_url"] = defaults.booking_url
        return draft.model_copy(update=updates) if updates else draft

    def _description(self, draft: Draft) -> str | None:
        parts = [self.text("subtitle", draft.subtitle), self.text("description", draft.description)]
        text = "\n\n".join(p for p in parts if p)
        return text[:20000] or None

    def _kind(self, draft: Draft) -> OfferKind:
        taxonomy = self.ctx.taxonomy
        kind = taxonomy.kind_for(draft.kind)
        if kind is None and draft.kind:
            self.flag("kind_unmapped")
        if kind is None and self.ctx.source.defaults.kind is not None:
            return self.ctx.source.defaults.kind
        if kind is None:
            for word in draft.categories:
                kind = taxonomy.kind_for(word)
                if kind:
                    break
        if kind is None:
            raise self.reject(
                "kind",
                "missing",
                f"no offer kind: the record names none ({draft.kind!r}) "
                "and the source has no default",
            )
        return kind

    def _url(self, slot: str, value: str | None) -> str | None:
        return self.parse(
            slot,
            parse_url,
            value,
            base=self.raw.url if self.raw.url and self.raw.url.startswith("http") else None,
        )

    def _when(self, draft: Draft) -> tuple[datetime | None, datetime | None, Schedule | None]:
        tz, source_tz = self.ctx.tz, self.ctx.source.timezone
        start_value = self._moment("start", draft.start)
        end_value = self._moment("end", draft.end)
        spec: DateSpec | None = None
        reference, holidays = self.ctx.reference, self.ctx.holidays
        if start_value is None and draft.date_text:
            spec = self.parse(
                "date_text",
                parse_dates,
                draft.date_text,
                reference=reference,
                holidays=holidays,
                find=lambda t: one_date(t, reference=reference, holidays=holidays),
            )
        elif start_value is None and end_value is None and not (
            draft.rrule or draft.session_starts
        ):
            spec = self.facts.dates  # "Die Ferienspiele finden vom 14. bis 18. Juli statt."
            if spec is not None:
                self.taken_from_text(TextFact.DATES)
        times, time_weekdays = self._times(draft)
        if times is None and spec is not None:
            times = spec.times
        if (
            times is None
            and not draft.time_text
            and not isinstance(start_value, datetime)
            and (spec is not None or start_value is not None or draft.rrule)
        ):
            times = self.facts.times  # a day without its hours: the description may say
            if times is not None:
                self.taken_from_text(TextFact.TIMES)

        start_date = end_date = None
        start_time = end_time = None
        weekdays: list[Weekday] = []
        exceptions: list[date] = []
        skip_public = skip_school = False
        if isinstance(start_value, datetime):
            start_date, start_time = (
                start_value.astimezone(tz).date(),
                start_value.astimezone(tz).time(),
            )
        elif isinstance(start_value, date):
            start_date = start_value
        if isinstance(end_value, datetime):
            end_date, end_time = end_value.astimezone(tz).date(), end_value.astimezone(tz).time()
            if draft.rrule and end_date == start_date:
                end_date = None  # with a rule, the end is the first session's end
        elif isinstance(end_value, date):
            end_date = end_value  # drafts carry inclusive last days for every format
        if spec is not None:
            start_date, end_date = spec.start, spec.end
            weekdays = list(spec.weekdays)
            exceptions = list(spec.exceptions)
            skip_public, skip_school = spec.skip_public_holidays, spec.skip_school_holidays
        weekdays += [d for d in time_weekdays if d not in weekdays]
        if times is not None and not times.all_day:
            start_time = start_time or times.start
            end_time = end_time or times.end
        extra_starts: list[datetime] = []
        for text in draft.session_starts:
            value = self._moment("session_starts", text)
            if isinstance(value, datetime):
                extra_starts.append(value)
        extra_starts.sort()
        if extra_starts:  # listed sessions give the first and last day where nothing else does
            first, last = extra_starts[0].astimezone(tz), extra_starts[-1].astimezone(tz)
            start_date = start_date or first.date()
            start_time = start_time or first.time()
            end_date = end_date or last.date()
        for text in draft.exception_dates:
            value = self.parse("exception_dates", parse_datetime, text, tz=source_tz)
            if isinstance(value, datetime):
                exceptions.append(value.astimezone(tz).date())
            elif isinstance(value, date):
                exceptions.append(value)

        if end_date and start_date and end_date < start_date:
            raise self.reject(
                "end", "invalid", f"end date {end_date} is before start date {start_date}"
            )
        if (
            start_time
            and end_time
            and end_time != time(0, 0)
            and end_time < start_time
            and end_date in (None, start_date)
        ):
            raise self.reject(
                "time_text", "invalid", f"end time {end_time} is before start time {start_time}"
            )

        rrule = self._rrule(draft, start_date, end_date, weekdays, start_time, end_time)
        text = "; ".join(t for t in (draft.date_text, draft.time_text) if t) or None
        if not any((start_date, end_date, weekdays, rrule, text)):
            return None, None, None
        start = self._local(start_date, start_time, "start") if start_date and start_time else None
        last_day = end_date or (start_date if not rrule else None)
        end = None
        if last_day and end_time:
            if end_time == time(0, 0) and start_time not in (None, time(0, 0)):
                last_day += timedelta(days=1)  # "18–24 Uhr": the session ends at midnight
            end = self._local(last_day, end_time, "end")
        if start is None and isinstance(start_value, datetime):
            start = start_value
        if rrule and start_date:
            anchor = datetime.combine(start_date, start_time or time(0, 0))
            try:
                check_rule(rrule, anchor, source_tz)
            except ScheduleError as exc:
                raise self.reject("rrule", "degenerate", str(exc)) from None
        try:
            schedule = Schedule(
                start_date=start_date,
                end_date=end_date,
                start_time=start_time,
                end_time=end_time,
                by_day=weekdays,
                rrule=rrule,
                exception_dates=sorted(set(exceptions)),
                extra_starts=extra_starts if rrule is None else [],
                skip_public_holidays=skip_public,
                skip_school_holidays=skip_school,
                timezone=source_tz,
                text=html_to_text(text)[:500] if text else None,
            )
        except ValidationError as exc:
            error = exc.errors()[0]
            slot = "schedule." + ".".join(str(p) for p in error["loc"])
            raise self.reject(slot, "invalid", error["msg"].removeprefix("Value error, ")) from None
        return start, end, schedule

    def _moment(self, slot: str, text: str | None) -> datetime | date | None:
        """A start or end: ISO or German date/time; a German phrase ("ab 16.04.2027") is read
        by the date parser when it names exactly one day. Impossible values reject the record."""
        if not text or not text.strip():
            return None
        if not _has_letters(text):
            return self.parse(slot, parse_datetime, text, tz=self.ctx.source.timezone)
        try:
            spec = parse_dates(text, reference=self.ctx.reference, holidays=self.ctx.holidays)
        except InvalidValue as exc:
            self.present(slot)
            raise self.reject(slot, "invalid", f"{exc} ({text!r})") from None
        if isinstance(spec, DateSpec) and not spec.weekdays:
            day = spec.start if slot == "start" else spec.end
            if day is not None:
                self.present(slot)
                if spec.times and spec.times.start:
                    return self._local(day, spec.times.start, slot)
                return day
        return self.parse(slot, parse_datetime, text, tz=self.ctx.source.timezone)

    def _times(self, draft: Draft) -> tuple[TimeSpan | None, list[Weekday]]:
        """Times of day; providers often put the weekday there too ("Mi, 16.15–17.00 Uhr")."""
        text = draft.time_text
        if not text or not text.strip():
            return None, []
        try:
            span = parse_times(text)
            if isinstance(span, TimeSpan):
                self.present("time_text")
                return span, []
            with_day = parse_dates(text, reference=self.ctx.reference, holidays=self.ctx.holidays)
        except InvalidValue as exc:
            self.present("time_text")
            raise self.reject("time_text", "invalid", f"{exc} ({text!r})") from None
        if isinstance(with_day, DateSpec) and with_day.times and with_day.start is None:
            self.present("time_text")
            return with_day.times, list(with_day.weekdays)
        span = self.parse("time_text", parse_times, text, find=one_time)  # or flags the failure
        return span, []

    def _local(self, day: date, at: time, slot: str) -> datetime:
        """A wall-clock time in the source's zone; a time that does not exist is invalid, one
        that exists twice (the night the clocks go back) takes the earlier."""
        try:
            moment = localise(datetime.combine(day, at), self.ctx.tz)
        except InvalidValue as exc:
            raise self.reject(slot, "invalid", str(exc)) from None
        return moment or datetime.combine(day, at, self.ctx.tz)

    def _rrule(
        self, draft: Draft, start_date, end_date, weekdays, start_time, end_time
    ) -> str | None:
        """The provider's RRULE, else one derived from a weekday pattern or a multi-day range."""
        if draft.rrule:
            self.present("rrule")
            return draft.rrule.removeprefix("RRULE:").strip() or None
        until = ""
        if end_date:
            last = datetime.combine(end_date, time(23, 59, 59), self.ctx.tz)
            until = f";UNTIL={last.astimezone(ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}"
        if weekdays:
            days = ",".join(d.value for d in sorted(weekdays, key=_WEEKDAY_ORDER.index))
            return f"FREQ=WEEKLY;BYDAY={days}{until}"
        if draft.session_starts:
            return None  # the provider lists every session
        if (
            start_date and end_date and start_time  # "19.–23.07., 8–13 Uhr": every day
            and 0 < (end_date - start_date).days <= MAX_DAILY_SPAN_DAYS
        ):
            return f"FREQ=DAILY{until}"
        spans_days = start_date and end_date and end_date > start_date
        if spans_days and start_time and not draft.session_starts:
            self.flag("recurrence_unknown")  # a long span without a rule: no invented days
        return None

    def _audience(self, draft: Draft, title: str) -> Audience:
        spec = None
        if draft.age_min or draft.age_max:  # structured bounds beat the text shown beside them
            spec = self.parse("age_min", parse_ages, _age_phrase(draft.age_min, draft.age_max))
        elif draft.age_text:
            spec = self.parse("age_text", parse_ages, draft.age_text, find=one_age)
        else:
            spec = self.facts.ages  # "für Kinder im Alter von sechs bis zwölf Jahren"
            if spec is not None:
                self.taken_from_text(TextFact.AGES)
        groups = list(self.ctx.taxonomy.target_groups_for([*draft.target_groups, title]))
        for group in self.ctx.source.defaults.target_groups:
            if group not in groups:
                groups.append(group)
        if spec is not None:
            for group in _groups_for_ages(spec.min_months, spec.max_months):
                if group not in groups:
                    groups.append(group)
        groups.sort(key=list(TargetGroup).index)
        age_text = " ".join(t for t in (draft.age_text,) if t) or None
        if spec is None:
            return Audience(target_groups=groups, age_text=age_text)
        if spec.scope is AgeScope.RANGE:
            return Audience(
                age_scope=spec.scope,
                age_min_months=spec.min_months,
                age_max_months=spec.max_months,
                age_text=age_text,
                target_groups=groups,
            )
        return Audience(age_scope=spec.scope, age_text=age_text, target_groups=groups)

    def _prices(self, draft: Draft) -> tuple[bool | None, list[Price], str | None]:
        texts = [t for t in (draft.price_text, *draft.prices) if t]
        is_free: bool | None = None
        prices: list[Price] = []
        for text in texts:
            info = self.parse("price_text", parse_prices, text, find=one_price)
            if info is None:
                continue
            prices += list(info.prices)
            if info.is_free is not None:
                is_free = info.is_free if is_free is None else (is_free and info.is_free)
        if not texts and draft.is_free is None and self.facts.prices is not None:
            info = self.facts.prices  # "Die Teilnahme kostet 5 Euro pro Tag."
            prices, is_free = list(info.prices), info.is_free
            self.taken_from_text(TextFact.PRICES)
        if draft.is_free is not None:
            marker = self.parse("is_free", parse_bool, draft.is_free)
            if marker is not None:
                is_free = marker
        if any(p.amount > 0 for p in prices):
            is_free = False  # someone pays: not free (a 0 price for some is not "free" for all)
        price_text = "; ".join(texts)[:500] if texts else None
        return is_free, prices, price_text

    def _status(self, draft: Draft) -> OfferStatus:
        for text in (draft.status, draft.free_places):
            status = self.ctx.taxonomy.status_for(text)
            if status is not None:
                return status
        return OfferStatus.ACTIVE

    def _places(self, draft: Draft) -> tuple[int | None, int | None]:
        capacity = self.parse("capacity", parse_capacity, draft.capacity,
                              find=lambda t: _capacity_of(one_places(t)))
        cancelled = self.ctx.taxonomy.status_for(draft.free_places) is OfferStatus.CANCELLED
        places = None if cancelled else self.parse(
            "free_places", parse_places, draft.free_places, find=one_places)
        if not draft.capacity and not draft.free_places and self.facts.places is not None:
            places = self.facts.places  # "Die Teilnehmerzahl ist auf 12 Kinder begrenzt."
            self.taken_from_text(TextFact.PLACES)
        free = places.free if places else None
        if places and places.capacity is not None and capacity is None:
            capacity = places.capacity
        if free is not None and capacity is not None and free > capacity:
            self.flag("free_places_above_capacity")
            capacity = None
        return free, capacity

    def _booking_required(self, draft: Draft) -> bool | None:
        if draft.booking_required is not None:
            return self.parse("booking_required", parse_bool, draft.booking_required)
        text = draft.registration_text or ""
        if _NO_REGISTRATION.search(text):
            return False
        if _REGISTRATION_NEEDED.search(text) or draft.booking_url:
            return True
        return None

    def _registration(self, draft: Draft) -> tuple[datetime | None, datetime | None]:
        """When registration opens and closes: the registration field (a moment, or a
        sentence with "ab"/"bis"/"Anmeldeschluss"), else the description."""
        reference = self.ctx.reference
        found: Registration | None = None
        if draft.registration_text:
            # the sentence first: "Anmeldeschluss 10.07." closes, "ab 07.09., 19 Uhr" opens
            self.present("registration_text")
            found = one_registration(html_to_text(draft.registration_text), reference=reference)
            if found is None:
                moment = self.parse(
                    "registration_text", parse_moment, draft.registration_text,
                    reference=reference, tz=self.ctx.source.timezone,
                )
                found = Registration(opens=moment) if moment is not None else None
        elif self.facts.registration is not None:
            found = self.facts.registration  # "Anmeldeschluss ist der 10. Juli."
            self.taken_from_text(TextFact.REGISTRATION)
        if found is None:
            return None, None
        return self._aware(found.opens), self._aware(found.closes, end_of_day=True)

    def _aware(self, value: datetime | date | None, *, end_of_day: bool = False) -> datetime | None:
        """A local moment in the source's zone; a day alone is its start (a deadline: its end)."""
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                return value
            return self._local(value.date(), value.time(), "registration_text")
        return self._local(value, time(23, 59) if end_of_day else time(0, 0), "registration_text")

    def _private_person(self, kind: OfferKind) -> bool:
        """Safe by default: childminding is a private person's unless the source says not."""
        declared = self.ctx.source.defaults.private_person
        return kind is OfferKind.CHILDMINDING if declared is None else declared

    def _consent(self, draft: Draft) -> bool | None:
        """Recorded consent to publish a person's record: only an explicit yes counts."""
        value = self.parse("consent", parse_bool, draft.consent)
        return value if isinstance(value, bool) else None

    def _languages(self, draft: Draft) -> list[str]:
        codes: list[str] = []
        for word in draft.languages:
            self.present("languages")
            code = language_code(word)
            if code is None:
                self.ctx.stats.unparsed["languages"] += 1
                self.flag("languages_unparsed")
            elif code not in codes:
                codes.append(code)
        for code in self.ctx.source.defaults.languages:
            if code not in codes:
                codes.append(code)
        return codes

    def _location(self, draft: Draft) -> Location | None:
        name = self.text("location_name", draft.location_name)
        street = self.text("street", draft.street)
        postal = (draft.postal_code or "").strip() or None
        city = self.text("city", draft.city)
        if draft.address and not street:
            place, street, postal_from_address, city_from_address = _split_address(
                html_to_text(draft.address)
            )
            name = name or place
            postal = postal or postal_from_address
            city = city or city_from_address
            self.present("address")
        defaults = self.ctx.source.defaults  # only where neither slot nor address says it
        city = city or defaults.city
        postal = postal or defaults.postal_code
        if postal is not None and not re.fullmatch(r"\d{5}", postal):
            digits = re.sub(r"\D", "", postal)
            if len(digits) == 4:  # a leading zero lost by a spreadsheet or a JSON number
                digits = "0" + digits
            elif len(digits) == 6 and digits.startswith("0"):  # a zero padded onto a number
                digits = digits[1:]
            if len(digits) == 5:
                postal = digits
            else:
                self.ctx.stats.unparsed["postal_code"] += 1
                self.flag("postal_code_unparsed")
                postal = None
        if not any((name, street, draft.latitude, draft.location_key)):
            return None
        lat = lon = None
        if draft.latitude and draft.longitude:
            try:
                lat, lon = (
                    float(draft.latitude.replace(",", ".")),
                    float(draft.longitude.replace(",", ".")),
                )
            except ValueError:
                self.flag("coordinates_unparsed")
            else:
                if self.ctx.source.coordinates_crs != "EPSG:4326":
                    lon, lat = _to_wgs84(self.ctx.source.coordinates_crs).transform(lon, lat)
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    self.flag("coordinates_unparsed")
                    lat = lon = None
        opening = self.parse("opening_hours", parse_opening_hours, draft.opening_hours,
                             find=one_hours)
        accessibility, unmapped_access = self.ctx.taxonomy.accessibility_for(draft.accessibility)
        if unmapped_access:
            self.flag("accessibility_unmapped")
        key = draft.location_key or _place_key(name, street, postal)
        district_text = self.text("district", draft.district)
        if district_text:
            district_text = district_text.strip("() ")[:120] or None
        confidential = bool(draft.confidential and parse_bool(draft.confidential) is True)
        try:
            location = Location(
                id=ids.location_id(self.ctx.source.id, key),
                source_id=self.ctx.source.id,
                name=name,
                street_address=street,
                postal_code=postal,
                locality=city,
                latitude=lat,
                longitude=lon,
                geo_precision=GeoPrecision.SOURCE if lat is not None else None,
                accessibility=accessibility,
                accessibility_note="; ".join(unmapped_access)[:1000] or None,
                opening_hours=opening.osm if opening else None,
                opening_hours_spec=list(opening.spec) if opening else [],
                confidential=confidential,
                stadtteil_name=district_text,
                district_text=district_text,
            )
        except ValidationError as exc:
            error = exc.errors()[0]
            slot = "location." + ".".join(str(p) for p in error["loc"])
            raise self.reject(slot, "invalid", error["msg"].removeprefix("Value error, ")) from None
        located, flags = locate(location)  # coordinates and both district levels, from geometry
        for name in flags:
            self.flag(name)
        return located


_LETTERS = re.compile(r"[^\W\d_T]", re.UNICODE)


def _has_letters(text: str) -> bool:
    """Letters other than the ISO 'T' separator: a phrase, not an ISO timestamp."""
    return bool(_LETTERS.search(text.replace("Uhr", "")))


@cache
def _to_wgs84(crs: str):
    """A transformer from the source's coordinate system (east, north) to WGS 84 (lon, lat)."""
    from pyproj import Transformer

    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def _age_phrase(age_min: str | None, age_max: str | None) -> str:
    """Structured age bounds as a German phrase for the one age parser."""
    lo, hi = (age_min or "").strip(), (age_max or "").strip()
    unit = " Jahre" if all(_NUMBER_ONLY.match(v) for v in (lo, hi) if v) else ""
    if lo and hi:
        return f"{lo} bis {hi}{unit}"
    if lo:
        return f"ab {lo}{unit}"
    return f"bis {hi}{unit}"


def _groups_for_ages(min_months: int | None, max_months: int | None) -> list[TargetGroup]:
    """Target groups implied by an age range (a rule, not a guess): overlap with fixed bands."""
    if min_months is None and max_months is None:
        return []
    lo = min_months or 0
    hi = max_months if max_months is not None else 18 * 12
    bands = [
        (TargetGroup.BABIES, 0, 11),
        (TargetGroup.TODDLERS, 12, 35),
        (TargetGroup.CHILDREN, 36, 155),
        (TargetGroup.TEENAGERS, 156, 215),
    ]
    return [group for group, b_lo, b_hi in bands if lo <= b_hi and hi >= b_lo]


_POSTCODE_TOWN = re.compile(r"^(?P<postal>\d{5})\s+(?P<city>.+)$")
_STREET_POSTCODE_TOWN = re.compile(r"^(?P<street>.+?)\s+(?P<postal>\d{5})\s+(?P<city>.+)$")
_STREET_NUMBER = re.compile(r"^\D+\s+\d+\s*[a-zA-Z]?(?:\s*[-–/]\s*\d+\s*[a-zA-Z]?)?$")
_COUNTRY = re.compile(r"^(?:deutschland|germany|de|d)$", re.IGNORECASE)


def _split_address(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """'Vereinsheim, Musterstraße 3, 45468 Mülheim an der Ruhr, Deutschland (Saarn)' ->
    place name, street, postcode, town. A trailing note in brackets (often the district) and
    the country are not part of the address; parts before the street name the place."""
    flat = re.sub(r"\s*\([^()]*\)\s*$", "", " ".join(text.split()))
    parts = [
        p.strip() for p in re.split(r",|\n", flat) if p.strip() and not _COUNTRY.match(p.strip())
    ]
    for i, part in enumerate(parts):
        if m := _POSTCODE_TOWN.match(part):  # "…, Musterstraße 3, 45468 Mülheim"
            name = ", ".join(parts[: i - 1]) if i > 1 else None
            return name, parts[i - 1] if i else None, m["postal"], m["city"]
        if m := _STREET_POSTCODE_TOWN.match(part):  # "…, Musterstraße 3 45468 Mülheim"
            return ", ".join(parts[:i]) or None, m["street"], m["postal"], m["city"]
    if len(parts) > 1 and _STREET_NUMBER.match(parts[-1]):  # "Jugendhaus, Frühlingstraße 52"
        return ", ".join(parts[:-1]), parts[-1], None, None
    return None, flat or None, None, None


def _place_key(name: str | None, street: str | None, postal: str | None) -> str:
    """Key of a venue the provider gives no key for: its normalised address within the source."""
    parts = [p for p in (street, postal) if p] or [name or ""]
    return "addr:" + re.sub(r"\W+", " ", " ".join(parts).lower()).strip()


def normalise_record(raw: RawRecord, ctx: Context) -> Normalised | Deletion:
    """Normalise one raw record. Raises :class:`Rejected` when it must go to quarantine."""
    return _Record(raw, ctx).normalise()


def _capacity_of(places: Places | None) -> int | None:
    return places.capacity if places is not None else None
