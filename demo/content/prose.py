"""How a provider's team writes an offer's facts into running text, in the sentence shapes of
real German pages (press releases, club and youth-centre blogs, Ferienspiele notices).

Each fact has several shapes; a seeded generator picks one per offer, so the demo world reads
like many authors wrote it. The shapes follow the real-text corpus's kinds of phrasing
(``tests/corpus/real``), not the parsers: what a careful reader takes from them is the truth
the demo world declares beside them.
"""

from __future__ import annotations

import random
import re
from datetime import date, time

from demo.content.german import AGE_NOUNS, NUMBER_WORDS, WEEKDAYS, d_full, d_words


def _h(t: time) -> str:
    return f"{t.hour}" if t.minute == 0 else f"{t.hour}.{t.minute:02d}"


def _number(n: int, r: random.Random) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) and r.random() < 0.5 else str(n)


def _day(day: date, r: random.Random, year: bool) -> str:
    return r.choice((
        f"{WEEKDAYS[day.weekday()]}, {d_words(day, year=year)}",
        f"{WEEKDAYS[day.weekday()]}, den {d_words(day, year=year)}",
        f"{d_words(day, year=year)}",
        f"{WEEKDAYS[day.weekday()]}, {d_full(day)}",
    ))


def when(
    first: date, last: date, start: time, end: time, r: random.Random, *, year: bool = False
) -> str:
    """The days and daily hours, in one or two sentences; ``year``: the author writes the
    year (the days are far from when the text is read), else only sometimes."""
    s, e = _h(start), _h(end)
    if first == last:
        day = _day(first, r, year)
        return r.choice((
            f"Los geht es am {day}, um {s} Uhr, Schluss ist gegen {e} Uhr.",
            f"Wir treffen uns am {day} von {s} bis {e} Uhr.",
            f"Am {day} ist das Jugendhaus dafür von {s} bis {e} Uhr geöffnet.",
            f"Die Veranstaltung beginnt am {day} um {s} Uhr und endet um {e} Uhr.",
        ))
    same_month = (first.month, first.year) == (last.month, last.year)
    head = f"{first.day}." if same_month else d_words(first, year=False)
    range_words = f"vom {head} bis {d_words(last, year=year or r.random() < 0.5)}"
    first_words = f"{first.day}." if same_month else d_words(first, year=False)
    weekday_range = (
        f"von {WEEKDAYS[first.weekday()]}, {first_words} "
        f"bis {WEEKDAYS[last.weekday()]}, {d_words(last, year=year)}"
    )
    return r.choice((
        f"Die Aktionswoche findet {range_words} statt, betreut wird jeweils von {s} bis {e} "
        "Uhr.",
        f"Die Ferienspiele finden {range_words} statt. Sie beginnen jeweils um {s} Uhr und "
        f"gehen bis {e} Uhr.",
        f"Das Programm läuft {weekday_range}, täglich in der Zeit von {s} bis {e} Uhr.",
        f"Die Kinder werden {range_words} zwischen {s} und {e} Uhr im Jugendhaus betreut.",
    ))


def ages(lo: int, hi: int | None, r: random.Random) -> str:
    """Who may come: an age range as a sentence ("Mitmachen können Kinder im Alter von …")."""
    if hi is None:
        return r.choice((
            f"Mitmachen können alle ab {_number(lo, r)} Jahren.",
            f"Das Angebot richtet sich an Kinder ab {lo} Jahren.",
        ))
    noun_lo, noun_hi = AGE_NOUNS.get(lo), AGE_NOUNS.get(hi)
    shapes = [
        f"Mitmachen können Kinder im Alter von {_number(lo, r)} bis {_number(hi, r)} Jahren.",
        f"Eingeladen sind Mädchen und Jungen zwischen {lo} und {hi} Jahren.",
        f"Das Angebot richtet sich an {lo}- bis {hi}-Jährige.",
        f"Teilnehmen können Kinder und Jugendliche von {lo} bis {hi} Jahren.",
    ]
    if noun_lo and noun_hi:
        shapes.append(f"Eingeladen sind alle {noun_lo}- bis {noun_hi}jährigen.")
    return r.choice(shapes)


def all_ages(r: random.Random) -> str:
    return r.choice((
        "Eingeladen sind Groß und Klein – die ganze Familie ist willkommen.",
        "Das Fest ist für Jung und Alt.",
    ))


_AMOUNT = re.compile(r"(\d+(?:,\d{2})?)\s*(?:Euro|€)")


def price(price_text: str, r: random.Random) -> str:
    """The price as a sentence; the amount and what it includes are the provider's."""
    lowered = price_text.lower()
    m = _AMOUNT.search(price_text)
    if m is None:  # "kostenlos", "Eintritt frei", "kostenlos, Anmeldung im Büro"
        return r.choice((
            "Die Teilnahme ist kostenlos.",
            "Das Angebot ist kostenfrei.",
            "Der Eintritt ist frei.",
        ))
    amount = m.group(1)
    rest = price_text[m.end():].strip(" ,")
    if "material" in lowered:
        return f"Für das Material nehmen wir einen Beitrag von {amount} Euro."
    if lowered.startswith("snacks"):
        return f"Der Eintritt ist frei, Snacks gibt es für {amount} Euro."
    tail = f" ({rest})" if rest and r.random() < 0.5 else (f", {rest}" if rest else "")
    return r.choice((
        f"Die Teilnahme kostet {amount} Euro{tail}.",
        f"Der Teilnahmebeitrag beträgt {amount} €{tail}.",
        f"Wir nehmen {amount} Euro pro Kind{tail}.",
    ))


def places(places_text: str, r: random.Random) -> str:
    """Places as a sentence: a number of places, "noch Plätze frei", or fully booked."""
    lowered = places_text.lower()
    if "ausgebucht" in lowered:
        return r.choice((
            "Das Angebot ist leider schon ausgebucht, im Büro führen wir eine Warteliste.",
            "Leider sind alle Plätze vergeben – wer möchte, kommt auf die Warteliste.",
        ))
    m = re.search(r"\d+", places_text)
    if m is None or "team" in lowered:
        if "frei" in lowered:
            return "Es sind noch Plätze frei."
        return f"Gespielt wird mit {places_text}."
    n = int(m.group())
    return r.choice((
        f"Die Teilnehmerzahl ist auf {n} begrenzt.",
        f"Es gibt {n} Plätze.",
        f"Maximal {n} Kinder können mitmachen.",
        f"Insgesamt stehen {n} Plätze zur Verfügung.",
    ))


def registration_deadline(day: date, r: random.Random) -> str:
    return r.choice((
        f"Anmeldeschluss ist der {d_words(day, year=False)}.",
        f"Anmeldungen nehmen wir bis zum {d_words(day, year=False)} im Büro entgegen.",
        f"Bitte meldet euch bis {WEEKDAYS[day.weekday()]}, {d_words(day, year=False)}, an.",
    ))

