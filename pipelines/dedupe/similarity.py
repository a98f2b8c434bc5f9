"""How alike two offers are, and the rule that calls a pair one real offer.

A pair gets five component similarities in 0..1 — title, venue, dates, ages, organiser — and a
list of *conflicts*: facts that two listings of one offer cannot disagree on.

Conflicts (any one makes the pair "not a duplicate", whatever the score):

``same_source``       a source's own keys are distinct offers, always
``family``            different kind families (see :func:`~pipelines.dedupe.features.kind_family`)
``dates``             one offer has dates and the other none; or the shorter offer shares fewer
                      than :data:`MIN_DAY_OVERLAP` of its session days with the other (different
                      weeks of one programme); or the first days lie more than
                      :data:`MAX_FIRST_DAY_GAP` days apart
``start_time``        both give a start time and they differ by :data:`MAX_START_DIFF_MIN` minutes
                      or more (parallel groups at one pool)
``venue``             the venues are known to differ (other street, other postcode, or more
                      than :data:`FAR_METRES` apart) and nothing says they are one place (same
                      street, matching name, within 300 m); see :func:`venue_similarity`
``venue_unknown``     dated offers, one without any venue, whose organisers are not known to
                      agree (:data:`SAME_ORGANISER`): "Verlässliche Ferienspiele" of one week
                      run at many schools, and a listing without the school cannot be told apart
``ages``              dated offers whose stated age ranges start a year or more apart, or
                      overlap by less than :data:`MIN_AGE_OVERLAP` of the narrower range
                      (different age groups; a Kita's "0–6" against "1–6" is no conflict)
``title_numbers``     numbers in both titles and neither set contains the other ("Gruppe 1" and
                      "Gruppe 2", "(1–2 Jahre)" and "(2–3 Jahre)")

Title: the better of comparing the whole folded titles and their cores (without the words of
each offer's own venue and organiser, see ``OfferFeatures.title_core``).

Score: a weighted mean of the components (:data:`WEIGHTS_DATED` for dated offers,
:data:`WEIGHTS_UNDATED` otherwise). An unknown venue counts as 0.5; an unknown organiser or age
range is left out and the other weights are scaled up.

Decision (:class:`DecisionRule`): a duplicate when there is no conflict, the title similarity is
at least ``title_min`` and the score at least ``score_min``. The two thresholds are chosen on the
training half of the labelled pairs (``python -m pipelines.dedupe.evaluate --tune``); the
defaults below are that choice.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipelines.dedupe.days import Days
from pipelines.dedupe.features import OfferFeatures, Venue

MIN_DAY_OVERLAP = 0.5
MAX_FIRST_DAY_GAP = 6
MAX_START_DIFF_MIN = 30
FAR_METRES = 1000.0
MIN_AGE_OVERLAP = 0.6
AGE_START_GAP_MONTHS = 12
UNKNOWN_VENUE = 0.5
SAME_ORGANISER = 0.8

WEIGHTS_DATED = {"title": 0.40, "venue": 0.25, "dates": 0.20, "ages": 0.10, "organiser": 0.05}
WEIGHTS_UNDATED = {"title": 0.55, "venue": 0.35, "ages": 0.05, "organiser": 0.05}


@dataclass(frozen=True, slots=True)
class PairScore:
    """Component similarities (``None``: not comparable), conflicts and the weighted score."""

    title: float
    venue: float | None
    dates: float | None
    ages: float | None
    organiser: float | None
    conflicts: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class DecisionRule:
    """Accept a pair without conflicts whose title and score reach the thresholds.

    The defaults are what :func:`pipelines.dedupe.labelled.tune` picks on the training half of
    the labelled pairs (best F0.5, then the middle of the plateau of equally good thresholds;
    a test keeps them in step). On that half every title threshold in 0.67–0.75 and every score
    threshold in 0.40–0.78 is equally good: the conflicts and the title decide, the score
    threshold only stops pairs whose evidence is thin everywhere.

    ``link_floor`` guards clusters against chaining: two groups are joined only when every
    pair across them is free of conflicts and scores at least this much. It lies below
    ``score_min`` so that a pair's own edge always passes; members that were not compared
    directly (two aggregators' rewordings) need not be accepted pairs, only compatible ones.
    """

    title_min: float = 0.71
    score_min: float = 0.59
    link_floor: float = 0.5

    def accepts(self, pair: PairScore) -> bool:
        return not pair.conflicts and pair.title >= self.title_min and pair.score >= self.score_min


DEFAULT_RULE = DecisionRule()


# -- components


def title_similarity(a: str, b: str) -> float:
    """Token-set ratio of the folded titles, or the ratio of their compact forms (so that
    "Eltern-Kind-Gruppe" meets "Elternkindgruppe"), or, for titles of 8+ letters, a slightly
    discounted partial ratio (one title a reworded part of the other)."""
    if not a or not b:
        return 0.0
    best = fuzz.token_set_ratio(a, b)
    ca, cb = a.replace(" ", ""), b.replace(" ", "")
    best = max(best, fuzz.ratio(ca, cb))
    if min(len(ca), len(cb)) >= 8:
        best = max(best, 0.9 * fuzz.partial_ratio(ca, cb))
    return best / 100.0


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on a city scale (equirectangular; < 0.1 % off within a few km)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_000.0 * math.hypot(x, y)


def name_similarity(a: str, b: str) -> float:
    """Venue names: 1.0 when one name's words contain the other's ("Medienhaus" and
    "Medienhaus Stadtbibliothek"), else the plain ratio, so that a long shared word does not
    make "Familienzentrum Styrum" and "Familienzentrum Heissen" alike."""
    wa, wb = set(a.split()), set(b.split())
    if wa <= wb or wb <= wa:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def venue_similarity(a: Venue, b: Venue) -> tuple[float | None, bool]:
    """Similarity of two venues and whether they are known to be different places.

    Same-place evidence: the same street (house numbers equal or one missing), names that
    match (:func:`name_similarity` >= 0.85) or coordinates within 300 m. Different-place
    evidence: other streets, other postcodes, or more than :data:`FAR_METRES` apart. A conflict
    needs different-place evidence and no same-place evidence: providers geocode one building
    differently (in the demo world by up to a kilometre), and a corner school has two streets.
    """
    if a.location_id is not None and a.location_id == b.location_id:
        return 1.0, False
    signals: list[float] = []
    same_place = differs = False
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        distance = metres(a.lat, a.lon, b.lat, b.lon)
        signals.append(
            1.0 if distance <= 100 else 0.85 if distance <= 300 else 0.5 if distance <= 600 else 0.0
        )
        same_place = distance <= 300
        differs = distance > FAR_METRES
    if a.street and b.street:
        if a.street == b.street or fuzz.ratio(a.street, b.street) >= 90:
            if a.house_number and b.house_number and a.house_number != b.house_number:
                signals.append(0.8)
            else:
                signals.append(1.0 if a.house_number else 0.9)
                same_place = True
        else:
            differs = True
    if a.name and b.name:
        name = name_similarity(a.name, b.name)
        signals.append(name if name >= 0.85 else 0.0)
        same_place = same_place or name >= 0.85
    if a.postcode and b.postcode:
        if a.postcode == b.postcode:
            signals.append(0.5)
        else:
            differs = True
    if not signals and not differs:
        return None, False
    return max(signals, default=0.0), differs and not same_place


def _clip(days: Days, last: int) -> Days:
    """An open-ended series compared with a bounded one: only its days up to the other's end."""
    kept = frozenset(d for d in days.days if d <= last) if days.days is not None else None
    if kept is not None and not kept:
        return Days(days.first, days.first, frozenset(), False)
    return Days(days.first, max(days.first, min(days.last, last)), kept, False)


def date_similarity(a: OfferFeatures, b: OfferFeatures) -> tuple[float | None, str | None]:
    """Overlap of the session days, and the conflict (``dates``/``start_time``) if any."""
    da, db = a.days, b.days
    if da is None and db is None:
        return None, None
    if da is None or db is None:
        return 0.0, "dates"
    if da.open_end and not db.open_end:
        da = _clip(da, db.last)
    elif db.open_end and not da.open_end:
        db = _clip(db, da.last)
    if da.days is not None and db.days is not None:
        shared = len(da.days & db.days)
        smaller = max(1, min(len(da.days), len(db.days)))
        union = max(1, len(da.days) + len(db.days) - shared)
    else:
        shared = max(0, min(da.last, db.last) - max(da.first, db.first) + 1)
        smaller = min(da.last - da.first, db.last - db.first) + 1
        union = max(da.last, db.last) - min(da.first, db.first) + 1
    overlap = shared / smaller
    jaccard = shared / union
    score = 0.7 * overlap + 0.3 * jaccard
    if overlap < MIN_DAY_OVERLAP or abs(da.first - db.first) > MAX_FIRST_DAY_GAP:
        return score, "dates"
    if (
        a.start_minutes is not None
        and b.start_minutes is not None
        and abs(a.start_minutes - b.start_minutes) >= MAX_START_DIFF_MIN
    ):
        return score, "start_time"
    return score, None


def age_similarity(a: OfferFeatures, b: OfferFeatures) -> tuple[float | None, bool]:
    """Agreement of two stated age ranges (months) and whether they are different groups."""
    if not (a.age_stated and b.age_stated):
        return None, False
    lo_a, lo_b = a.age_min or 0, b.age_min or 0
    hi_a = a.age_max if a.age_max is not None else 1200
    hi_b = b.age_max if b.age_max is not None else 1200
    shared = max(0, min(hi_a, hi_b) - max(lo_a, lo_b) + 1)
    narrower = min(hi_a - lo_a, hi_b - lo_b) + 1
    overlap = shared / narrower
    gap = abs(lo_a - lo_b)
    score = 1.0 - 0.5 * min(1.0, gap / AGE_START_GAP_MONTHS) - 0.5 * (1.0 - overlap)
    return score, gap >= AGE_START_GAP_MONTHS or overlap < MIN_AGE_OVERLAP


def organiser_similarity(a: OfferFeatures, b: OfferFeatures) -> float | None:
    if a.organization_id == b.organization_id:
        return 1.0
    if a.organiser and b.organiser:
        return fuzz.token_set_ratio(a.organiser, b.organiser) / 100.0
    return None


def _numbers_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not (a <= b or b <= a)


# -- the pair


def quick_conflict(a: OfferFeatures, b: OfferFeatures) -> str | None:
    """The first of the cheap conflicts (source, family, days, start time), if any: most
    pairs that blocking proposes fail here, before any string is compared."""
    if a.source_id == b.source_id:
        return "same_source"
    if a.family != b.family:
        return "family"
    return date_similarity(a, b)[1]


def score_pair(a: OfferFeatures, b: OfferFeatures) -> PairScore:
    """Compare two offers (any order gives the same result)."""
    conflicts: list[str] = []
    if a.source_id == b.source_id:
        conflicts.append("same_source")
    if a.family != b.family:
        conflicts.append("family")
    title = title_similarity(a.title, b.title)
    if title < 1.0 and (a.title_core != a.title or b.title_core != b.title):
        title = max(title, title_similarity(a.title_core, b.title_core))
    if _numbers_conflict(a.title_numbers, b.title_numbers):
        conflicts.append("title_numbers")
    venue, venue_conflict = venue_similarity(a.venue, b.venue)
    if venue_conflict:
        conflicts.append("venue")
    dates, date_conflict = date_similarity(a, b)
    if date_conflict:
        conflicts.append(date_conflict)
    ages, age_conflict = age_similarity(a, b)
    if age_conflict and dates is not None:
        conflicts.append("ages")
    organiser = organiser_similarity(a, b)
    if (
        dates is not None
        and (a.venue.location_id is None or b.venue.location_id is None)
        and (organiser is None or organiser < SAME_ORGANISER)
    ):
        conflicts.append("venue_unknown")

    weights = WEIGHTS_DATED if dates is not None else WEIGHTS_UNDATED
    values = {
        "title": title,
        "venue": UNKNOWN_VENUE if venue is None else venue,
        "dates": dates,
        "ages": ages,
        "organiser": organiser,
    }
    total = weight_sum = 0.0
    for name, weight in weights.items():
        value = values[name]
        if value is not None:
            total += weight * value
            weight_sum += weight
    score = total / weight_sum if weight_sum else 0.0
    return PairScore(title, venue, dates, ages, organiser, tuple(conflicts), round(score, 6))
