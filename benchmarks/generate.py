"""Deterministic synthetic German offer feeds: what a Mülheim provider's CSV export looks like.

``generate(out_dir, size, seed)`` writes two semicolon CSV files (UTF-8, CRLF, one header row):

* ``offers-<size>-s<seed>.csv``          the feed
* ``offers-<size>-s<seed>-changed.csv``  the same feed with ~1 % of the records edited (a new
  title or a changed description), for the incremental re-import

The phrasings are ones the German value parsers read (``tests/corpus/clean``); 0.4 % of the
records carry a mistake real exports have (an impossible date, an end before the start, no
title) and belong in quarantine, and a few registration texts name no date on purpose.

One random stream draws every record in order, so the same seed gives byte-identical files and
the first 10,000 records of the 100,000 feed are the 10,000 feed. Files are cached under
``benchmarks/out`` with a manifest; a changed ``GENERATOR_VERSION`` regenerates them.

Run alone: ``python -m benchmarks.generate 100000 [--seed N] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from benchmarks import vocabulary as v

GENERATOR_VERSION = 3
DEFAULT_SEED = 20261121
CHANGE_SHARE = 0.01
BROKEN_SHARE = 0.004
"""Share of records with one of the BROKEN values (they belong in quarantine)."""
BROKEN = (("Termin", "31.06.2027"), ("Termin", "10.07.2027–06.07.2027"), ("Titel", ""))
# Not "16–9 Uhr" in Uhrzeit: an impossible time phrase escapes normalise_record as InvalidValue
# (pipelines/normalise.py, _Record._times calls parse_times directly) and aborts the whole source.
OUT_DIR = Path(__file__).parent / "out"
REFERENCE = date(2026, 11, 21)
"""The day the feed is read: every date phrase is written relative to it."""

KEY_COLUMN = "Angebots-Nr."
COLUMNS: tuple[str, ...] = (
    KEY_COLUMN, "Titel", "Angebotsart", "Kategorie", "Zielgruppe", "Beschreibung", "Anbieter",
    "Veranstaltungsort", "Straße und Hausnummer", "PLZ", "Ort", "Stadtteil", "Breitengrad",
    "Längengrad", "Termin", "Uhrzeit", "Alter", "Kosten", "Preis (€)", "ermäßigt (€)",
    "Öffnungszeiten", "Telefon", "E-Mail", "Internet", "Plätze", "Freie Plätze",
    "Online-Anmeldung", "Anmeldung", "Sprache", "Letzte Änderung",
)

Row = dict[str, str]
HOUSE_SUFFIXES = ("", "", "", "a", "b")


@dataclass(frozen=True)
class Feed:
    """A generated feed and its 1 %-changed twin."""

    path: Path
    changed_path: Path
    size: int
    seed: int
    changed: int
    bytes: int
    version: int = GENERATOR_VERSION

    def manifest(self) -> dict[str, object]:
        data = asdict(self)
        data["path"], data["changed_path"] = str(self.path), str(self.changed_path)
        return data


def feed_path(out_dir: Path, size: int, seed: int) -> Path:
    return out_dir / f"offers-{size}-s{seed}.csv"


def ensure_feed(size: int, *, seed: int = DEFAULT_SEED, out_dir: Path = OUT_DIR,
                log: Callable[[str], None] | None = None) -> Feed:
    """The cached feed of this size and seed, generated first when missing or outdated."""
    path = feed_path(out_dir, size, seed)
    manifest = path.with_suffix(".json")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        feed = Feed(Path(data["path"]), Path(data["changed_path"]), data["size"], data["seed"],
                    data["changed"], data["bytes"], data["version"])
        if (feed.version == GENERATOR_VERSION and feed.path == path and path.exists()
                and feed.changed_path.exists() and path.stat().st_size == feed.bytes):
            return feed
    except (OSError, ValueError, KeyError):
        pass
    started = time.monotonic()
    feed = generate(out_dir, size, seed)
    if log:
        log(f"generated {size:,} records ({feed.bytes / 1e6:,.1f} MB) in "
            f"{time.monotonic() - started:,.1f} s: {feed.path}")
    manifest.write_text(json.dumps(feed.manifest(), indent=2), encoding="utf-8")
    return feed


def generate(out_dir: Path, size: int, seed: int = DEFAULT_SEED,
             change_share: float = CHANGE_SHARE) -> Feed:
    """Write the feed and its changed twin (streamed: memory stays flat at any size)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = feed_path(out_dir, size, seed)
    changed_path = path.with_name(path.stem + "-changed.csv")
    picker = random.Random(seed ^ 0x5EED)
    to_change = set(picker.sample(range(size), round(size * change_share)))
    with path.open("w", encoding="utf-8", newline="") as base, \
            changed_path.open("w", encoding="utf-8", newline="") as twin:
        writers = [csv.writer(f, delimiter=";") for f in (base, twin)]
        for writer in writers:
            writer.writerow(COLUMNS)
        for index, row in enumerate(rows(size, seed)):
            cells = [row[c] for c in COLUMNS]
            writers[0].writerow(cells)
            if index in to_change:
                edited = mutate(row, index)
                cells = [edited[c] for c in COLUMNS]
            writers[1].writerow(cells)
    return Feed(path, changed_path, size, seed, len(to_change), path.stat().st_size)


def rows(size: int, seed: int = DEFAULT_SEED) -> Iterator[Row]:
    rng = random.Random(seed)
    for index in range(size):
        yield make_row(rng, index)


def mutate(row: Row, index: int) -> Row:
    """An edit a provider makes between two exports; always changes the offer's content."""
    edited = dict(row)
    if index % 2 and row["Titel"]:  # a record quarantined for its missing title stays so
        edited["Titel"] = row["Titel"] + " – neue Gruppe"
    else:
        edited["Beschreibung"] = "Achtung: geänderter Treffpunkt! " + row["Beschreibung"]
    return edited


# -- one record


def make_row(rng: random.Random, index: int) -> Row:
    row = _clean_row(rng, index)
    roll = rng.random()
    if roll < BROKEN_SHARE:  # the mistakes real exports carry: these records go to quarantine
        column, value = BROKEN[int(roll / BROKEN_SHARE * len(BROKEN))]
        row[column] = value
    return row


def _clean_row(rng: random.Random, index: int) -> Row:
    theme = rng.choices(v.THEMES, weights=v.THEME_WEIGHTS)[0]
    key = f"MH-{index:06d}"
    district = rng.choice(v.DISTRICTS)
    street = rng.choice(district.streets)
    venue = f"{rng.choice(v.VENUE_KINDS)} {rng.choice((district.name, street))}"
    organiser, domain = rng.choice(v.ORGANISERS)
    topic = rng.choice(theme.topics)
    title = rng.choice(theme.titles).format(topic=topic, district=district.name, venue=venue)
    start = REFERENCE + timedelta(days=rng.randint(3, 320))
    bookable = rng.random() < theme.bookable
    prices, amount, reduced = _prices(rng, theme)
    capacity, free = _places(rng, theme) if bookable else ("", "")
    return {
        KEY_COLUMN: key,
        "Titel": title,
        "Angebotsart": rng.choice(theme.kind_words),
        "Kategorie": ", ".join(rng.sample(theme.categories, rng.randint(1, 3))),
        "Zielgruppe": rng.choice(theme.target_groups),
        "Beschreibung": _description(rng, theme, topic),
        "Anbieter": organiser,
        "Veranstaltungsort": venue,
        "Straße und Hausnummer": f"{street} {rng.randint(1, 140)}{rng.choice(HOUSE_SUFFIXES)}",
        "PLZ": rng.choice(district.postcodes),
        "Ort": v.CITY,
        "Stadtteil": district.name,
        "Breitengrad": _decimal_comma(district.lat + rng.uniform(-0.008, 0.008)),
        "Längengrad": _decimal_comma(district.lon + rng.uniform(-0.012, 0.012)),
        "Termin": _date_text(rng, rng.choice(theme.dates), start),
        "Uhrzeit": _time_text(rng, rng.choice(theme.hours)),
        "Alter": _age_text(rng, rng.choice(theme.ages)),
        "Kosten": prices,
        "Preis (€)": amount,
        "ermäßigt (€)": reduced,
        "Öffnungszeiten": _maybe(rng, 0.9, rng.choice(theme.opening_hours or ("",))),
        "Telefon": _phone(rng),
        "E-Mail": f"{rng.choice(v.CONTACT_NAMES)}@{domain}",
        "Internet": f"https://www.{domain}/angebote/{key.lower()}",
        "Plätze": capacity,
        "Freie Plätze": free,
        "Online-Anmeldung": _maybe(rng, 0.6 if bookable else 0.0,
                                   f"https://anmeldung.{domain}/buchen?nr={key}"),
        "Anmeldung": _registration(rng, start) if bookable else _maybe(rng, 0.08, "ohne Anmeldung"),
        "Sprache": rng.choice(v.LANGUAGES),
        "Letzte Änderung": f"{rng.randint(1, 20):02d}.11.2026 {rng.randint(7, 18):02d}:"
                           f"{rng.randint(0, 59):02d}",
    }


def _maybe(rng: random.Random, share: float, text: str) -> str:
    """``text`` in ``share`` of the records, else an empty cell (one draw either way)."""
    return text if rng.random() < share else ""


def _decimal_comma(value: float) -> str:
    return f"{value:.6f}".replace(".", ",")


def _description(rng: random.Random, theme: v.Theme, topic: str) -> str:
    sentences = rng.sample(theme.sentences, rng.randint(2, 4))
    roll = rng.random()
    if roll < 0.3:  # the provider's CMS exports HTML
        first, rest = sentences[0], " ".join(sentences[1:])
        return rng.choice(v.HTML_WRAPS).format(f"{topic} &amp; mehr: {first}", rest)
    if roll < 0.35:  # a line break inside a quoted cell
        return "\n".join(sentences)
    return " ".join(sentences)


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _words(day: date, year: bool = True) -> str:
    text = f"{day.day}. {v.MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _date_text(rng: random.Random, style: str, start: date) -> str:
    """A German date phrase for an offer starting on (or around) ``start``."""
    monday = start - timedelta(days=start.weekday())
    friday = monday + timedelta(days=4)
    weekday = start.weekday() if start.weekday() < 5 else rng.randint(0, 4)
    if style == "single":
        return _d(start) if rng.random() < 0.8 else f"am {start.day}.{start.month}."
    if style == "single_weekday":
        return f"{v.WD_SHORT[start.weekday()]}., {_d(start)}"
    if style == "single_words":
        return f"{v.WEEKDAYS[start.weekday()]}, {_words(start)}"
    if style == "range_compact":
        if monday.month == friday.month:
            return f"{monday.day:02d}.–{_d(friday)}"
        return f"{monday:%d.%m.}–{_d(friday)}"
    if style == "range_words":
        head = (f"{monday.day}." if monday.month == friday.month
                else _words(monday, monday.year != friday.year))
        return f"vom {head} bis {_words(friday)}"
    if style == "range_full":
        return f"{_d(monday)} – {_d(friday)}"
    if style == "range_weekday":
        return f"Mo., {monday:%d.%m.} – Fr., {_d(friday)}"
    if style == "holiday_week":
        return rng.choice(v.HOLIDAY_PHRASES[2:4])
    if style == "holiday":
        return rng.choice(v.HOLIDAY_PHRASES)
    if style == "weekly_bare":
        return rng.choice((f"jeden {v.WEEKDAYS[weekday]}", v.WD_ADVERB[weekday],
                           f"immer {v.WD_ADVERB[weekday].capitalize()}"))
    if style == "weekly_from":
        first = start + timedelta(days=(weekday - start.weekday()) % 7)
        if rng.random() < 0.5:
            return f"jeden {v.WEEKDAYS[weekday]} ab {first.day}.{first.month}.{first.year}"
        return f"ab dem {_d(first)} immer {v.WD_ADVERB[weekday]}"
    if style == "weekly_words":
        last = start + timedelta(weeks=rng.randint(6, 12))
        return f"{v.WD_ADVERB[weekday]} bis {last.day}.{last.month}.{last.year}"
    if style == "weekday_pair":
        second = (weekday + rng.choice((2, 3))) % 5
        first_day, second_day = sorted((weekday, second))
        if first_day == second_day:
            return v.WD_ADVERB[first_day]
        return f"{v.WD_ADVERB[first_day]} und {v.WD_ADVERB[second_day]}"
    if style == "weekday_range":
        return rng.choice(("Mo–Fr", "Mo-Fr", "Di–Fr", "Mo–Do", "täglich außer montags"))
    if style == "weekend":
        return rng.choice(("am Wochenende", "Sa/So", "samstags"))
    raise ValueError(f"unknown date style {style!r}")


def _clock_colon(text: str) -> str:
    hour, _, minute = text.partition(".")
    return f"{int(hour):02d}:{minute or '00'}"


def _time_text(rng: random.Random, hours: tuple[str, str]) -> str:
    start, end = hours
    roll = rng.random()
    if roll < 0.3:
        return f"{start} bis {end} Uhr"
    if roll < 0.6:
        return f"{start}–{end} Uhr"
    if roll < 0.8:
        return f"{_clock_colon(start)} - {_clock_colon(end)} Uhr"
    if roll < 0.95:
        return f"von {start} bis {end} Uhr"
    return f"ab {start} Uhr"


def _age_text(rng: random.Random, ages: tuple[int | None, int | None]) -> str:
    lo, hi = ages
    if lo is None:
        return rng.choice(("für alle Altersgruppen", "für Groß und Klein", "Für die ganze Familie",
                           "ohne Altersbeschränkung", ""))
    if (lo, hi) == (0, 1):
        return rng.choice(("für Babys von 0–12 Monaten", "0–12 Monate",
                           "Babys von 3 bis 12 Monaten", "im 1. Lebensjahr"))
    if (lo, hi) == (0, 3):
        return rng.choice(("U3", "0-3 Jahre", "Eltern mit Kindern von 0-3 Jahren"))
    if hi is None:
        options = [f"ab {lo} J.", f"ab {lo} Jahren", f"ab {lo}",
                   f"Jugendliche ab {lo}" if lo >= 12 else f"{lo}+"]
        if lo < len(v.NUMBER_WORDS):
            options.append(f"Kinder ab {v.NUMBER_WORDS[lo]} Jahre{'n' if lo == 1 else ''}")
        return rng.choice(options)
    options = [f"{lo}- bis {hi}-Jährige", f"{lo}-{hi} Jahre", f"Kinder von {lo} bis {hi} Jahren",
               f"zwischen {lo} und {hi} Jahren", f"{lo}–{hi} J.", f"Kinder ({lo}-{hi} Jahre)"]
    if lo in v.AGE_NOUNS and hi in v.AGE_NOUNS:
        options.append(f"{v.AGE_NOUNS[lo]}- bis {v.AGE_NOUNS[hi]}jährige")
    return rng.choice(options)


def _prices(rng: random.Random, theme: v.Theme) -> tuple[str, str, str]:
    """(Kosten text, Preis (€), ermäßigt (€)): a text, or the two number columns."""
    template = rng.choice(theme.prices)
    if theme.name == "culture":
        a, b, c = rng.choice((6, 8, 10, 12)), rng.choice((3, 4, 5)), rng.choice((15, 18, 20, 25))
    elif theme.name == "holiday":
        a = rng.choice((20, 30, 40, 50, 60, 80, 90, 115))
        b, c = a - 10, a * 2
    else:
        a = rng.choice((20, 24, 30, 36, 40, 45, 50, 60, 75, 89, 96, 120))
        b, c = a // 2, a * 2
    if template == "NUM":
        cents = rng.choice(("", ",00", ",50")) if a % 2 == 0 else rng.choice(("", ",00"))
        amount = f"{a}{cents}"
        reduced = f"{a // 2}" if rng.random() < 0.6 else ""
        return "", amount, reduced
    return template.format(a=a, b=b, c=c), "", ""


def _places(rng: random.Random, theme: v.Theme) -> tuple[str, str]:
    if not theme.capacity:
        return "", ""
    capacity = rng.choice(theme.capacity)
    free = rng.choice((0, 0, 1, 2, 3, 5, 8, rng.randint(0, capacity)))
    free = min(free, capacity)
    capacity_text = rng.choice((f"max. {capacity} Kinder", f"{capacity} Plätze", f"{capacity}",
                                f"bis zu {capacity} Personen",
                                f"{max(capacity // 2, 1)}–{capacity} Teilnehmende"))
    if free == 0:
        free_text = rng.choice(("ausgebucht", "Warteliste", "ausgebucht – Warteliste (3)",
                                "Keine freien Plätze"))
    elif free == 1:
        free_text = rng.choice(("noch 1 freier Platz", "1"))
    else:
        free_text = rng.choice((f"noch {free} freie Plätze", f"{free} Plätze frei",
                                f"Freie Plätze: {free} von {capacity}", f"{free}"))
    return capacity_text, free_text


def _registration(rng: random.Random, start: date) -> str:
    opens = start - timedelta(days=rng.randint(14, 90))
    roll = rng.random()
    if roll < 0.03:  # phrasings that name no date: left unparsed by design
        return "Anmeldung erforderlich"
    if roll < 0.04:
        return "Anmeldung ab sofort"
    return rng.choice((
        f"Anmeldung ab {_d(opens)}, 18:00",
        f"Anmeldestart: {_words(opens)}",
        f"Anmeldung ab 19 Uhr am {_d(opens)}",
        f"Die Anmeldung ist ab dem {_words(opens)} um 9 Uhr freigeschaltet.",
    ))


def _phone(rng: random.Random) -> str:
    number = str(rng.randint(2_000_000, 9_999_999))
    head, tail = number[:3], number[3:]
    return rng.choice((
        f"0208 {head}-{tail}",
        f"(0208) {head[0]} {head[1:]} {tail[:2]} {tail[2:]}",
        f"0208/{head}-{tail}",
        f"Tel.: 0208 {number}",
        f"+49 208 {number}",
        f"0208 {number}",
    ))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic German offer feed (CSV).")
    parser.add_argument("size", type=int)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    feed = ensure_feed(args.size, seed=args.seed, out_dir=args.out, log=print)
    print(f"{feed.path} ({feed.size:,} records, {feed.bytes / 1e6:,.1f} MB); "
          f"{feed.changed_path} ({feed.changed:,} changed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
