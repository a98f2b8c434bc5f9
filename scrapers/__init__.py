"""Extraction: Scrapy spiders and feed readers. They only extract raw records with provenance."""
