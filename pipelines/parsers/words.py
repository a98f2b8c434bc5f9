"""German words for weekdays, months and small numbers, shared by the parsers.

All keys are lower case after :func:`pipelines.parsers.text.fold`; spellings without umlauts
("maerz", "zwoelf") are included because providers and old systems write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas.vocab import Weekday

WEEKDAYS: tuple[Weekday, ...] = (
    Weekday.MO,
    Weekday.TU,
    Weekday.WE,
    Weekday.TH,
    Weekday.FR,
    Weekday.SA,
    Weekday.SU,
)
"""Monday first, index = ``date.weekday()``."""

# full names (singular) -> weekday
WEEKDAY_FULL: dict[str, Weekday] = {
    "montag": Weekday.MO,
    "dienstag": Weekday.TU,
    "mittwoch": Weekday.WE,
    "donnerstag": Weekday.TH,
    "freitag": Weekday.FR,
    "samstag": Weekday.SA,
    "sonnabend": Weekday.SA,
    "sonntag": Weekday.SU,
}

# German two-letter abbreviations and the OSM/English codes (they do not collide)
WEEKDAY_ABBR: dict[str, Weekday] = {
    "mo": Weekday.MO,
    "di": Weekday.TU,
    "mi": Weekday.WE,
    "do": Weekday.TH,
    "fr": Weekday.FR,
    "sa": Weekday.SA,
    "so": Weekday.SU,
    "tu": Weekday.TU,
    "we": Weekday.WE,
    "th": Weekday.TH,
    "su": Weekday.SU,
}

MONTHS: dict[str, int] = {
    "januar": 1,
    "jan": 1,
    "jänner": 1,
    "jaenner": 1,
    "februar": 2,
    "feb": 2,
    "febr": 2,
    "märz": 3,
    "maerz": 3,
    "mär": 3,
    "mrz": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
}

MONTH_NAMES_EN = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

NUMBER_WORDS: dict[str, int] = {
    "null": 0,
    "eins": 1,
    "ein": 1,
    "eine": 1,
    "einem": 1,
    "einen": 1,
    "einer": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "fuenf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwoelf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "fuenfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
}
"""Cardinal words 0–18 (ages are written out up to "achtzehn")."""

ORDINALS: dict[str, int] = {
    "erste": 1,
    "zweite": 2,
    "dritte": 3,
    "vierte": 4,
    "fünfte": 5,
    "fuenfte": 5,
    "sechste": 6,
}
"""Ordinal stems (inflected forms add -n/-r/-s)."""


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the given words, longest first (so "sept" wins over "sep")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
