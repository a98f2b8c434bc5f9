"""Text folding and tokenising for comparing offers across providers.

Every comparison in the duplicate finder works on *folded* text: Unicode NFC, case-folded,
German umlauts written out (``ä`` → ``ae``, so "Mülheim" and "Muelheim" meet), other accents
dropped, everything that is not a letter or a digit a separator, and letters and digits split
("Moritzstraße94" → ``moritzstrasse 94``). Numbers lose leading zeros ("07" → ``7``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_TOKEN = re.compile(r"[a-z]+|[0-9]+")
_E_V = re.compile(r"\be\.\s?v\.?(?=\W|$)")
_STREET_ABBREV = re.compile(r"str\.|str\b")
_HOUSE_NUMBER = re.compile(r"(\d+\s*[a-z]?(?:\s*[-/]\s*\d+\s*[a-z]?)?)\s*$")

STOP_WORDS = frozenset(
    [
        "fuer",
        "und",
        "im",
        "in",
        "am",
        "an",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "mit",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "bis",
        "ab",
        "auf",
        "bei",
        "aus",
        "ein",
        "eine",
        "einer",
        "einem",
        "einen",
        "oder",
        "als",
        "auch",
        "nach",
        "ueber",
        "unter",
        "um",
        "ins",
        "beim",
        "fur",
        "u",
        "wie",
        "was",
        "wer",
        "ist",
        "sind",
        "wir",
        "ihr",
        "sie",
        "es",
        "so",
        "nur",
        "mal",
        "sich",
        "uns",
        "euch",
        "dein",
        "deine",
        "mein",
        "meine",
        "unser",
        "unsere",
        "nicht",
        "kein",
        "keine",
    ]
)
"""Function words that carry no identity ("für", "und", "im", …), in folded form."""

TITLE_BOILERPLATE = frozenset(
    [
        "neu",
        "ausgebucht",
        "restplaetze",
        "abgesagt",
        "warteliste",
        "anmeldung",
        "erforderlich",
        "noetig",
        "osterferien",
        "sommerferien",
        "herbstferien",
        "weihnachtsferien",
        "pfingstferien",
        "winterferien",
        "ferienangebot",
        "ferienprogramm",
        "angebot",
        "veranstaltung",
        "termin",
        "termine",
        "kursnr",
        "nr",
        "muelheim",
        "ruhr",
        "mh",
        "jahre",
        "jahren",
        "jahr",
        "jaehrige",
        "jaehrigen",
        "jahrige",
        "j",
        "uhr",
        "ca",
        "inkl",
    ]
)
"""Words providers add around a title (status, season, city, age units), in folded form."""

ORGANISER_BOILERPLATE = frozenset(
    ["ev", "ggmbh", "gmbh", "gug", "ag", "kg", "mbh", "muelheim", "ruhr", "traeger"]
)
"""Legal forms and the city name: they do not tell two organisers apart."""

_YEAR = re.compile(r"^(19|20)\d\d$")


def fold(text: str) -> str:
    """Lower case, umlauts written out, accents removed; punctuation kept."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _number(token: str) -> str:
    if not token.isdigit():
        return token
    return token.lstrip("0") or "0"


def tokens(text: str, drop: frozenset[str] = frozenset()) -> list[str]:
    """Folded tokens in order, without stop words, years and the words in ``drop``."""
    folded = _E_V.sub(" ", fold(text))
    out: list[str] = []
    for token in _TOKEN.findall(folded):
        if token in STOP_WORDS or token in drop or _YEAR.match(token):
            continue
        out.append(_number(token))
    return out


@lru_cache(maxsize=65536)
def plain_tokens(text: str) -> tuple[str, ...]:
    """Tokens without stop words (venue names, street names); cached, venues repeat."""
    return tuple(tokens(text))


@lru_cache(maxsize=65536)
def title_tokens(title: str) -> tuple[str, ...]:
    """Tokens of a title without stop words, provider boilerplate and years."""
    return tuple(tokens(title, TITLE_BOILERPLATE))


@lru_cache(maxsize=16384)
def organiser_tokens(name: str) -> tuple[str, ...]:
    """Tokens of an organiser's name without legal forms and the city name."""
    return tuple(tokens(name, ORGANISER_BOILERPLATE))


@lru_cache(maxsize=16384)
def split_street(address: str) -> tuple[str, str | None]:
    """``("Blumendeller Str. 12a")`` → ``("blumendellerstrasse", "12a")``: the street as one
    compact key (no spaces or hyphens) and the house number, if any."""
    folded = _STREET_ABBREV.sub("strasse", fold(address)).strip(" ,")
    number: str | None = None
    match = _HOUSE_NUMBER.search(folded)
    if match and match.start() > 0:
        number = re.sub(r"\s+", "", match.group(1)).lstrip("0") or None
        folded = folded[: match.start()]
    street = "".join(_TOKEN.findall(folded))
    return street, number
