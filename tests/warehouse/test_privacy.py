"""No personal data in any export file: childminders as counts unless they consented, never
their contacts; free-mail addresses and mobile numbers of persons removed everywhere."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.warehouse.builders import build_release, record

REGISTRY = """
[providers.tagespflege]
name = "Fachberatung Kindertagespflege"
type = "municipal"
phone = "+492084554500"

[providers.vhs]
name = "Volkshochschule"
type = "education"

[sources.tagespflege]
provider = "tagespflege"
adapter = "csv"
url = "https://stadt.example/tagespflege.csv"
licence = "dl-by-de/2.0"
key = "nr"
defaults = { kind = "childminding", city = "Mülheim an der Ruhr" }

[sources.vhs]
provider = "vhs"
adapter = "json_api"
url = "https://vhs.example/api"
licence = "dl-by-de/2.0"
key = "nr"
defaults = { kind = "course" }
"""

MINDERS = [  # fmt: skip
    # key, name, street, stadtteil, places, free, consent, e-mail, phone
    ("TP-01", "Kindertagespflege Anja Kowalski", "Lintorfer Straße 54", "Saarn", "5", "1", "ja", "anja.kowalski@gmx.example", "0176 12345678"),
    ("TP-02", "Tagesmutter Birgit Yilmaz", "Düsseldorfer Straße 100", "Saarn", "4", "0", "nein", "birgit.yilmaz@web.example", "0208 765432"),
    ("TP-03", "Tagespflege Claudia Neumann", "Mellinghofer Straße 210", "Dümpten", "5", "2", "", "c.neumann@t-online.example", "0208 4455667"),
]
PRIVATE = [
    "Kowalski",
    "Yilmaz",
    "Neumann",
    "Zeppelinstraße",
    "Holunderweg",
    "Mellinghofer",
    "gmx.example",
    "web.example",
    "t-online.example",
    "12345678",
    "765432",
    "4455667",
]


@pytest.fixture
def release(tmp_path: Path):
    minders = [
        record(
            "tagespflege",
            key,
            title=name,
            description=f"Betreuung im eigenen Haushalt, Tel. {phone}",
            street=street,
            district=stadtteil,
            postal_code="45481",
            capacity=places,
            free_places=free,
            consent=consent,
            email=email,
            phone=phone,
            age_text="U3",
        )
        for key, name, street, stadtteil, places, free, consent, email, phone in MINDERS
        for postcode in ["45475" if stadtteil == "Dümpten" else "45481"]
    ]
    courses = [
        record(
            "vhs",
            "K1",
            title="Babymassage",
            email="kursleitung.mueller@gmail.com",
            phone="0171 2223334",
        ),
        record(
            "vhs", "K2", title="Erste Hilfe am Kind", email="info@vhs.example", phone="0208 4554141"
        ),
        record(
            "vhs",
            "K3",
            title="Krabbelgruppe im Stadtteil",
            description="Fragen an die Kursleiterin Petra Hoffmann: mobil 0151 / 23 45 67 89 "
            "oder petra.hoffmann@gmail.com. Anmeldung über das VHS-Büro, Tel. 0208 455-4141, "
            "info@vhs.example.",
            price_text="15 Euro, Rückfragen unter +49 (0)172 9876543",
        ),
    ]
    built, con, _ = build_release(tmp_path, REGISTRY, {"tagespflege": minders, "vhs": courses})
    yield built
    con.close()


def table(release, name: str) -> list[dict[str, str]]:
    with (release.path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_no_private_name_address_or_contact_of_a_person_without_consent_anywhere(release):
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in release.path.rglob("*")
        if p.is_file() and p.suffix in (".csv", ".json", ".md")
    )
    for private in PRIVATE[1:3] + PRIVATE[4:6] + PRIVATE[7:9] + PRIVATE[10:]:
        assert private not in everything, private
    parquet = b"".join(p.read_bytes() for p in (release.path / "parquet").glob("*.parquet"))
    for private in ("Yilmaz", "Neumann", "Düsseldorfer", "Mellinghofer"):
        assert private.encode() not in parquet


def test_a_consenting_childminder_is_published_at_stadtteil_level_without_contacts(release):
    offers = {o["provenance_source_record_key"]: o for o in table(release, "offers")}
    assert set(offers) == {"TP-01", "K1", "K2", "K3"}
    minder = offers["TP-01"]
    assert (minder["contact_email"], minder["contact_phone"]) == ("", "")
    assert "12345678" not in minder["description"] and "[Telefon entfernt]" in minder["description"]
    assert "located_by_district_only" in minder["quality_flags"]
    (location,) = [loc for loc in table(release, "locations") if loc["id"] == minder["location_id"]]
    assert (location["name"], location["street_address"], location["postal_code"]) == (
        "Saarn",
        "",
        "",
    )
    assert location["stadtteil_name"] == "Saarn"


def test_childminding_is_published_as_counts_per_stadtteil(release):
    summary = {row["stadtteil_name"]: row for row in table(release, "childminding")}
    assert set(summary) == {"Saarn", "Dümpten"}
    assert (
        summary["Saarn"]["childminders"],
        summary["Saarn"]["places"],
        summary["Saarn"]["free_places"],
    ) == ("2", "9", "1")
    assert (summary["Dümpten"]["childminders"], summary["Dümpten"]["places"]) == ("1", "5")
    organizations = {o["id"]: o for o in table(release, "organizations")}
    assert (
        organizations[summary["Saarn"]["organization_id"]]["name"]
        == "Fachberatung Kindertagespflege"
    )
    assert release.withheld["private_person_without_consent"] == 2


def test_a_persons_free_mail_and_mobile_number_are_removed_from_other_offers(release):
    offers = {o["provenance_source_record_key"]: o for o in table(release, "offers")}
    assert (offers["K1"]["contact_email"], offers["K1"]["contact_phone"]) == ("", "")
    assert "personal_contact_removed" in offers["K1"]["quality_flags"]
    assert (offers["K2"]["contact_email"], offers["K2"]["contact_phone"]) == (
        "info@vhs.example",
        "+492084554141",
    )


def test_a_persons_contacts_are_removed_from_free_text_but_functional_ones_kept(release):
    offers = {o["provenance_source_record_key"]: o for o in table(release, "offers")}
    text = offers["K3"]["description"]
    assert "0151" not in text and "gmail" not in text
    assert text.count("[Telefon entfernt]") == 1 and "[E-Mail entfernt]" in text
    assert "0208 455-4141" in text and "info@vhs.example" in text  # the office's, kept
    assert "9876543" not in offers["K3"]["price_text"]
    assert "personal_contact_removed" in offers["K3"]["quality_flags"]


def test_no_file_of_the_release_holds_a_persons_email_or_mobile_number(release):
    """Scanned like an outsider would: every file, with phonenumbers' own matcher."""
    import re

    import phonenumbers
    import pyarrow.parquet as pq

    from pipelines.privacy import FREEMAIL

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in release.path.rglob("*")
             if p.is_file() and p.suffix in (".csv", ".json", ".md")]
    texts += [pq.read_table(p).to_pandas().to_csv() for p in release.path.rglob("*.parquet")]
    mails, mobiles = [], []
    for text in texts:
        mails += [m for m in re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", text)
                  if m.lower() in FREEMAIL or m.endswith((".example",)) and "vhs" not in m]
        for match in phonenumbers.PhoneNumberMatcher(text, "DE"):
            if phonenumbers.number_type(match.number) == phonenumbers.PhoneNumberType.MOBILE:
                mobiles.append(match.raw_string)
    assert mails == [] and mobiles == []
