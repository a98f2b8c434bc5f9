"""The surviving record of a cluster, built field by field from its members.

Members are ranked by **source priority**: the order of ``priority`` (best first); sources not
named there come after, alphabetically. ``field_priority`` can override the order for one
field group (e.g. ``{"live": ["ferienportal"]}``: the booking portal wins live free places).

Field groups are taken whole from one member, so that what belongs together stays consistent
(prices and ``is_free``; free places, their capacity and the time they were seen):

* ``identity`` — id, kind, title, provenance: the best-ranked member.
* ``description`` — the richest (longest) text; of equally long ones the better-ranked.
  With a ``field_priority["description"]`` order: the first member in it that has one.
* ``organisation`` — organization_id and organizer_name of the best-ranked member (the name
  filled from the next member naming one if it has none).
* ``url``, ``venue`` (location_id), ``timing`` (start, end, schedule), ``prices`` (is_free,
  prices, price_text), ``booking`` (booking_url, booking_required, registration_opens),
  ``contact`` (contact_email, contact_phone): the best-ranked member that has any of them —
  a value present beats an empty one.
* ``audience``: the best-ranked member that states ages or target groups.
* ``live`` — status, capacity, free_places, free_places_seen_at: the best-ranked member with
  free places, else with a capacity (and then the status of the best-ranked member).
* categories and languages: the union; quality_flags: the union plus ``duplicate_merged``.

The survivor keeps the id **and the provenance** of its best-ranked member: ids are never
invented, and the record's provenance names the source of its id. The other members' ids,
sources and keys are kept as links (see :mod:`pipelines.dedupe.clusters`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schemas.offer import Offer
from schemas.vocab import AgeScope

MERGED_FLAG = "duplicate_merged"

GROUPS: dict[str, tuple[str, ...]] = {
    "url": ("url",),
    "venue": ("location_id",),
    "audience": ("audience",),
    "timing": ("start", "end", "schedule"),
    "prices": ("is_free", "prices", "price_text"),
    "booking": ("booking_url", "booking_required", "registration_opens"),
    "live": ("status", "capacity", "free_places", "free_places_seen_at"),
    "contact": ("contact_email", "contact_phone"),
}


@dataclass(frozen=True)
class MergePolicy:
    """Source priority, best first, with optional per-group orders (keys of :data:`GROUPS`,
    or ``"description"``, ``"organisation"``). A group order puts its sources first and keeps
    the general order after them."""

    priority: tuple[str, ...]
    field_priority: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def _order(self, group: str | None) -> dict[str, tuple[int, int]]:
        cache: dict[str | None, dict[str, tuple[int, int]]]
        cache = self.__dict__.setdefault("_orders", {})  # frozen: memo kept beside the fields
        if group not in cache:
            general = {source: i for i, source in enumerate(self.priority)}
            special = {s: i for i, s in enumerate(self.field_priority.get(group or "", ()))}
            big = len(general) + len(special) + 1
            cache[group] = {
                s: (special.get(s, big), general.get(s, big)) for s in {*general, *special}
            }
            cache[group][""] = (big, big)
        return cache[group]

    def rank(self, members: Sequence[Offer], group: str | None = None) -> list[Offer]:
        """Best first; unknown sources after known ones, alphabetically; then by offer id."""
        order = self._order(group)
        default = order[""]

        def key(offer: Offer) -> tuple[int, int, str, str]:
            source = offer.provenance.source_id
            return (*order.get(source, default), source, offer.id)

        return sorted(members, key=key)


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _audience_present(offer: Offer) -> bool:
    audience = offer.audience
    return audience.age_scope is not AgeScope.NOT_STATED or bool(audience.target_groups)


_HAS: dict[str, Callable[[Offer], bool]] = {
    "live": lambda o: o.free_places is not None,
    "audience": _audience_present,
}


def _first(ranked: Sequence[Offer], group: str) -> Offer:
    has = _HAS.get(group) or (lambda o: any(_present(getattr(o, f)) for f in GROUPS[group]))
    found = next((o for o in ranked if has(o)), None)
    if found is None and group == "live":  # nobody saw free places: the first with a capacity
        found = next((o for o in ranked if o.capacity is not None), None)
    return found or ranked[0]


def _text_length(offer: Offer) -> int:
    return len(" ".join((offer.description or "").split()))


def _union(members: Sequence[Offer], name: str) -> list[Any]:
    values: list[Any] = []
    for offer in members:
        for value in getattr(offer, name):
            if value not in values:
                values.append(value)
    return sorted(values)


def build_survivor(members: Sequence[Offer], policy: MergePolicy) -> Offer:
    """One record for the real offer that ``members`` (2 or more listings) describe."""
    ranked = policy.rank(members)
    best = ranked[0]
    data: dict[str, Any] = best.model_dump()

    if "description" in policy.field_priority:
        described = [o for o in policy.rank(members, "description") if o.description]
        source = described[0] if described else best
    else:  # the richest text; max() keeps the better-ranked of equally long ones
        described = [o for o in ranked if o.description]
        source = max(described, key=_text_length, default=best)
    data["description"] = source.description

    organiser = policy.rank(members, "organisation")[0]
    data["organization_id"] = organiser.organization_id
    data["organizer_name"] = organiser.organizer_name or next(
        (o.organizer_name for o in policy.rank(members, "organisation") if o.organizer_name), None
    )

    for group, names in GROUPS.items():
        chosen = _first(policy.rank(members, group), group)
        for name in names:
            data[name] = getattr(chosen, name)
    if data["free_places"] is None:
        data["status"] = best.status.value

    data["categories"] = _union(members, "categories")
    data["languages"] = _union(members, "languages")
    data["quality_flags"] = sorted({*(_union(members, "quality_flags")), MERGED_FLAG})
    return Offer.model_validate(data)
