"""Provider spiders, one small module per source, each on a base from ``scrapers.spiders.base``."""
