"""Build the labelled pairs (``tests/dedupe/pairs/*.json``) from the demo export and the
hand-written specs in ``tests/dedupe/pairs/spec/*.toml``.

    .venv/bin/familienpunkt run                       # once: publishes the demo world
    .venv/bin/python tests/dedupe/pairs/build.py      # [EXPORT_DIR], default data/export/latest

Every spec file is one group: ``label``, ``how`` (how it was made) and ``[[pair]]`` entries.
A side (``a`` or ``b``) is either a reference ``"source:key"`` to a published demo offer, taken
as it is, or a table describing another source's listing (a *variant*): ``from`` names the demo
offer it is made of (default: side ``a``), ``as`` the source that lists it, ``title`` the title
that source gives it (written by hand), and the transforms below; a source's house style
(``spec/_sources.toml``) supplies the transforms a pair does not set.

The output files hold whole canonical records (offer and venue), so the tests need neither the
demo world nor an export. Links to the demo server are rewritten to a fixed port.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sys
import tomllib
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from demo.content.places import DISTRICTS
from pipelines.dedupe.blocking import candidate_pairs
from pipelines.dedupe.features import extract
from schemas.ids import location_id, offer_id, organization_id
from schemas.location import Location
from schemas.offer import Offer

HERE = Path(__file__).parent
SPEC_DIR = HERE / "spec"
DEMO_HOST = re.compile(r"http://127\.0\.0\.1:\d+")
FIXED_HOST = "http://127.0.0.1:8765"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# -- the demo export


class Export:
    def __init__(self, folder: Path) -> None:
        offers = json.loads((folder / "json" / "offers.json").read_text(encoding="utf-8"))["items"]
        locations = json.loads((folder / "json" / "locations.json").read_text(encoding="utf-8"))
        self.offers: list[dict[str, Any]] = [_fix_hosts(o) for o in offers]
        self.locations = {loc["id"]: loc for loc in locations["items"]}

    def find(self, ref: str) -> dict[str, Any]:
        """``source:key``: the key exactly, its last path part, or a unique prefix of that."""
        source, _, key = ref.partition(":")
        mine = [o for o in self.offers if o["provenance"]["source_id"] == source]
        exact = [o for o in mine if _short(o["provenance"]["source_record_key"]) == key
                 or o["provenance"]["source_record_key"] == key]
        found = exact or [o for o in mine if _short(o["provenance"]["source_record_key"]).startswith(key)]
        if len(found) != 1:
            raise KeyError(f"{ref!r} names {len(found)} offers")
        return copy.deepcopy(found[0])

    def location(self, offer: dict[str, Any]) -> dict[str, Any] | None:
        loc = self.locations.get(offer.get("location_id") or "")
        return copy.deepcopy(loc) if loc else None


def _short(key: str) -> str:
    return key.rsplit("/", 1)[-1].split("#", 1)[0]


def _fix_hosts(value: Any) -> Any:
    if isinstance(value, str):
        return DEMO_HOST.sub(FIXED_HOST, value)
    if isinstance(value, list):
        return [_fix_hosts(v) for v in value]
    if isinstance(value, dict):
        return {k: _fix_hosts(v) for k, v in value.items()}
    return value


# -- transforms of a variant


def _number(seed: str, low: int, high: int) -> int:
    return low + int(hashlib.sha1(seed.encode()).hexdigest()[:8], 16) % (high - low)


def _first_sentence(text: str) -> str:
    first = text.strip().split("\n", 1)[0]
    match = re.match(r"(.+?[.!?])(\s|$)", first)
    return match.group(1) if match else first


def _description(offer: dict[str, Any], how: str, literal: str | None) -> str | None:
    text = offer.get("description")
    if literal is not None:
        return literal
    if not text or how == "keep":
        return text
    if how == "none":
        return None
    if how == "short":
        return _first_sentence(text)
    if how == "para":
        return text.split("\n\n", 1)[0]
    raise ValueError(f"unknown desc {how!r}")


def _shift_days(offer: dict[str, Any], days: int) -> None:
    delta = timedelta(days=days)
    for name in ("start", "end", "registration_opens"):
        if offer.get(name):
            offer[name] = (datetime.fromisoformat(offer[name]) + delta).isoformat()
    schedule = offer.get("schedule")
    if not schedule:
        return
    for name in ("start_date", "end_date"):
        if schedule.get(name):
            schedule[name] = (date.fromisoformat(schedule[name]) + delta).isoformat()
    schedule["exception_dates"] = [
        (date.fromisoformat(d) + delta).isoformat() for d in schedule.get("exception_dates", [])
    ]
    schedule["extra_starts"] = [
        (datetime.fromisoformat(d) + delta).isoformat() for d in schedule.get("extra_starts", [])
    ]
    if schedule.get("rrule"):
        schedule["rrule"] = re.sub(
            r"UNTIL=(\d{8})",
            lambda m: "UNTIL="
            + (datetime.strptime(m.group(1), "%Y%m%d") + delta).strftime("%Y%m%d"),
            schedule["rrule"],
        )
    schedule["text"] = None


def _shift_minutes(offer: dict[str, Any], minutes: int) -> None:
    delta = timedelta(minutes=minutes)
    for name in ("start", "end"):
        if offer.get(name):
            offer[name] = (datetime.fromisoformat(offer[name]) + delta).isoformat()
    schedule = offer.get("schedule") or {}
    for name in ("start_time", "end_time"):
        if schedule.get(name):
            moment = datetime.combine(date(2000, 1, 1), datetime.strptime(schedule[name], "%H:%M:%S").time())
            schedule[name] = (moment + delta).time().isoformat()
    schedule["text"] = None


def _dates(offer: dict[str, Any], how: str) -> None:
    schedule = offer.get("schedule")
    if how == "same" or not schedule:
        return
    start = date.fromisoformat(schedule["start_date"]) if schedule.get("start_date") else None
    end = date.fromisoformat(schedule["end_date"]) if schedule.get("end_date") else None
    if how == "plain":  # only first/last day and times, as a calendar entry shows them
        schedule.update(rrule=None, by_day=[])
    elif how == "weekdays":  # "Mo–Fr"
        schedule.update(rrule=None, by_day=["MO", "TU", "WE", "TH", "FR"])
    elif how == "weekly":  # "dienstags, 12.01.–16.03."
        assert start is not None
        rule = f"FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[start.weekday()]}"
        schedule.update(rrule=rule + (f";UNTIL={end:%Y%m%d}" if end else ""), by_day=[])
    elif how == "from":  # "ab 12.01., dienstags" (no end)
        assert start is not None
        schedule.update(rrule=f"FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[start.weekday()]}",
                        by_day=[], end_date=None)
        offer["end"] = None
    elif how == "first":  # only the first day is given
        schedule.update(rrule=None, by_day=[], end_date=None, exception_dates=[])
        offer["end"] = None
    elif how == "notime":  # days only, no times
        schedule.update(start_time=None, end_time=None)
        offer["start"] = offer["end"] = None
    else:
        raise ValueError(f"unknown dates {how!r}")
    schedule["text"] = None


def _euro(amount: str) -> str:
    value = Decimal(amount)
    return (f"{value:.2f}".replace(".", ",") + " €").replace(",00 €", " €")


def _prices(offer: dict[str, Any], how: str) -> None:
    if how == "same":
        return
    if how == "base":  # only the full price, no reductions
        full = [p for p in offer.get("prices", []) if not p.get("reduction")]
        offer["prices"] = full
        offer["price_text"] = _euro(full[0]["amount"]) if full else offer.get("price_text")
    elif how == "text":  # the text as published, not parsed
        offer["prices"] = []
    elif how == "none":
        offer.update(prices=[], price_text=None, is_free=None)
    else:
        raise ValueError(f"unknown price {how!r}")


def _ages(offer: dict[str, Any], how: Any) -> None:
    audience = offer["audience"]
    if how == "same":
        return
    if how == "none":
        audience.update(age_scope="not_stated", age_min_months=None, age_max_months=None,
                        age_text=None)
    elif how == "open":
        if audience["age_scope"] == "range":
            audience.update(age_max_months=None,
                            age_text=f"ab {audience['age_min_months'] // 12} Jahren")
    elif isinstance(how, list):
        low, high = how
        audience.update(
            age_scope="range",
            age_min_months=low * 12,
            age_max_months=None if high is None else high * 12 + 11,
            age_text=f"{low}–{high} Jahre" if high is not None else f"ab {low} Jahren",
        )
    else:
        raise ValueError(f"unknown ages {how!r}")


def _geocode(location: dict[str, Any], seed: str) -> tuple[float, float] | None:
    """Street-level coordinates: the place's own (moved a little) or its Stadtteil's centre."""
    if location.get("latitude") is not None:
        return (round(location["latitude"] + (_number(seed, 0, 80) - 40) / 1e5, 6),
                round(location["longitude"] + (_number(seed + "x", 0, 80) - 40) / 1e5, 6))
    street = (location.get("street_address") or "").rstrip("0123456789 a")
    for district in DISTRICTS.values():
        if any(street.startswith(s) for s in district.streets):
            return (round(district.lat + (_number(seed, 0, 400) - 200) / 1e5, 6),
                    round(district.lon + (_number(seed + "x", 0, 400) - 200) / 1e5, 6))
    return None


def _abbreviate(street: str | None) -> str | None:
    if not street:
        return street
    street = re.sub(r"([Ss])traße", r"\1tr.", street)
    return re.sub(r"(\d)\s*([a-z])$", r"\1 \2", street)


def _venue(location: dict[str, Any] | None, how: str, source: str, key: str,
           name: str | None, house: str | None) -> dict[str, Any] | None:
    if location is None or how == "none":
        return None
    loc = {
        "id": location_id(source, f"{key}/ort"),
        "source_id": source,
        "name": name or location.get("name"),
        "street_address": location.get("street_address"),
        "postal_code": location.get("postal_code"),
        "locality": location.get("locality") or "Mülheim an der Ruhr",
        "latitude": None,
        "longitude": None,
        "geo_precision": None,
    }
    if house and loc["street_address"]:
        loc["street_address"] = re.sub(r"\s*\d+\s*[a-z]?$", "", loc["street_address"]) + f" {house}"
    if how == "abbrev":
        loc["street_address"] = _abbreviate(loc["street_address"])
    elif how == "name_only":
        loc["street_address"] = None
    elif how == "street_only":
        loc["name"] = None
    elif how == "geo":
        point = _geocode(location, key)
        if point:
            loc.update(latitude=point[0], longitude=point[1], geo_precision="street")
    elif how != "same":
        raise ValueError(f"unknown venue {how!r}")
    return loc


def make_variant(export: Export, spec: dict[str, Any], styles: dict[str, dict[str, Any]],
                 seed: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    source = spec["as"]
    opts = {**styles[source], **spec}
    base = export.find(spec["from"])
    base_location = export.location(base)
    if "venue_from" in opts:  # the venue of another demo offer
        base_location = export.location(export.find(opts["venue_from"]))
    key = opts.get("key") or f"{opts['key_prefix']}{_number(seed, 10000, 99999)}"
    offer = base
    offer["title"] = opts["title"]
    offer["description"] = _description(base, opts.get("desc", "keep"), opts.get("desc_text"))
    if "organiser" in opts:
        offer["organizer_name"] = None if opts["organiser"] == "none" else opts["organiser"]
    if opts.get("org", "own") == "own":
        offer["organization_id"] = organization_id(
            f"{source}:{offer.get('organizer_name') or base['organization_id']}"
        )
    if "kind" in opts:
        offer["kind"] = opts["kind"]
    if "dates_from" in opts:  # the timing of another demo offer
        other = export.find(opts["dates_from"])
        offer.update(start=other["start"], end=other["end"], schedule=other["schedule"])
    _dates(offer, opts.get("dates", "same"))
    if opts.get("shift_days"):
        _shift_days(offer, opts["shift_days"])
    if opts.get("shift_minutes"):
        _shift_minutes(offer, opts["shift_minutes"])
    if "date_text" in opts and offer.get("schedule"):
        offer["schedule"]["text"] = opts["date_text"]
    _prices(offer, opts.get("price", "same"))
    _ages(offer, opts.get("ages", "same"))
    if "ages_months" in opts:
        low, high = opts["ages_months"]
        offer["audience"].update(age_scope="range", age_min_months=low, age_max_months=high,
                                 age_text=f"{low}–{high} Monate")
    if "categories" in opts:
        offer["categories"] = opts["categories"]
    live = opts.get("live")
    offer.update(
        status="active" if base["status"] == "full" and live is None else base["status"],
        free_places=live,
        free_places_seen_at=base["provenance"]["fetched_at"] if live is not None else None,
        capacity=base.get("capacity") if live is not None else None,
        booking_url=None if not opts.get("booking") else offer.get("booking_url"),
        quality_flags=[],
    )
    if live is not None and offer["capacity"] is not None and live > offer["capacity"]:
        offer["capacity"] = live
    url = f"https://{opts['host']}/{opts.get('path', 'angebot')}/{key}"
    offer["url"] = url
    offer["id"] = offer_id(source, key)
    provenance = offer["provenance"]
    provenance.update(
        source_id=source, source_record_key=key, source_url=url,
        source_licence=opts.get("licence", provenance["source_licence"]),
        raw_record_id=hashlib.sha256(seed.encode()).hexdigest(),
    )
    location = _venue(base_location, opts.get("venue", "same"), source, key,
                      opts.get("venue_name"), opts.get("house"))
    offer["location_id"] = location["id"] if location else None
    return offer, location


# -- pairs


def _side(export: Export, side: Any, default_from: str | None,
          styles: dict[str, dict[str, Any]], seed: str) -> dict[str, Any]:
    if isinstance(side, str):
        offer = export.find(side)
        location = export.location(offer)
    else:
        spec = dict(side)
        spec.setdefault("from", default_from)
        offer, location = make_variant(export, spec, styles, seed)
    Offer.model_validate(offer)
    if location is not None:
        Location.model_validate(location)
    return {"offer": offer, "location": location}


def build_group(export: Export, path: Path, styles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    group = path.stem
    pairs = []
    for number, pair in enumerate(spec["pair"], start=1):
        pair_id = f"{group}-{number:03d}"
        a_ref = pair["a"] if isinstance(pair["a"], str) else pair["a"].get("from")
        pairs.append({
            "id": pair_id,
            "label": pair.get("label", spec["label"]),
            "note": pair.get("note", ""),
            "a": _side(export, pair["a"], None, styles, pair_id + "/a"),
            "b": _side(export, pair["b"], a_ref, styles, pair_id + "/b"),
        })
    return {"group": group, "label": spec["label"], "how": spec["how"].strip(), "pairs": pairs}


def _planted_same(export: Export) -> set[frozenset[str]]:
    """Offer-id pairs that ``demo.duplicates()`` calls one offer (none before it existed)."""
    import demo
    from pipelines.dedupe.evaluate import demo_sources
    from pipelines.dedupe.keyed import key_aliases

    planted = getattr(demo, "duplicates", None)
    if planted is None:
        return set()
    sources = demo_sources(Path("config/sources.demo.toml"))
    index = {}
    for o in export.offers:
        for alias in key_aliases(o["provenance"]["source_record_key"]):
            index.setdefault((o["provenance"]["source_id"], alias), o["id"])
    same = set()
    for a, b, is_same in planted():
        ia = index.get((sources.get(a[0], a[0]), a[1]))
        ib = index.get((sources.get(b[0], b[0]), b[1]))
        if is_same and ia and ib:
            same.add(frozenset((ia, ib)))
    return same


def demo_blocked_group(export: Export, taken: set[frozenset[str]]) -> dict[str, Any]:
    """Every cross-source pair of the demo export that blocking proposes. Before the demo world
    had planted cross-listings each real offer was listed by one provider only, so every pair
    is two offers; in a newer export, pairs ``demo.duplicates()`` calls one offer are labelled
    so."""
    offers = [Offer.model_validate(o) for o in export.offers]
    locations = {k: Location.model_validate(v) for k, v in export.locations.items()}
    features = [extract(o, locations.get(o.location_id or "")) for o in offers]
    pairs, _ = candidate_pairs(features)
    same = _planted_same(export)
    out = []
    for i, j in pairs:
        a, b = export.offers[i], export.offers[j]
        ids = frozenset((a["id"], b["id"]))
        if ids in taken:
            continue
        out.append({
            "id": f"demo_blocked-{len(out) + 1:03d}",
            "label": ids in same,
            "note": f"{a['title']} / {b['title']}",
            "a": {"offer": a, "location": export.locations.get(a.get("location_id") or "")},
            "b": {"offer": b, "location": export.locations.get(b.get("location_id") or "")},
        })
    return {
        "group": "demo_blocked",
        "label": False,
        "how": "Every pair of offers from two different demo sources that the blocking step "
        "proposes (same street, 300 m cell, postcode or rare title word, first days at most 6 "
        "days apart), from a demo export made before cross-listings were planted in the demo "
        "world: each real offer was listed by one provider only, so all are different offers. "
        "Many share a venue, a week or a title word.",
        "pairs": out,
    }


def main(argv: list[str]) -> None:
    export = Export(Path(argv[0]) if argv else Path("data/export/latest"))
    styles = tomllib.loads((SPEC_DIR / "_sources.toml").read_text(encoding="utf-8"))["source"]
    taken: set[frozenset[str]] = set()
    for path in sorted(SPEC_DIR.glob("[!_]*.toml")):
        group = build_group(export, path, styles)
        for pair in group["pairs"]:
            taken.add(frozenset((pair["a"]["offer"]["id"], pair["b"]["offer"]["id"])))
        _write(group)
    _write(demo_blocked_group(export, taken))


def _write(group: dict[str, Any]) -> None:
    path = HERE / f"{group['group']}.json"
    path.write_text(json.dumps(group, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    positives = sum(p["label"] for p in group["pairs"])
    print(f"{path.name}: {len(group['pairs'])} pairs ({positives} duplicates)")


if __name__ == "__main__":
    main(sys.argv[1:])
