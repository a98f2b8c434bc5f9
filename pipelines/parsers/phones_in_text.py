"""Phone numbers inside running text, in E.164: "Alle weiteren Fragen beantwortet … unter
Telefon 02196 / 710–582", "Tel. 0208 / 455-4533 und -4535", "(0 41 51) 8 81- 128, -130 und
-147", "Telefax: +49 6641 9775 333" (a fax number is not a phone number).

Finding and checking numbers is the job of ``phonenumbers`` (Google's libphonenumber): its
matcher finds every number a German reader would dial, with the German numbering plan's
lengths. What it cannot know is the German way of writing several extensions of one line
("-4533 und -4535", "-24/-28"): each further extension replaces the last one's digits. A
number written after "Fax"/"Telefax" is left out, and a number that is a date, a price or a
postcode is never a valid number to begin with.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

_FAX_BEFORE = re.compile(r"(?:\bfax|\btelefax|\btelefax-nr\.?|\bfax-nr\.?)\s*[:.]?\s*"
                         r"(?:nr\.?\s*)?$",
                         re.IGNORECASE)
_MORE_EXTENSIONS = re.compile(r"^\s*(?:,|/|und|oder|sowie|bzw\.)\s*-\s?(?P<ext>\d{1,5})\b")
_MORE_LINES = re.compile(r"^\s*(?:,|und|oder|sowie|bzw\.)\s*(?P<sub>\d[\d ]{2,12}\d)(?![\d,:]|\.\d)"
                         r"(?!\s*(?:uhr|euro|€|jahre|%))", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\d+])116\s?(?:000|006|111|117|123)(?!\d)")
"""The harmonised European service numbers (116 111 Nummer gegen Kummer, 116 117 ärztlicher
Bereitschaftsdienst …): short numbers ``phonenumbers`` does not take as subscriber numbers."""
_SLASHED_EXTENSION = re.compile(r"(?<=\d)\s*/\s*-(?=\d)")
_REGION = "DE"


def find_phones(text: str, *, region: str = _REGION) -> list[str]:
    """Every phone number of a sentence, in order, as E.164 (see the module text)."""
    if not text or not text.strip():
        return []
    text = _SLASHED_EXTENSION.sub(" und -", text)  # "30000-24/-28"
    found: list[tuple[int, list[str]]] = [
        (m.start(), ["+49" + re.sub(r"\s", "", m.group())]) for m in _SERVICE.finditer(text)
    ]
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        if _FAX_BEFORE.search(text[max(0, match.start - 20):match.start]):
            continue
        e164 = phonenumbers.format_number(match.number, PhoneNumberFormat.E164)
        numbers = [e164, *_extensions(text, match.end, e164, region)]
        numbers += _same_area(text, match.end, match.number, region)
        found.append((match.start, numbers))
    out: list[str] = []
    for _, numbers in sorted(found):
        out += [n for n in numbers if n not in out]
    return out


def _same_area(text: str, end: int, number: phonenumbers.PhoneNumber, region: str) -> list[str]:
    """"Tel. 0 61 01/60 23 10 oder 60 23 12": a second line of the same area code, written
    with as many digits as the first line's subscriber number."""
    m = _MORE_LINES.match(text[end:])
    if not m:
        return []
    national = phonenumbers.national_significant_number(number)
    area = phonenumbers.length_of_geographical_area_code(number)
    sub = re.sub(r"\s", "", m["sub"])
    if not area or len(sub) != len(national) - area:
        return []
    candidate = f"+{number.country_code}{national[:area]}{sub}"
    try:
        parsed = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return []
    return [candidate] if phonenumbers.is_valid_number(parsed) else []


def _extensions(text: str, end: int, e164: str, region: str) -> list[str]:
    """"… 455-4533 und -4535": the same line with the last digits replaced."""
    found: list[str] = []
    last = e164
    pos = end
    while m := _MORE_EXTENSIONS.match(text[pos:]):
        ext = m["ext"]
        candidate = last[: len(last) - len(ext)] + ext
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            break
        if not phonenumbers.is_valid_number(number):
            break
        found.append(candidate)
        pos += m.end()
    return found
