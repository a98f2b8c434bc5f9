"""The childminder placement office's internal list (kind childminding): 30 childminders —
private persons with home addresses, private phone numbers and e-mail addresses. All names
are invented, e-mail domains end in ``.example``, numbers are fictitious 0208 numbers.

Only ten consented to being published one by one ("Einwilligung Veröffentlichung: ja"); for
everybody else open data may show no more than counts and places per Stadtteil.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from demo.content.german import slug
from demo.content.places import DISTRICTS, QUARTERS, phone
from demo.content.seed import pick, rng
from schemas.vocab import OfferKind

PROVIDER = "tagespflege"
OFFICE = "Stadt Mülheim an der Ruhr – Fachberatung Kindertagespflege"

SURNAMES = (
    "Brinkhoff", "Yıldırım", "Schultewolter", "Kowalczyk", "Terhardt", "Özkan", "Heckhausen",
    "Lindemeier", "Rademächer", "Scholtissek", "Baumgärtel", "Kuhlendahl", "Demirtaş",
    "Sandkühler", "Woltering", "Petrović", "Hülskamp", "Kremerskothen", "Albershardt",
    "Janßen-Ruhe", "Tenbrinck", "Kaisersberg", "Esselborn", "Marxen", "Brauckhoff", "Nowaczyk",
    "Hegemeister", "Vossenkuhl", "Grafweg", "Mertensacker",
)  # fmt: skip
FIRST_NAMES = (
    "Sabine", "Anja", "Melanie", "Fatma", "Katarzyna", "Jennifer", "Nicole", "Ayşe", "Claudia",
    "Tanja", "Swetlana", "Stefanie", "Daniela", "Petra", "Elif", "Nadine", "Martina", "Julia",
    "Marco", "Kerstin", "Birgit", "Monika", "Sandra", "Olga", "Heike", "Yvonne", "Miriam",
    "Thomas", "Nina", "Andrea",
)  # fmt: skip
MAIL_DOMAINS = ("mail.example", "web.example", "posteo.example", "familienpost.example")
AGES = ("U3", "U3", "U3", "U3 und Ü3", "0–3 J.", "1–6 J.")
HOURS = (
    "Mo–Fr 7.00–15.00 Uhr",
    "Mo–Fr 7.30–16.30 Uhr",
    "Mo–Do 8–16 Uhr, Fr 8–13 Uhr",
    "Mo–Fr 6.30–14.30 Uhr",
    "flexibel nach Absprache",
)
QUALIFICATIONS = ("QHB (300 UE)", "QHB (300 UE)", "160 UE + Aufbaukurs", "Erzieherin")
AREAS = (
    *DISTRICTS,
    "Eppinghofen",
    "Winkhausen",
    "Heimaterde",
    "Holthausen",
    "Selbeck",
    "Raadt",
)


@dataclass(frozen=True)
class Childminder:
    key: str
    surname: str
    first_name: str
    street: str
    postcode: str
    area: str  # as written: official Stadtteil or everyday name
    district: str  # official Stadtteil
    phone: str
    email: str
    places: int
    free: int
    ages: str
    hours: str
    qualification: str
    consent: bool
    kind: str = OfferKind.CHILDMINDING.value


def _address(r_name: str, area: str) -> tuple[str, str, str]:
    r = rng(f"{PROVIDER}:address:{r_name}")
    if area in QUARTERS:
        q = QUARTERS[area]
        return f"{pick(r, q.streets)} {r.randint(2, 180)}", q.postcode, q.district
    d = DISTRICTS[area]
    return f"{pick(r, d.streets)} {r.randint(2, 180)}", pick(r, d.postcodes), d.name


@cache
def childminders() -> tuple[Childminder, ...]:
    """The 30 childminders in list order; keys TP-nnn. Every third one consented."""
    r = rng(PROVIDER)
    out: list[Childminder] = []
    number = 100
    for i, (surname, first) in enumerate(zip(SURNAMES, FIRST_NAMES, strict=True)):
        number += r.randint(1, 7)
        area = pick(r, AREAS)
        street, postcode, district = _address(f"{first} {surname}", area)
        places = pick(r, (3, 4, 5, 5))
        mail_name = ".".join(slug(n.replace("ı", "i")) for n in (first, surname))
        out.append(
            Childminder(
                key=f"TP-{number}",
                surname=surname,
                first_name=first,
                street=street,
                postcode=postcode,
                area=area,
                district=district,
                phone=phone(f"{PROVIDER}:{first} {surname}"),
                email=f"{mail_name}@{pick(r, MAIL_DOMAINS)}",
                places=places,
                free=min(places, pick(r, (0, 0, 1, 1, 2, 3))),
                ages=pick(r, AGES),
                hours=pick(r, HOURS),
                qualification=pick(r, QUALIFICATIONS),
                consent=i % 3 == 1,
            )
        )
    return tuple(out)
