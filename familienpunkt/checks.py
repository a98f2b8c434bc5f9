"""Deeper checks of a registry than its schema: adapter options and spider names."""

from __future__ import annotations

from pydantic import ValidationError
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from schemas.source import AdapterKind, Registry
from scrapers.crawl import CrawlSetupError, source_settings
from scrapers.readers.base import OPTIONS, get_reader


def spider_names() -> set[str]:
    settings = Settings()
    settings.setmodule("scrapers.settings")
    return set(SpiderLoader.from_settings(settings).list())


def check_registry(registry: Registry) -> list[str]:
    """One line per problem, naming the file, the source and the field."""
    problems: list[str] = []
    names = spider_names()
    for source in registry.sources.values():
        where = f"{registry.path}: source {source.id!r}"
        if source.adapter is AdapterKind.SPIDER:
            if source.spider not in names:
                problems.append(
                    f"{where}, field 'spider': no spider named {source.spider!r} "
                    f"(known: {', '.join(sorted(names))})"
                )
            try:
                source_settings(source)
            except CrawlSetupError as exc:
                problems.append(f"{where}: {str(exc).split(': ', 1)[1]}")
            continue
        get_reader(source.adapter.value)  # registers every reader and its options model
        model = OPTIONS.get(source.adapter.value)
        if model is None:
            continue
        try:
            model.model_validate(source.options)
        except ValidationError as exc:
            for error in exc.errors():
                option = ".".join(str(p) for p in error["loc"])
                problems.append(f"{where}, field 'options.{option}': {error['msg']}")
    return problems
