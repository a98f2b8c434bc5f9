"""JSON API reader: every paging style and the loop guards against a loopback HTTP server."""

from __future__ import annotations

import pytest

from schemas.raw import RawRecord, RawShape
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.json_api import link_next, parse
from scrapers.readers.problems import ProblemLog

TITLES = [
    "Babyschwimmen im Südbad", "Laternenbasteln", "Vorlesestunde „Der Grüffelo“",
    "Eltern-Kind-Turnen", "Ferienkurs Töpfern", "Familienfrühstück", "Kinderflohmarkt",
]
EVENTS = [
    {"id": 101 + n, "titel": title, "beginn": f"0{n + 1}.12.2026 10:00",
     "ort": {"name": "Familienzentrum Mitte", "plz": "45468"}, "preis": "frei" if n % 2 else "5 €"}
    for n, title in enumerate(TITLES)
]


def read_all(source, fetcher, problems=None) -> list[RawRecord]:
    return list(get_reader("json_api")(source, fetcher, problems))


def read_until_error(source, fetcher) -> tuple[list[RawRecord], ReaderError]:
    got: list[RawRecord] = []
    with pytest.raises(ReaderError) as caught:
        for record in get_reader("json_api")(source, fetcher):
            got.append(record)
    return got, caught.value


def test_unpaged_whole_record(json_api, make_source, fetcher, frozen_now):
    json_api.routes["/termine"] = lambda q: (200, {}, {"daten": {"termine": EVENTS[:2]}})
    source = make_source("json_api", json_api.url("/termine"), items="daten.termine")
    read = read_all(source, fetcher)
    assert read == [
        RawRecord(source_id="test-json-api", record_key="101", url=json_api.url("/termine"),
                  fetched_at=frozen_now, shape=RawShape.FLAT, fields=EVENTS[0]),
        RawRecord(source_id="test-json-api", record_key="102", url=json_api.url("/termine"),
                  fetched_at=frozen_now, shape=RawShape.FLAT, fields=EVENTS[1]),
    ]
    assert read[0].fields["titel"] == "Babyschwimmen im Südbad"


def _pages(q: dict[str, str], *, first: int = 1, size: int = 3):
    page, size = int(q.get("seite", first)), int(q.get("pro_seite", size))
    chunk = EVENTS[(page - first) * size:(page - first + 1) * size]
    meta = {"seiten": -(-len(EVENTS) // size), "gesamt": len(EVENTS)}
    return 200, {}, {"meta": meta, "eintraege": chunk}


@pytest.mark.parametrize(
    ("extra", "requests"),
    [
        ({}, 4),  # the fourth page is empty
        ({"pages_path": "meta.seiten"}, 3),
        ({"total_path": "meta.gesamt"}, 3),
    ],
)
def test_page_paging(json_api, make_source, fetcher, extra, requests):
    json_api.routes["/seiten"] = _pages
    paging = {"style": "page", "param": "seite", "size_param": "pro_seite", "size": 3, **extra}
    source = make_source("json_api", json_api.url("/seiten"), items="eintraege", paging=paging,
                         params={"sprache": "de"})
    read = read_all(source, fetcher)
    assert [r.record_key for r in read] == [str(e["id"]) for e in EVENTS]
    assert json_api.requests[:requests] == [
        ("/seiten", {"sprache": "de", "seite": str(n), "pro_seite": "3"})
        for n in range(1, requests + 1)
    ]
    assert len(json_api.requests) == requests
    assert read[3].url == json_api.url("/seiten?sprache=de&seite=2&pro_seite=3")


def test_page_paging_from_zero(json_api, make_source, fetcher):
    json_api.routes["/seiten"] = lambda q: _pages(q, first=0, size=5)
    source = make_source("json_api", json_api.url("/seiten"), items="eintraege",
                         paging={"style": "page", "param": "seite", "start": 0})
    assert len(read_all(source, fetcher)) == 7
    assert [q["seite"] for _, q in json_api.requests] == ["0", "1", "2"]


def _offsets(q: dict[str, str], cap: int = 3):
    offset, limit = int(q["offset"]), min(int(q["limit"]), cap)
    return 200, {}, {"total": len(EVENTS), "results": EVENTS[offset:offset + limit]}


def test_offset_paging_with_total(json_api, make_source, fetcher):
    json_api.routes["/offset"] = _offsets
    source = make_source("json_api", json_api.url("/offset"), items="results",
                         paging={"style": "offset", "limit": 3, "total_path": "total"})
    assert len(read_all(source, fetcher)) == 7
    assert [(q["offset"], q["limit"]) for _, q in json_api.requests] == [
        ("0", "3"), ("3", "3"), ("6", "3")]


def test_offset_advances_by_what_the_server_sent(json_api, make_source, fetcher):
    json_api.routes["/offset"] = _offsets  # asks for 100, gets 3
    source = make_source("json_api", json_api.url("/offset"), items="results",
                         paging="offset")
    assert len(read_all(source, fetcher)) == 7
    assert [q["offset"] for _, q in json_api.requests] == ["0", "3", "6", "7"]


def test_next_link_in_body_relative(json_api, make_source, fetcher):
    def page(q: dict[str, str]):
        n = int(q.get("p", "1"))
        nxt = f"/weiter?p={n + 1}" if n < 3 else None
        return 200, {}, {"data": EVENTS[(n - 1) * 3:n * 3], "links": {"next": nxt}}

    json_api.routes["/weiter"] = page
    source = make_source("json_api", json_api.url("/weiter"), items="data",
                         paging={"style": "next", "next_path": "links.next"})
    read = read_all(source, fetcher)
    assert len(read) == 7
    assert [q for _, q in json_api.requests] == [{}, {"p": "2"}, {"p": "3"}]
    assert read[-1].url == json_api.url("/weiter?p=3")


def test_next_link_in_http_header(json_api, make_source, fetcher):
    def page(q: dict[str, str]):
        n = int(q.get("seite", "1"))
        links = [f'<{json_api.url("/link")}?seite=3>; rel="last"']
        if n < 3:
            links.insert(0, f'<{json_api.url("/link")}?seite={n + 1}>; rel="next"')
        return 200, {"Link": ", ".join(links)}, EVENTS[(n - 1) * 3:n * 3]

    json_api.routes["/link"] = page
    source = make_source("json_api", json_api.url("/link"), paging="next")
    assert [r.record_key for r in read_all(source, fetcher)] == [str(e["id"]) for e in EVENTS]
    assert len(json_api.requests) == 3


def test_cursor_paging(json_api, make_source, fetcher):
    cursors = {None: ("c-2", 0), "c-2": ("c-3", 3), "c-3": (None, 6)}

    def page(q: dict[str, str]):
        nxt, start = cursors[q.get("nach")]
        return 200, {}, {"events": EVENTS[start:start + 3], "paging": {"cursor": nxt}}

    json_api.routes["/cursor"] = page
    source = make_source("json_api", json_api.url("/cursor"), items="events",
                         paging={"style": "cursor", "cursor_path": "paging.cursor",
                                 "param": "nach"})
    assert len(read_all(source, fetcher)) == 7
    assert [q.get("nach") for _, q in json_api.requests] == [None, "c-2", "c-3"]


def test_page_parameter_ignored_is_a_loop(json_api, make_source, fetcher):
    json_api.routes["/stur"] = lambda q: (200, {}, EVENTS[:3])
    source = make_source("json_api", json_api.url("/stur"), paging="page")
    got, error = read_until_error(source, fetcher)
    assert len(got) == 3
    assert str(error) == ("source 'test-json-api', page 2: repeats the items of page 1; the API "
                          "seems to ignore the paging parameters (a loop)")


def test_repeating_cursor_is_a_loop(json_api, make_source, fetcher):
    def page(q: dict[str, str]):
        start = 0 if "cursor" not in q else 3 + len(json_api.requests)
        return 200, {}, {"items": EVENTS[start % 7:start % 7 + 1], "cursor": "immer-derselbe"}

    json_api.routes["/kreis"] = page
    source = make_source("json_api", json_api.url("/kreis"), items="items",
                         paging={"style": "cursor", "cursor_path": "cursor"})
    got, error = read_until_error(source, fetcher)
    assert len(got) == 2
    assert "page 3: paging loops" in str(error)


def test_next_link_pointing_back_is_a_loop(json_api, make_source, fetcher):
    def page(q: dict[str, str]):
        n = int(q.get("p", "1"))
        return 200, {}, {"data": [EVENTS[len(json_api.requests)]],
                         "next": f"/zurueck?p={2 if n == 1 else 1}"}

    json_api.routes["/zurueck"] = page
    source = make_source("json_api", json_api.url("/zurueck?p=1"), items="data",
                         paging={"style": "next", "next_path": "next"})
    got, error = read_until_error(source, fetcher)
    assert len(got) == 2
    assert "page 3: paging loops" in str(error)


def test_max_pages_guard(json_api, make_source, fetcher):
    json_api.routes["/endlos"] = lambda q: (200, {}, [{"id": f"e-{q['page']}"}])
    source = make_source("json_api", json_api.url("/endlos"), paging="page", max_pages=5)
    got, error = read_until_error(source, fetcher)
    assert [r.record_key for r in got] == ["e-1", "e-2", "e-3", "e-4", "e-5"]
    assert "still a next page after max_pages=5 pages" in str(error)
    assert len(json_api.requests) == 5


def test_bad_items_are_problems_not_failures(json_api, make_source, fetcher):
    items = [{"uuid": "a-1", "titel": "Krabbelgruppe"}, {"titel": "ohne Schlüssel"}, [1, 2],
             {"uuid": "a-1", "titel": "Krabbelgruppe (doppelt)"}]
    json_api.routes["/gemischt"] = lambda q: (200, {}, {"items": items})
    problems = ProblemLog()
    source = make_source("json_api", json_api.url("/gemischt"), items="items", key="uuid")
    read = read_all(source, fetcher, problems)
    assert [r.fields["titel"] for r in read] == ["Krabbelgruppe", "Krabbelgruppe (doppelt)"]
    assert [str(p) for p in problems] == [
        "source 'test-json-api', page 1, item 2, field 'uuid': record has no value in key "
        "field 'uuid'",
        "source 'test-json-api', page 1, item 3: item is a list, not an object",
        "source 'test-json-api', page 1, item 4: duplicate record key 'a-1' (first used at "
        "page 1, item 1)",
    ]


def test_dotted_key_path(json_api, make_source, fetcher):
    items = [{"meta": {"uuid": "7f3c"}, "titel": "Spieleabend"}]
    json_api.routes["/tief"] = lambda q: (200, {}, items)
    source = make_source("json_api", json_api.url("/tief"), key="meta.uuid")
    assert read_all(source, fetcher)[0].record_key == "7f3c"


def test_wrong_items_path_and_broken_json(json_api, make_source, fetcher):
    json_api.routes["/falsch"] = lambda q: (200, {}, {"data": {"events": []}})
    json_api.routes["/kaputt"] = lambda q: (200, {}, b'{"data": [')
    with pytest.raises(ReaderError, match=r"source 'test-json-api', page 1: option 'items' = "
                                          r"'data.items' points to nothing"):
        read_all(make_source("json_api", json_api.url("/falsch"), items="data.items"), fetcher)
    with pytest.raises(ReaderError, match=r"source 'test-json-api', page 1 \(http://127\.0\.0\.1"
                                          r":\d+/kaputt\): not valid JSON"):
        read_all(make_source("json_api", json_api.url("/kaputt")), fetcher)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"paging": "seite"}, r"option 'paging'"),
        ({"paging": {"style": "page", "groesse": 10}}, r"option 'paging\.page\.groesse'"),
        ({"paging": {"style": "cursor"}}, r"option 'paging\.cursor\.cursor_path': Field required"),
        ({"max_pages": 0}, r"option 'max_pages'"),
    ],
)
def test_bad_options(make_source, fetcher, options, message):
    source = make_source("json_api", "http://127.0.0.1:9/nie", **options)
    with pytest.raises(ReaderError, match=rf"source 'test-json-api': {message}"):
        read_all(source, fetcher)


def test_parse_saved_page(reader_fixtures, make_source, frozen_now):
    content = (reader_fixtures / "kitaplaetze_seite1.json").read_bytes()
    problems = ProblemLog()
    source = make_source("json_api", items="data")
    read = list(parse(content, source, url="file:///kitaplaetze_seite1.json",
                      fetched_at=frozen_now, problems=problems))
    assert [r.record_key for r in read] == ["KITA-0815", "4711"]
    assert read[0].fields["adresse"] == {"strasse": "Kämpchenstraße 12", "plz": "45479",
                                         "ort": "Mülheim an der Ruhr"}
    assert read[0].fields["plaetze"] == {"u3": 12, "ue3": 45, "frei": 0}  # JSON types as found
    assert read[1].fields["oeffnungszeiten"] is None
    assert [(p.where, p.kind) for p in problems] == [("item 3", "no_key"), ("item 4", "invalid")]


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ('<https://api.example.de/v1/kurse?seite=2>; rel="next"', "https://api.example.de/v1/kurse?seite=2"),
        ('<https://x.de/a?p=1>; rel="prev", <https://x.de/a?p=3>; rel="next"', "https://x.de/a?p=3"),
        ('<https://x.de/a?p=9>; rel="last"; title="Letzte, Seite", <https://x.de/a?p=2>; rel=next',
         "https://x.de/a?p=2"),
        ('<https://x.de/a?p=2>; rel="next last"', "https://x.de/a?p=2"),
        ('<https://x.de/a?p=9>; rel="last"', None),
        ("", None),
    ],
)
def test_link_header(header, target):
    assert link_next(header) == target
