"""The base of every provider spider: it knows its source and stamps raw records with provenance."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import scrapy
from scrapy.http import Response

from core.clock import Clock, now_berlin
from schemas.draft import DRAFT_SLOTS
from schemas.raw import RawRecord, RawShape
from schemas.source import Source

logger = logging.getLogger(__name__)

LINK_SLOTS = frozenset({"url", "booking_url"})


class SourceSpider(scrapy.Spider):
    """A spider that extracts the raw records of one :class:`~schemas.source.Source`.

    It is created with the resolved source (a ``Source``, its dict or its JSON) and starts at
    ``source.url``. ``clock`` returns the fetch time (timezone-aware, Europe/Berlin); tests
    pass a frozen one. Subclasses extract and call :meth:`raw`; they never parse values.
    """

    def __init__(
        self,
        source: Source | Mapping[str, Any] | str | None = None,
        *,
        clock: Clock | None = None,
        **kwargs: Any,
    ):
        if source is None:
            raise ValueError(f"spider {getattr(self, 'name', '?')!r} needs its source")
        super().__init__(**kwargs)
        self.source = _as_source(source)
        self.start_urls = [self.source.url]
        self.clock: Clock = clock or now_berlin
        self._warned_fields: set[str] = set()

    def raw(
        self,
        response: Response,
        *,
        key: str,
        fields: Mapping[str, Any],
        shape: RawShape = RawShape.FLAT,
        url: str | None = None,
    ) -> RawRecord:
        """A raw record of this source: the provider's key and fields, the page, the time.

        For flat records empty values (None, "", []) are left out, relative links in the
        ``url`` and ``booking_url`` slots are made absolute, and a field name that is no draft
        slot is reported once: only a registry ``mapping`` can use it.
        """
        if shape is RawShape.FLAT:
            fields = {name: value for name, value in fields.items() if value not in (None, "", [])}
            for name in LINK_SLOTS & set(fields):
                if isinstance(fields[name], str):
                    fields[name] = response.urljoin(fields[name])
            for name in sorted(set(fields) - DRAFT_SLOTS - self._warned_fields):
                self._warned_fields.add(name)
                logger.warning("spider %s: field %r is not a draft slot", self.name, name)
        return RawRecord(
            source_id=self.source.id,
            record_key=key.strip(),
            url=url or response.url,
            fetched_at=self.clock(),
            shape=shape,
            fields=dict(fields),
        )

    def count(self, name: str, value: int = 1) -> None:
        """Adds to a crawler stat (a no-op when the spider runs outside a crawl, as in tests)."""
        crawler = getattr(self, "crawler", None)
        if crawler is not None and value:
            crawler.stats.inc_value(name, value)


def _as_source(source: Source | Mapping[str, Any] | str) -> Source:
    if isinstance(source, Source):
        return source
    if isinstance(source, str):
        return Source.model_validate_json(source)
    return Source.model_validate(dict(source))
