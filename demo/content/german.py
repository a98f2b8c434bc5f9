"""German ways of writing dates, times and money, in the variants providers really use."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time
from decimal import Decimal

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WD_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
WD_ADVERB = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags")
ORDINALS = ("ersten", "zweiten", "dritten", "vierten", "fünften", "sechsten", "siebten")
NUMBER_WORDS = (
    "null",
    "ein",
    "zwei",
    "drei",
    "vier",
    "fünf",
    "sechs",
    "sieben",
    "acht",
    "neun",
    "zehn",
    "elf",
    "zwölf",
    "dreizehn",
    "vierzehn",
    "fünfzehn",
    "sechzehn",
    "siebzehn",
    "achtzehn",
)
AGE_NOUNS = {
    3: "Drei",
    4: "Vier",
    5: "Fünf",
    6: "Sechs",
    7: "Sieben",
    8: "Acht",
    9: "Neun",
    10: "Zehn",
    11: "Elf",
    12: "Zwölf",
    13: "Dreizehn",
    14: "Vierzehn",
    16: "Sechzehn",
}


def d_full(day: date) -> str:
    """12.07.2027"""
    return day.strftime("%d.%m.%Y")


def d_short(day: date) -> str:
    """12.07."""
    return day.strftime("%d.%m.")


def d_words(day: date, *, year: bool = True) -> str:
    """12. Juli 2027"""
    text = f"{day.day}. {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def d_weekday(day: date, *, year: bool = True) -> str:
    """Mo., 12.07.2027"""
    return f"{WD_SHORT[day.weekday()]}., {d_full(day) if year else d_short(day)}"


def span(start: date, end: date, style: str) -> str:
    """A date range written in one of the common styles (see the branches)."""
    if start == end:
        if style == "words":
            return f"am {WEEKDAYS[start.weekday()]}, {d_words(start)}"
        if style == "weekday":
            return d_weekday(start)
        return d_full(start)
    same_month = start.month == end.month and start.year == end.year
    if style == "full":  # 19.07.2027 – 23.07.2027
        return f"{d_full(start)} – {d_full(end)}"
    if style == "hyphen":  # 19.07.-23.07.2027
        return f"{d_short(start)}-{d_full(end)}"
    if style == "compact":  # 19.–23.07.2027 / 29.03.–02.04.2027
        head = f"{start.day:02d}." if same_month else d_short(start)
        return f"{head}–{d_full(end)}"
    if style == "no_year":  # 19.–23.07.
        head = f"{start.day}." if same_month else d_short(start)
        return f"{head}–{d_short(end)}"
    if style == "words":  # vom 19. bis 23. Juli 2027
        head = f"{start.day}." if same_month else d_words(start, year=start.year != end.year)
        return f"vom {head} bis {d_words(end)}"
    if style == "weekday":  # Mo., 19.07. – Fr., 23.07.2027
        return f"{d_weekday(start, year=False)} – {d_weekday(end)}"
    raise ValueError(f"unknown date style {style!r}")


def clock(t: time, style: str = "dot") -> str:
    """A time of day: 8 / 8.30 (dot), 08:30 (colon), 8.00 (dot0)."""
    if style == "colon":
        return f"{t.hour:02d}:{t.minute:02d}"
    if style == "dot0":
        return f"{t.hour}.{t.minute:02d}"
    return f"{t.hour}" if t.minute == 0 else f"{t.hour}.{t.minute:02d}"


def times(start: time, end: time, style: str) -> str:
    """A time range: '8 bis 13 Uhr', '8.00–13.00 Uhr', '08:00 - 13:00 Uhr', '10–16 Uhr'."""
    if style == "bis":
        return f"{clock(start)} bis {clock(end)} Uhr"
    if style == "dash":
        return f"{clock(start)}–{clock(end)} Uhr"
    if style == "dot0":
        return f"{clock(start, 'dot0')}–{clock(end, 'dot0')} Uhr"
    if style == "colon":
        return f"{clock(start, 'colon')} - {clock(end, 'colon')} Uhr"
    raise ValueError(f"unknown time style {style!r}")


def euro(amount: Decimal | float | int, style: str = "comma") -> str:
    """Money: '15,00 €' (comma), '15 Euro' (word), '15,- €' (dash), '15 €' (plain)."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    whole = value == value.to_integral()
    if style == "word":
        text = f"{int(value)}" if whole else f"{value}".replace(".", ",")
        return f"{text} Euro"
    if style == "dash" and whole:
        return f"{int(value)},- €"
    if style == "plain" and whole:
        return f"{int(value)} €"
    return f"{value}".replace(".", ",") + " €"


def age_range(lo: int, hi: int | None, style: str) -> str:
    """Ages as providers write them (see the branches)."""
    if hi is None:
        return {
            "ab": f"ab {lo} J.",
            "ab_bare": f"ab {lo}",
            "ab_words": f"Kinder ab {NUMBER_WORDS[lo] if lo != 1 else 'einem'} "
            f"Jahre{'n' if lo == 1 else ''}",
            "ab_jahren": f"ab {lo} Jahren",
        }[style if style.startswith("ab") else "ab"]
    if style == "nouns" and lo in AGE_NOUNS and hi in AGE_NOUNS:
        return f"{AGE_NOUNS[lo]}- bis {AGE_NOUNS[hi]}jährige"
    if style == "hyphen":
        return f"{lo}- bis {hi}-Jährige"
    if style == "dash":
        return f"{lo} – {hi} Jahre"
    if style == "between":
        return f"zwischen {lo} und {hi} Jahren"
    if style == "von":
        return f"Kinder von {lo} bis {hi} Jahren"
    return f"{lo}–{hi} Jahre"


def slug(text: str) -> str:
    """A URL slug as German content management systems build it: 'Kunst für Kids' →
    'kunst-fuer-kids' (umlauts transliterated, other characters dropped)."""
    out = text.lower()
    for char, latin in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e")):
        out = out.replace(char, latin)
    out = unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", out).strip("-")
