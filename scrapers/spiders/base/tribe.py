"""WordPress sites running "The Events Calendar": its REST API, else its iCal export.

The source's ``url`` is the WordPress site's home (``https://verein.example/``). The spider
pages through ``/wp-json/tribe/events/v1/events`` (``page``, ``per_page``, ``start_date``),
following ``next_rest_url`` while there is one and never past ``total_pages``. Each event
becomes one ``TRIBE`` raw record: the event JSON as found, keyed by its post ``id``, with the
endpoint (without paging parameters) as its URL, so an event moving to another page between
runs stays the same record.

The iCal export is the fallback when the REST API is **not there**, judged on the first page:

* an HTTP 4xx other than 400, 408 and 429, whatever the body: WordPress's 404
  ``rest_no_route`` (the plugin's REST API switched off), 401/403 ``rest_forbidden``,
  ``rest_login_required``, ``rest_cannot_access`` … from REST-blocking plugins, a theme's
  HTML 404 page (no pretty permalinks);
* an HTTP 2xx whose body is no JSON object with an ``events`` list (a login, maintenance or
  home page served instead, a JSON error object);
* robots.txt forbidding the REST path.

Then ``ical_paths`` are tried in turn and the first iCal file with events is read exactly as
the iCal feed reader reads one (:func:`scrapers.readers.ical.parse`): ``ICAL`` records keyed
by UID. The plugin answers ``?ical=1`` on any URL, so an empty calendar only counts (as an
empty result) when no other path has events.

No events are no reason to switch: older plugin versions answer 404
``event-archive-page-not-found`` already on page 1 then, an empty result. Nor are HTTP 400
(our query was refused), 5xx/408/429 after Scrapy's retries and network errors: they, a
failing later page and a site with neither REST API nor iCal export end the crawl early
(``tribe_rest_failed``, ``tribe_page_failed``, ``tribe_unavailable``). The run is then
incomplete and the last good data stays published, rather than half a calendar withdrawing
the other half or the keys flipping between REST ids and iCal UIDs.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator, Mapping
from datetime import timedelta
from typing import Any, ClassVar, NoReturn
from urllib.parse import urlencode

from scrapy import Request
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Response
from twisted.python.failure import Failure

from core.clock import Clock
from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers.base import ReaderError
from scrapers.readers.ical import IcalOptions
from scrapers.readers.ical import parse as parse_ical
from scrapers.readers.problems import ProblemLog
from scrapers.spiders.base.source import SourceSpider

logger = logging.getLogger(__name__)

REST_PATH = "/wp-json/tribe/events/v1/events"
NO_EVENTS_CODE = "event-archive-page-not-found"
"""What the plugin answers (HTTP 404) for a page without events: older versions on page 1 too."""

ERROR_STATUSES = list(range(400, 600))
"""Handed to the callbacks (after retries); redirects are still followed."""
NOT_UNAVAILABLE = frozenset({400, 408, 429})
"""4xx answers that do not mean "no REST API here"."""


class TribeEventsSpider(SourceSpider):
    """Events of a WordPress site with "The Events Calendar" (see the module docs).

    * ``per_page`` – events per REST page (the plugin caps it at 50 unless the site raises it);
    * ``days_back`` – ``start_date`` is the fetch day minus this many days (default 0: the
      plugin then lists events from today on, ongoing ones included);
    * ``ical_paths`` – iCal exports tried in turn when the REST API is not there, relative to
      the site root. The list view's export (up to 30 upcoming events by the plugin's default)
      comes first: the events page's own export follows its default view, a month grid. The
      query form needs no slug; the slugs are translated (``/veranstaltungen/liste/``).
    """

    per_page: ClassVar[int] = 50
    days_back: ClassVar[int] = 0
    ical_paths: ClassVar[tuple[str, ...]] = (
        "/?post_type=tribe_events&eventDisplay=list&ical=1",
        "/events/list/?ical=1",
        "/veranstaltungen/liste/?ical=1",
        "/events/?ical=1",
        "/?ical=1",
    )

    def __init__(
        self,
        source: Source | Mapping[str, Any] | str | None = None,
        *,
        clock: Clock | None = None,
        **kwargs: Any,
    ):
        super().__init__(source, clock=clock, **kwargs)
        if self.per_page < 1:
            raise ValueError(f"spider {self.name!r}: per_page must be positive")
        self.site_root = self.source.url.rstrip("/")
        self.endpoint = self.site_root + REST_PATH
        self._empty_calendar: str | None = None

    async def start(self) -> AsyncIterator[Request]:
        yield self._rest_request(self.first_page_url(), page=1)

    def first_page_url(self) -> str:
        start_date = self.clock().date() - timedelta(days=self.days_back)
        query = {"page": 1, "per_page": self.per_page, "start_date": start_date.isoformat()}
        return f"{self.endpoint}?{urlencode(query)}"

    # -- REST API

    def parse_events(self, response: Response, page: int) -> Iterator[Request | RawRecord]:
        data = json_object(response.body)
        events = data.get("events") if data is not None else None
        if 200 <= response.status < 300 and isinstance(events, list):
            self.count("tribe/rest_pages")
            yield from self._event_records(response, events)
            yield from self._next_page(response, data or {}, page)
            return
        code = data.get("code") if data is not None else None
        if response.status == 404 and code == NO_EVENTS_CODE:
            if page > 1:
                logger.warning("%s: page %d is gone (events changed while paging)", response.url,
                               page)
            return
        why = f"HTTP {response.status}" + (
            f" {code}" if isinstance(code, str) else " without an events list"
        )
        if page > 1:
            self._give_up("tribe_page_failed", f"REST page {page} of {self.endpoint}: {why}")
        if response.status in NOT_UNAVAILABLE or response.status >= 500:
            self._give_up("tribe_rest_failed", f"REST API of {self.site_root}: {why}")
        yield from self._fall_back(why)

    def rest_failed(self, failure: Failure) -> Iterator[Request]:
        page = failure.request.cb_kwargs.get("page", 1)  # type: ignore[attr-defined]
        if page == 1 and failure.check(IgnoreRequest):
            yield from self._fall_back("forbidden by robots.txt")
            return
        reason = "tribe_rest_failed" if page == 1 else "tribe_page_failed"
        self._give_up(reason, f"REST page {page} of {self.endpoint}: {failure.getErrorMessage()}")

    def _event_records(self, response: Response, events: list[Any]) -> Iterator[RawRecord]:
        for event in events:
            key = event.get("id") if isinstance(event, dict) else None
            if isinstance(key, bool) or not isinstance(key, int | str) or not str(key).strip():
                self.count("records/without_key")
                logger.warning("an event without id on %s: skipped", response.url)
                continue
            yield self.raw(
                response, key=str(key), fields=event, shape=RawShape.TRIBE, url=self.endpoint
            )

    def _next_page(self, response: Response, data: dict[str, Any], page: int) -> Iterator[Request]:
        total_pages = _number(data.get("total_pages"))
        next_url = data.get("next_rest_url")
        if not isinstance(next_url, str) or not next_url.strip():
            if total_pages is not None and page < total_pages:
                logger.warning("%s: no next_rest_url after page %d of %d", self.endpoint, page,
                               total_pages)
            return
        if total_pages is not None and page >= total_pages:
            return
        yield self._rest_request(response.urljoin(next_url.strip()), page=page + 1)

    def _rest_request(self, url: str, *, page: int) -> Request:
        return Request(
            url,
            callback=self.parse_events,
            errback=self.rest_failed,
            cb_kwargs={"page": page},
            headers={"Accept": "application/json"},
            meta={"handle_httpstatus_list": ERROR_STATUSES},
        )

    # -- iCal export

    def parse_calendar(self, response: Response, attempt: int) -> Iterator[Request | RawRecord]:
        if 200 <= response.status < 300:
            problems = ProblemLog()
            try:
                records = list(parse_ical(response.body, self._ical_source(), url=response.url,
                                          fetched_at=self.clock(), problems=problems))
            except ReaderError as exc:
                logger.info("%s is no iCal export: %s", response.url, exc)
            else:
                if records:
                    self.count("tribe/ical_problems", problems.count)
                    logger.warning("%s: read %d events from the iCal export %s", self.site_root,
                                   len(records), response.url)
                    yield from records
                    return
                # the plugin answers ?ical=1 on any page, a wrong one with an empty calendar
                self._empty_calendar = self._empty_calendar or response.url
        yield from self._calendar_request(attempt + 1)

    def calendar_failed(self, failure: Failure) -> Iterator[Request]:
        attempt = failure.request.cb_kwargs.get("attempt", 0)  # type: ignore[attr-defined]
        yield from self._calendar_request(attempt + 1)

    def _fall_back(self, why: str) -> Iterator[Request]:
        self.count("tribe/ical_fallback")
        logger.warning("REST API of %s unavailable (%s): trying its iCal export", self.site_root,
                       why)
        yield from self._calendar_request(0)

    def _calendar_request(self, attempt: int) -> Iterator[Request]:
        if attempt >= len(self.ical_paths):
            if self._empty_calendar:
                logger.warning("%s: the iCal export %s lists no events", self.site_root,
                               self._empty_calendar)
                return
            self._give_up("tribe_unavailable",
                          f"{self.site_root} has neither the events REST API nor an iCal export")
        yield Request(
            self.site_root + self.ical_paths[attempt],
            callback=self.parse_calendar,
            errback=self.calendar_failed,
            cb_kwargs={"attempt": attempt},
            headers={"Accept": "text/calendar, */*;q=0.5"},
            meta={"handle_httpstatus_list": ERROR_STATUSES},
        )

    def _ical_source(self) -> Source:
        """The source as the iCal reader sees it: only the options that reader knows."""
        options = {k: v for k, v in self.source.options.items() if k in IcalOptions.model_fields}
        return self.source.model_copy(update={"options": options})

    def _give_up(self, reason: str, message: str) -> NoReturn:
        logger.error("%s: the crawl stops incomplete (%s)", message, reason)
        raise CloseSpider(reason)


def json_object(body: bytes) -> dict[str, Any] | None:
    """The JSON object of a body, or None. PHP notices printed before the JSON (a WordPress
    site with ``display_errors`` on) are skipped."""
    text = body.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
    try:
        value = json.loads(text)
    except ValueError:
        start = text.find('{"')
        if start <= 0:
            return None
        try:
            value, _ = json.JSONDecoder().raw_decode(text, start)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
