"""RSS/Atom reader on two German feeds saved as fixtures (a Windows-1252 RSS 2.0, an Atom)."""

from __future__ import annotations

import pytest

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.problems import ProblemLog
from scrapers.readers.rss import parse

FZ = "https://familienzentrum-sonnenblume.example.org"
BIB = "https://stadtbibliothek.example.de"
FZ_FEED = {"title": "Familienzentrum Sonnenblume – Termine", "link": f"{FZ}/termine/",
           "language": "de-de"}


def rss_source(url: str = "file:///dev/null", key: str | None = None, **options) -> Source:
    # AdapterKind in schemas/source.py has no "rss" member yet, so a validated Source cannot
    # name this adapter; the reader itself only needs id, url, key and options.
    return Source.model_construct(id="test-rss", provider="test", adapter="rss", url=url,
                                  licence="dl-by-de/2.0", key=key, options=options)


def test_rss_whole_records(reader_fixtures, fetcher, frozen_now):
    path = reader_fixtures / "veranstaltungen.rss"
    problems = ProblemLog()
    read = list(get_reader("rss")(rss_source(path.as_uri()), fetcher, problems))
    assert [r.record_key for r in read] == [
        "fz-sonnenblume-termin-4711", f"{FZ}/termine/laternen-basteln",
        "fz-sonnenblume-termin-4711",
    ]
    assert read[0] == RawRecord(
        source_id="test-rss", record_key="fz-sonnenblume-termin-4711", url=path.as_uri(),
        fetched_at=frozen_now, shape=RawShape.RSS,
        fields={
            "id": "fz-sonnenblume-termin-4711",
            "title": "Eltern-Kind-Turnen (1–3 Jahre)",
            "link": f"{FZ}/termine/eltern-kind-turnen",
            "links": [
                {"rel": "alternate", "type": "text/html",
                 "href": f"{FZ}/termine/eltern-kind-turnen"},
                {"length": "48213", "type": "image/jpeg", "href": f"{FZ}/bilder/turnen.jpg",
                 "rel": "enclosure"},
            ],
            "summary": "<p>Bewegungsspiele für Kinder von 1 bis 3 Jahren mit einer "
                       "Begleitperson. <strong>Kosten:</strong> 4&nbsp;€ pro Termin.</p>",
            "content": [{"type": "text/html", "language": None,
                         "value": "<p>Jeden Dienstag von 10:00 bis 11:00 Uhr in der Turnhalle "
                                  "der Grundschule Am Bühl.</p><p>Bitte Stoppersocken "
                                  "mitbringen!</p>"}],
            "published": "Mon, 02 Nov 2026 09:15:00 +0100",
            "published_utc": "2026-11-02T08:15:00+00:00",
            "updated": None,
            "updated_utc": None,
            "author": "Jana Schäfer",
            "categories": [{"term": "Bewegung", "scheme": None, "label": None},
                           {"term": "Kleinkinder", "scheme": None, "label": None}],
            "enclosures": [{"href": f"{FZ}/bilder/turnen.jpg", "type": "image/jpeg",
                            "length": "48213"}],
            "ev_startdate": "2026-11-24T10:00:00+01:00",
            "ev_enddate": "2026-11-24T11:00:00+01:00",
            "ev_location": "Turnhalle Grundschule Am Bühl, Bühlstraße 12",
            "ev_organizer": "Familienzentrum Sonnenblume",
            "ev_type": "Kurs",
            "feed": FZ_FEED,
        },
    )
    assert [(p.where, p.kind, p.skipped) for p in problems] == [
        ("entry 3", "no_key", True), ("entry 4", "duplicate_key", False),
    ]
    assert str(problems.problems[0]) == ("source 'test-rss', entry 3, field 'id': entry "
                                         "'Offener Familientreff' has neither guid/id nor link")


def test_rss_xcal_fields_and_link_as_key(reader_fixtures, frozen_now):
    content = (reader_fixtures / "veranstaltungen.rss").read_bytes()
    second = list(parse(content, rss_source(), url=None, fetched_at=frozen_now))[1]
    assert second.fields == {
        "id": None,
        "title": "Herbstferien-Werkstatt: Laternen basteln",
        "link": f"{FZ}/termine/laternen-basteln",
        "links": [{"rel": "alternate", "type": "text/html",
                   "href": f"{FZ}/termine/laternen-basteln"}],
        "summary": "Für Kinder von 6 bis 10 Jahren. Anmeldung bis 6.11. im Büro, 8 € inkl. "
                   "Material.",
        "content": [],
        "published": "Wed, 28 Oct 2026 14:30:00 +0100",
        "published_utc": "2026-10-28T13:30:00+00:00",
        "updated": None,
        "updated_utc": None,
        "author": None,
        "categories": [{"term": "Ferienangebot", "scheme": f"{FZ}/kategorien", "label": None}],
        "enclosures": [],
        "xcal_dtstart": "20261109T150000",
        "xcal_dtend": "20261109T170000",
        "xcal_location": "Familienzentrum Sonnenblume, Raum „Regenbogen“",
        "feed": FZ_FEED,
    }


def test_atom_entries(reader_fixtures, frozen_now):
    content = (reader_fixtures / "kinderprogramm.atom").read_bytes()
    problems = ProblemLog()
    read = list(parse(content, rss_source(), url="file:///kinderprogramm.atom",
                      fetched_at=frozen_now, problems=problems))
    assert problems.count == 0
    assert [r.record_key for r in read] == [
        "tag:stadtbibliothek.example.de,2026:veranstaltung-20931",
        f"{BIB}/programm/kinder/comic-workshop",
    ]
    first = read[0].fields
    assert first["title"] == "Vorlesestunde: „Der Grüffelo“ für Kinder ab 4"
    assert first["summary"] == ("Samstag, 28.11.2026, 11:00–11:45 Uhr, Kinderbibliothek "
                                "(1. OG). Eintritt frei, ohne Anmeldung.")
    assert first["content"] == [{
        "type": "text/html", "language": "de",
        "value": "<p>Wir lesen gemeinsam <em>Der Grüffelo</em> und basteln danach eine Maus aus "
                 "Papier.</p><p>Für Kinder von 4 bis 7 Jahren.</p>",
    }]
    assert (first["published"], first["published_utc"]) == (
        "2026-11-03T08:00:00+01:00", "2026-11-03T07:00:00+00:00")
    assert (first["updated"], first["updated_utc"]) == (
        "2026-11-18T12:30:00+01:00", "2026-11-18T11:30:00+00:00")
    assert first["author"] == "Team Kinderbibliothek"
    assert first["categories"] == [
        {"term": "vorlesen", "scheme": f"{BIB}/kategorien", "label": "Vorlesen"},
        {"term": "ab-4", "scheme": None, "label": "ab 4 Jahren"},
    ]
    assert first["enclosures"] == [{
        "href": f"{BIB}/media/flyer-vorlesestunde-november.pdf", "type": "application/pdf",
        "length": "182044"}]
    assert first["feed"] == {"title": "Stadtbibliothek Beispielstadt – Kinder- und "
                                      "Jugendprogramm",
                             "link": f"{BIB}/programm/kinder", "language": "de"}
    second = read[1].fields
    assert second["summary"] == ("<p>Zwei Nachmittage in den Weihnachtsferien, 5&nbsp;€ "
                                 "Materialkosten.</p>")  # HTML as found, not sanitised
    assert (second["published"], second["updated_utc"]) == (None, "2026-11-19T09:10:00+00:00")


def test_key_option_wins_over_guid(reader_fixtures, frozen_now):
    content = (reader_fixtures / "kinderprogramm.atom").read_bytes()
    read = list(parse(content, rss_source(key="link"), url=None, fetched_at=frozen_now))
    assert read[0].record_key == f"{BIB}/programm/kinder/vorlesestunde-grueffelo"


def test_not_a_feed(frozen_now):
    with pytest.raises(ReaderError, match="source 'test-rss': not an RSS or Atom feed"):
        list(parse(b"<html><body><p>Wartungsarbeiten", rss_source(), url=None,
                   fetched_at=frozen_now))


def test_broken_feed_is_read_leniently_and_reported(frozen_now):
    content = (b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
               b"<title>Jugendzentrum</title><item><title>Kickerturnier & Grillen</title>"
               b"<guid>jz-1</guid></item></channel></rss>")
    problems = ProblemLog()
    read = list(parse(content, rss_source(), url=None, fetched_at=frozen_now,
                      problems=problems))
    assert [r.fields["title"] for r in read] == ["Kickerturnier & Grillen"]
    assert [(p.kind, p.skipped) for p in problems] == [("feed", False)]


def test_path_like_content_is_never_opened(tmp_path, frozen_now):
    secret = tmp_path / "geheim.xml"
    secret.write_text("<rss version='2.0'><channel><item><guid>x</guid></item></channel></rss>")
    with pytest.raises(ReaderError, match="not an RSS or Atom feed"):
        list(parse(str(secret).encode(), rss_source(), url=None, fetched_at=frozen_now))


def test_options_are_checked(frozen_now):
    with pytest.raises(ReaderError, match="source 'test-rss': option 'sanitize'"):
        list(parse(b"<rss/>", rss_source(sanitize=True), url=None, fetched_at=frozen_now))
