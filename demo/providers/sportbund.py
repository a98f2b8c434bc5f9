"""The city sports federation's OpenActive open data: three RPDE feeds.

``/sportbund/openactive/session-series`` (``modified`` = epoch milliseconds, paged by
``afterTimestamp`` + ``afterId``), ``/sportbund/openactive/scheduled-sessions`` (``modified`` =
ISO 8601 string, same parameters) and ``/sportbund/openactive/course-instances`` (``modified`` =
change number, paged by ``afterChangeNumber``). Items are ordered by ``(modified, id)``, 10 per
page, each page ``{"next", "items", "license"}`` with an absolute ``next``; the last page is
empty and points to itself. Withdrawn offers are tombstones ``{"state": "deleted", "kind",
"id", "modified"}``. The offers are the SessionSeries and CourseInstances; ScheduledSessions
are dates of series (``superEvent`` embedded or only its ``@id``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from demo.content.calendar import berlin_iso
from demo.content.sportbund import (
    COURSES,
    FEDERATION,
    PROVIDER,
    SERIES,
    SESSIONS,
    Session,
    SportOffer,
    sessions,
    sport_offers,
    tombstones,
)
from demo.exchange import DemoRequest, DemoResponse, html_response, json_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

FEEDS = f"/{PROVIDER}/openactive"
ID_BASE = "https://sportbund-muelheim.example/openactive"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PAGE_SIZE = 10
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
KINDS = {SERIES: "SessionSeries", COURSES: "CourseInstance", SESSIONS: "ScheduledSession"}
WITHDRAWN_MS = int(datetime(2026, 11, 16, 8, 0, tzinfo=UTC).timestamp() * 1000)

Item = dict[str, Any]


def _schedule(o: SportOffer) -> dict[str, Any]:
    schedule: dict[str, Any] = {
        "@type": "Schedule",
        "byDay": [f"https://schema.org/{DAYS[d]}" for d in o.days],
        "startTime": f"{o.start:%H:%M}",
        "endTime": f"{o.end:%H:%M}",
        "duration": f"PT{o.minutes // 60}H{o.minutes % 60}M".replace("H0M", "H"),
        "repeatFrequency": f"P{o.interval_weeks}W",
        "scheduleTimezone": "Europe/Berlin",
        "scheduledEventType": "ScheduledSession" if o.feed == SERIES else "Event",
        "startDate": o.first_day.isoformat(),
        "endDate": o.last_day.isoformat(),
    }
    if o.except_days:
        schedule["exceptDate"] = [berlin_iso(d, o.start) for d in o.except_days]
    return schedule


def offer_data(o: SportOffer) -> dict[str, Any]:
    """The schema.org/OpenActive object of a series or course (without ``@context``)."""
    v = o.place
    lo, hi = o.ages
    age: dict[str, Any] = {"@type": "QuantitativeValue"}
    if lo is not None:
        age["minValue"] = lo
    if hi is not None:
        age["maxValue"] = hi
    data: dict[str, Any] = {
        "@type": KINDS[o.feed],
        "@id": f"{ID_BASE}/{o.feed}/{o.key}",
        "identifier": o.key,
        "name": o.name,
        "description": o.description,
        "activity": [
            {
                "@type": "Concept",
                "prefLabel": o.activity,
                "inScheme": "https://openactive.io/activity-list",
            }
        ],
        "ageRange": age,
        "genderRestriction": "https://openactive.io/"
        + ("FemaleOnly" if o.female_only else "NoRestriction"),
        "eventSchedule": [_schedule(o)],
        "location": {
            "@type": "Place",
            "name": v.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": v.street,
                "addressLocality": v.city,
                "addressRegion": "Nordrhein-Westfalen",
                "postalCode": v.postcode,
                "addressCountry": "DE",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": v.lat, "longitude": v.lon},
        },
        "offers": [
            {
                "@type": "Offer",
                "@id": f"{ID_BASE}/{o.feed}/{o.key}#/offers/{i}",
                "identifier": str(i),
                "name": name,
                "price": float(price),
                "priceCurrency": "EUR",
            }
            for i, (name, price) in enumerate(o.prices)
        ],
        "isAccessibleForFree": all(price == 0 for _, price in o.prices),
        "organizer": {"@type": "Organization", "name": o.club.name, "url": o.club.url},
        "url": f"{o.club.url}angebote/{o.key}",
    }
    if o.feed == COURSES:
        data["startDate"] = o.first_day.isoformat()
        data["endDate"] = o.last_day.isoformat()
    if o.capacity is not None:
        data["maximumAttendeeCapacity"] = o.capacity
    return data


def _with_context(data: dict[str, Any]) -> dict[str, Any]:
    return {"@context": ["https://openactive.io/", "https://openactive.io/ns-beta"], **data}


def session_data(s: Session, series: SportOffer | None) -> dict[str, Any]:
    super_event: Any = f"{ID_BASE}/{SERIES}/{s.series}"
    if s.embed_series and series is not None:
        super_event = offer_data(series)
    status = "EventCancelled" if s.cancelled else "EventScheduled"
    minutes = int((s.end - s.start).total_seconds() // 60)
    return {
        "@context": ["https://openactive.io/", "https://openactive.io/ns-beta"],
        "@type": "ScheduledSession",
        "@id": f"{ID_BASE}/{SESSIONS}/{s.key}",
        "identifier": s.key,
        "startDate": berlin_iso(s.start.date(), s.start.time()),
        "endDate": berlin_iso(s.end.date(), s.end.time()),
        "duration": f"PT{minutes // 60}H{minutes % 60}M".replace("H0M", "H"),
        "eventStatus": f"https://schema.org/{status}",
        "remainingAttendeeCapacity": s.remaining,
        "superEvent": super_event,
    }


def _tombstone(kind: str, key: str, modified: Any) -> Item:
    return {"state": "deleted", "kind": kind, "id": key, "modified": modified}


def offer_items(feed: str, offers: Sequence[SportOffer], view: ProviderView) -> list[Item]:
    """All items of the series or course feed: updated offers, the canonical tombstones and
    tombstones of offers withdrawn by a test."""
    if view.empty:
        return []
    kind = KINDS[feed]
    mine = [o for o in offers if o.feed == feed]
    items: list[Item] = []
    withdrawn = [o for o in mine if o.key in view.removed]
    for o in view.visible(mine):
        items.append(
            {
                "state": "updated",
                "kind": kind,
                "id": o.key,
                "modified": o.modified,
                "data": _with_context(offer_data(o)),
            }
        )
    items += [_tombstone(kind, t.key, t.modified) for t in tombstones() if t.feed == feed]
    latest = max([o.modified for o in mine] + [t.modified for t in tombstones() if t.feed == feed])
    for n, o in enumerate(withdrawn, start=1):
        modified = WITHDRAWN_MS + n * 1000 if feed == SERIES else latest + n
        items.append(_tombstone(kind, o.key, modified))
    return sorted(items, key=lambda i: (i["modified"], i["id"]))


def session_items(offers: Sequence[SportOffer], view: ProviderView) -> list[Item]:
    if view.empty:
        return []
    series = {o.key: o for o in offers if o.feed == SERIES}
    items = [
        {
            "state": "updated",
            "kind": "ScheduledSession",
            "id": s.key,
            "modified": s.modified,
            "data": session_data(s, series.get(s.series)),
        }
        for s in sessions()
    ]
    return sorted(items, key=lambda i: (_instant(i["modified"]), i["id"]))


def _instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class FeedError(ValueError):
    """A paging parameter the feed does not accept."""


def _after_timestamp(
    request: DemoRequest, parse: Callable[[str], Any]
) -> Callable[[Item], bool] | None:
    stamp, after_id = request.arg("afterTimestamp"), request.arg("afterId")
    if stamp is None and after_id is None:
        return None
    if not stamp or after_id is None:
        raise FeedError("afterTimestamp and afterId must be given together")
    try:
        bound = (parse(stamp), after_id)
    except ValueError as exc:
        raise FeedError(f"invalid afterTimestamp {stamp!r}") from exc
    return lambda item: (parse(str(item["modified"])), item["id"]) > bound


def _after_change(request: DemoRequest) -> Callable[[Item], bool] | None:
    raw = request.arg("afterChangeNumber")
    if raw is None:
        return None
    if not raw.isdigit():
        raise FeedError(f"invalid afterChangeNumber {raw!r}")
    return lambda item: int(item["modified"]) > int(raw)


def rpde_page(
    items: list[Item],
    after: Callable[[Item], bool] | None,
    next_params: Callable[[Item], dict[str, Any]],
    request: DemoRequest,
) -> DemoResponse:
    remaining = [i for i in items if after is None or after(i)]
    page = remaining[:PAGE_SIZE]
    if page:
        target = f"{request.path}?{urlencode(next_params(page[-1]))}"
    else:  # the last page points to itself
        query = urlencode({k: v[0] for k, v in request.query.items()})
        target = f"{request.path}?{query}" if query else request.path
    body = {"next": request.absolute(target), "items": page, "license": LICENSE}
    return json_response(body)


def _error(message: str) -> DemoResponse:
    return json_response({"error": "invalid_request", "message": message}, 400)


class Sportbund(DemoProvider):
    id = PROVIDER
    name = FEDERATION
    format = "openactive_rpde"
    entry_path = f"{FEEDS}/{SERIES}"
    extra_paths = (f"{FEEDS}/{SESSIONS}", f"{FEEDS}/{COURSES}")
    summary = (
        "OpenActive RPDE feeds: session-series (epoch-ms modified, afterTimestamp/afterId), "
        "scheduled-sessions (ISO modified; dates of series, no offers), course-instances "
        "(afterChangeNumber); tombstones; last page empty pointing to itself"
    )

    def records(self) -> Sequence[SportOffer]:
        return sport_offers()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        path = request.path.rstrip("/")
        offers = self.records()
        try:
            if path == f"{FEEDS}/{SERIES}":
                return rpde_page(
                    offer_items(SERIES, offers, view),
                    _after_timestamp(request, int),
                    lambda i: {"afterTimestamp": i["modified"], "afterId": i["id"]},
                    request,
                )
            if path == f"{FEEDS}/{COURSES}":
                return rpde_page(
                    offer_items(COURSES, offers, view),
                    _after_change(request),
                    lambda i: {"afterChangeNumber": i["modified"]},
                    request,
                )
            if path == f"{FEEDS}/{SESSIONS}":
                return rpde_page(
                    session_items(offers, view),
                    _after_timestamp(request, _instant),
                    lambda i: {"afterTimestamp": i["modified"], "afterId": i["id"]},
                    request,
                )
        except FeedError as exc:
            return _error(str(exc))
        if path in (f"/{PROVIDER}", FEEDS):
            links = "".join(
                f'<li><a href="{FEEDS}/{feed}">{feed}</a></li>'
                for feed in (SERIES, SESSIONS, COURSES)
            )
            return html_response(
                f'<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
                f"{esc(FEDERATION)} – Open Data</title></head><body><h1>OpenActive-Feeds</h1>"
                f'<ul class="feeds">{links}</ul><p>Lizenz: <a href="{LICENSE}">CC BY 4.0</a>'
                "</p></body></html>"
            )
        return not_found()
