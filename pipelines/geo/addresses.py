"""Address text turned into matching keys: street names, house numbers, towns.

Keys are for comparing, never for display. A street key folds the ways one street is written
("Schloßstraße", "Schlossstrasse", "Schloss-Str.", "SCHLOSSSTR") into one string; a house key
is the number without leading zeros plus a lower-case addition ("012 A" -> "12a").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_HOUSE = re.compile(r"\s*(\d+)\s*([A-Za-z]?)\s*$")
_BLANKS = re.compile(r"\s+")
# abbreviations as people write them, on folded lower-case text
_ABBREVIATIONS = (
    (re.compile(r"str\b\.?"), "strasse"),  # "Hauptstr.", "Haupt-Str", "str." alone
    (re.compile(r"(?<=[a-z])pl\.|\bpl\."), "platz"),  # only with its dot: "Synagogenpl."
    (re.compile(r"\bst\.\s*"), "sankt "),  # "St.-Georg-Weg" / "Sankt-Georg-Weg"
)

# "Musterstraße 12", "Musterstr. 12 a", "Musterweg 12-14", "Musterweg 12–14a", "Platz 3/5",
# "Musterweg 12a-c", "Musterweg Nr. 7"
_NUMBER_AT_END = re.compile(
    r"""^(?P<street>.*?)[\s,]*(?:\b(?:nr|no)\.?\s*)?
        (?P<num>\d{1,5})\s*(?P<add>[a-z])?
        (?:\s*(?:-|–|—|/|bis)\s*(?:(?P<num2>\d{1,5})\s*(?P<add2>[a-z])?|(?P<addonly>[a-z])))?
        \s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# "Musterweg 12, 2. OG", "Musterweg 12 (Hinterhaus)": the first number after a street without digits
_NUMBER_THEN_REST = re.compile(
    r"^(?P<street>[^\d,(]*[^\d\s,(])[\s,]*(?:\b(?:nr|no)\.?\s*)?(?P<num>\d{1,5})\s*"
    r"(?P<add>[a-z](?![a-z]))?(?=[\s,;(]|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class StreetAddress:
    """A street line split into the street name and the house keys to try, in order."""

    street: str
    houses: tuple[str, ...]


def fold(text: str) -> str:
    """Lower case ASCII-ish text: NFKC, case folded, umlauts spelled out, accents dropped."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def street_key(name: str) -> str:
    """Matching key of a street name: abbreviations expanded, then only letters and digits."""
    text = fold(name)
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return _NOT_ALNUM.sub("", text)


def house_key(number: str, addition: str = "") -> str:
    """'012', ' A' -> '12a'; '7b' alone -> '7b'. Empty when the number has no digits."""
    match = _HOUSE.match(number)
    if match is None:
        return ""
    return (match[1].lstrip("0") or "0") + (match[2] + _BLANKS.sub("", addition)).lower()


def base_number(house: str) -> str:
    """The house key without its addition: '12a' -> '12'."""
    end = len(house)
    while end and not house[end - 1].isdigit():
        end -= 1
    return house[:end]


@lru_cache(maxsize=65536)
def split_street_address(text: str) -> StreetAddress:
    """'Lehnerstraße 12–14' -> street 'Lehnerstraße', houses ('12', '14').

    A range tries its first number, then its last; '12a-c' tries '12a', then '12c'. A line
    without a number gives no houses.
    """
    line = " ".join(text.split())
    match = _NUMBER_AT_END.match(line) or _NUMBER_THEN_REST.match(line)
    if match is None or not match["street"].strip(" ,"):
        return StreetAddress(line.strip(" ,"), ())
    groups = match.groupdict()
    first = house_key(groups["num"], groups.get("add") or "")
    houses = [first]
    if groups.get("num2"):
        houses.append(house_key(groups["num2"], groups.get("add2") or ""))
    elif groups.get("addonly"):
        houses.append(house_key(groups["num"], groups["addonly"]))
    return StreetAddress(match["street"].strip(" ,"), tuple(dict.fromkeys(h for h in houses if h)))


@lru_cache(maxsize=4096)
def town_key(name: str) -> str:
    """Matching key of a town: folded words separated by single blanks, digits dropped."""
    return " ".join(re.sub(r"[^a-z]+", " ", fold(name)).split())


def same_town(query: str, town: str) -> bool:
    """Whether the town key ``query`` names the town key ``town``.

    The first words must be equal; every further word of the query must start a later word
    of the town, in order: 'muelheim', 'muelheim ruhr', 'muelheim a d r' all name
    'muelheim an der ruhr'; 'bad soden' does not name 'bad homburg'.
    """
    if query == town:
        return True
    q, t = query.split(), town.split()
    if not q or not t or q[0] != t[0]:
        return False
    rest = iter(t[1:])
    return all(any(word.startswith(part) for word in rest) for part in q[1:])


def postcode_key(value: str | None) -> str:
    """A five-digit German postcode, else ''."""
    digits = (value or "").strip()
    return digits if len(digits) == 5 and digits.isdigit() else ""
