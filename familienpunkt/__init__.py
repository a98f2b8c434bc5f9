"""Familienpunkt: every family offer of a city, gathered, cleaned and published as open data."""

__version__ = "0.1.0"
