"""schema.org type names: short forms and the subtypes a wanted type also accepts.

Light on purpose (no HTML libraries): used by extraction and by the schema.org mapper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_LOCAL_BUSINESS = frozenset(
    {
        "ChildCare",
        "EntertainmentBusiness",
        "SportsActivityLocation",
        "SportsClub",
        "ExerciseGym",
        "PublicSwimmingPool",
        "EmergencyService",
        "MedicalBusiness",
    }
)
_CIVIC_STRUCTURE = frozenset(
    {
        "Library",
        "Museum",
        "Park",
        "Playground",
        "Zoo",
        "Aquarium",
        "PublicToilet",
        "MovieTheater",
        "EventVenue",
        "CommunityCenter",
    }
)

SUBTYPES: dict[str, frozenset[str]] = {
    "Event": frozenset(
        {
            "BusinessEvent",
            "ChildrensEvent",
            "ComedyEvent",
            "CourseInstance",
            "DanceEvent",
            "EducationEvent",
            "EventSeries",
            "ExhibitionEvent",
            "Festival",
            "FoodEvent",
            "Hackathon",
            "LiteraryEvent",
            "MusicEvent",
            "SaleEvent",
            "ScreeningEvent",
            "SocialEvent",
            "SportsEvent",
            "TheaterEvent",
            "VisualArtsEvent",
        }
    ),
    "LocalBusiness": _LOCAL_BUSINESS,
    "CivicStructure": _CIVIC_STRUCTURE,
    "Place": _LOCAL_BUSINESS | _CIVIC_STRUCTURE | {"LocalBusiness", "CivicStructure"},
    "Organization": frozenset(
        {
            "NGO",
            "GovernmentOrganization",
            "EducationalOrganization",
            "Preschool",
            "ElementarySchool",
            "SportsOrganization",
            "SportsTeam",
        }
    ),
}
"""The schema.org subtypes (a practical selection, not the whole tree) a wanted type accepts."""


def type_names(obj: dict[str, Any]) -> list[str]:
    """The ``@type`` of an object as short names: ``http://schema.org/Event`` -> ``Event``."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return [re.split(r"[/#:]", v.strip())[-1] for v in values if isinstance(v, str) and v.strip()]


def expand_types(types: Iterable[str]) -> frozenset[str]:
    """The given type names together with their subtypes from :data:`SUBTYPES`."""
    out = set(types)
    for name in list(out):
        out |= SUBTYPES.get(name, frozenset())
    return frozenset(out)


def type_family(name: str) -> str:
    """The broad type a type belongs to (``ChildrensEvent`` -> ``Event``, ``ChildCare`` ->
    ``Place``), or the type itself."""
    for root in ("Event", "Place", "Organization"):
        if name == root or name in SUBTYPES[root]:
            return root
    return name
