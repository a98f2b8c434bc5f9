"""Feed readers: turn a provider's file or API into raw records, one reader per feed kind.

A reader is a function ``read(source, fetcher) -> Iterator[RawRecord]`` registered under its
adapter kind with :func:`register`. Readers keep the provider's field names and values as
found; all parsing happens in ``pipelines``.
"""

from scrapers.readers.base import READERS, ReaderError, get_reader, register

__all__ = ["READERS", "ReaderError", "get_reader", "register"]
