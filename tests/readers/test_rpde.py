"""RPDE reader: the real OpenActive items and a loopback feed of German pages (fixtures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from schemas.raw import RawRecord, RawShape
from schemas.source import Source
from scrapers.readers.base import ReaderError, get_reader
from scrapers.readers.parsing import get_parser
from scrapers.readers.problems import ProblemLog
from scrapers.readers.rpde import modified_order, page_of

PAGES = Path(__file__).parent.parent / "fixtures" / "readers" / "rpde"
ITEMS = "rpde-openactive-items"
FUSION_CRECHE = "https://opendata.fusion-lifestyle.com/OpenActiveTNG/api/facility-uses/ESGCRECHE352"
SESSION_SERIES = {
    (): "session-series-1.json",
    (("afterId", "kinderyoga-heissen"), ("afterTimestamp", "1790000100000")):
        "session-series-2.json",
    (("afterId", "eltern-kind-turnen-saarn"), ("afterTimestamp", "1790000300000")):
        "session-series-3.json",
}
SCHEDULED_SESSIONS = {
    (): "scheduled-sessions-1.json",
    (("afterChangeNumber", "102"),): "scheduled-sessions-2.json",
    (("afterChangeNumber", "103"),): "scheduled-sessions-3.json",
}


def rpde_source(url: str, **options: Any) -> Source:
    return Source(id="test-rpde", provider="test", adapter="rpde", url=url,
                  licence="cc-by/4.0", options=options)


def serve(api, path: str, pages: dict[tuple, str]) -> None:
    def answer(query: dict[str, str]):
        name = pages.get(tuple(sorted(query.items())))
        if name is None:
            return 404, {}, {"error": f"no page for {query}"}
        text = (PAGES / name).read_text(encoding="utf-8").replace("{base}", api.base)
        return 200, {}, text.encode("utf-8")

    api.route(path)(answer)


def fixture_item(name: str, index: int) -> dict[str, Any]:
    return json.loads((PAGES / name).read_text(encoding="utf-8"))["items"][index]


def read_all(source: Source, fetcher, problems: ProblemLog | None = None) -> list[RawRecord]:
    return list(get_reader("rpde")(source, fetcher, problems))


# -- paging over HTTP


def test_timestamp_feed_is_followed_to_the_last_page(json_api, fetcher, frozen_now):
    serve(json_api, "/rpde/session-series", SESSION_SERIES)
    problems = ProblemLog()
    records = read_all(rpde_source(json_api.url("/rpde/session-series")), fetcher, problems)

    assert json_api.requests == [
        ("/rpde/session-series", {}),
        ("/rpde/session-series",
         {"afterTimestamp": "1790000100000", "afterId": "kinderyoga-heissen"}),
        ("/rpde/session-series",
         {"afterTimestamp": "1790000300000", "afterId": "eltern-kind-turnen-saarn"}),
    ]
    assert problems.count == 0
    # newest version of each item, in (modified, id) order
    assert [r.record_key for r in records] == [
        "kinderyoga-heissen", "babyschwimmen-friedrich-wennmann-bad", "eltern-kind-turnen-saarn",
    ]
    assert records[0] == RawRecord(
        source_id="test-rpde", record_key="kinderyoga-heissen",
        url=json_api.url("/rpde/session-series"), fetched_at=frozen_now,
        shape=RawShape.OPENACTIVE, fields=fixture_item("session-series-1.json", 2),
    )
    assert records[0].fields["data"]["name"] == "Kinderyoga für Vier- bis Sechsjährige"
    # the tombstone replaced the earlier version and keeps only the envelope
    assert records[1].fields == {"state": "deleted", "id": "babyschwimmen-friedrich-wennmann-bad",
                                 "modified": 1790000200000, "kind": "SessionSeries"}
    # the update on page 2 replaced the version of page 1
    assert records[2].fields == fixture_item("session-series-2.json", 1)
    assert records[2].url == (json_api.url("/rpde/session-series")
                              + "?afterTimestamp=1790000100000&afterId=kinderyoga-heissen")


def test_change_number_feed_with_tombstone(json_api, fetcher):
    serve(json_api, "/rpde/scheduled-sessions", SCHEDULED_SESSIONS)
    records = read_all(rpde_source(json_api.url("/rpde/scheduled-sessions")), fetcher)

    assert [q for _, q in json_api.requests] == [
        {}, {"afterChangeNumber": "102"}, {"afterChangeNumber": "103"},
    ]
    assert [(r.record_key, r.fields["modified"], r.fields["state"]) for r in records] == [
        ("kinderyoga-heissen-2026-11-05", 102, "updated"),
        ("kinderyoga-heissen-2026-10-29", 103, "deleted"),
    ]
    assert records[1].fields == {"state": "deleted", "id": "kinderyoga-heissen-2026-10-29",
                                 "modified": 103, "kind": "ScheduledSession"}


def test_resumes_after_timestamp_and_id(json_api, fetcher):
    serve(json_api, "/rpde/session-series", SESSION_SERIES)
    source = rpde_source(json_api.url("/rpde/session-series"),
                         after_timestamp=1790000100000, after_id="kinderyoga-heissen")
    records = read_all(source, fetcher)
    assert json_api.requests[0] == (
        "/rpde/session-series",
        {"afterTimestamp": "1790000100000", "afterId": "kinderyoga-heissen"},
    )
    assert [r.record_key for r in records] == [
        "babyschwimmen-friedrich-wennmann-bad", "eltern-kind-turnen-saarn",
    ]


def test_resumes_after_change_number(json_api, fetcher):
    serve(json_api, "/rpde/scheduled-sessions", SCHEDULED_SESSIONS)
    records = read_all(rpde_source(json_api.url("/rpde/scheduled-sessions"),
                                   after_change_number=102), fetcher)
    assert [q for _, q in json_api.requests] == [{"afterChangeNumber": "102"},
                                                 {"afterChangeNumber": "103"}]
    assert [r.record_key for r in records] == ["kinderyoga-heissen-2026-10-29"]


def test_page_with_items_pointing_at_itself_is_a_loop(json_api, fetcher):
    serve(json_api, "/rpde/loop", {(): "loop.json"})
    with pytest.raises(ReaderError, match=r"page 1 .*leads back to a page already read.*loops"):
        read_all(rpde_source(json_api.url("/rpde/loop")), fetcher)
    assert len(json_api.requests) == 1


def test_pages_pointing_at_each_other_are_a_loop(json_api, fetcher):
    serve(json_api, "/rpde/cycle-a", {(): "cycle-a.json"})
    serve(json_api, "/rpde/cycle-b", {(): "cycle-b.json"})
    with pytest.raises(ReaderError, match=r"page 2 .*cycle-b.*leads back.*cycle-a"):
        read_all(rpde_source(json_api.url("/rpde/cycle-a")), fetcher)
    assert [p for p, _ in json_api.requests] == ["/rpde/cycle-a", "/rpde/cycle-b"]


def test_max_pages_stops_an_endless_feed(json_api, fetcher):
    @json_api.route("/rpde/endless")
    def endless(query: dict[str, str]):
        page = int(query.get("page", "1"))
        item = {"state": "deleted", "kind": "Event", "id": f"termin-{page}", "modified": page}
        return 200, {}, {"next": f"{json_api.base}/rpde/endless?page={page + 1}", "items": [item]}

    with pytest.raises(ReaderError, match=r"more than 3 pages \(option 'max_pages'\)"):
        read_all(rpde_source(json_api.url("/rpde/endless"), max_pages=3), fetcher)
    assert len(json_api.requests) == 3


def test_items_out_of_order_are_reported_and_kept(json_api, fetcher):
    @json_api.route("/rpde/unordered")
    def unordered(query: dict[str, str]):
        items = [
            {"state": "deleted", "kind": "Event", "id": "b", "modified": "2026-10-02T08:00:00Z"},
            {"state": "deleted", "kind": "Event", "id": "a", "modified": "2026-10-01T08:00:00Z"},
        ]
        return 200, {}, {"next": json_api.url("/rpde/unordered-end"), "items": items}

    @json_api.route("/rpde/unordered-end")
    def end(query: dict[str, str]):
        return 200, {}, {"next": json_api.url("/rpde/unordered-end"), "items": []}

    problems = ProblemLog()
    records = read_all(rpde_source(json_api.url("/rpde/unordered")), fetcher, problems)
    assert [r.record_key for r in records] == ["a", "b"]
    assert problems.by_kind == {"out_of_order": 1}
    assert [(p.where, p.field, p.skipped) for p in problems] == [
        ("page 1, item 2", "modified", False),
    ]


def test_kinds_option_filters_items(json_api, fetcher):
    serve(json_api, "/rpde/session-series", SESSION_SERIES)
    records = read_all(rpde_source(json_api.url("/rpde/session-series"), kinds=["Event"]), fetcher)
    assert records == []
    assert len(json_api.requests) == 3


# -- real items and files


@pytest.mark.parametrize(
    ("name", "key", "modified_seconds"),
    [
        ("sessionseries-with-schedule-exdates.json", "tlqi1kkclv66", 1580293007.248),
        ("course-with-schedule.json", "311870", 1593083366.0),
        ("facilityuse.json", FUSION_CRECHE, None),
    ],
)
def test_real_items_are_read_whole(realdata, frozen_now, name, key, modified_seconds):
    path = realdata / ITEMS / name
    content = path.read_bytes()
    problems = ProblemLog()
    records = list(get_parser("rpde")(content, rpde_source(path.as_uri()), url=path.as_uri(),
                                      fetched_at=frozen_now, problems=problems))
    assert problems.count == 0
    assert records == [RawRecord(source_id="test-rpde", record_key=key, url=path.as_uri(),
                                 fetched_at=frozen_now, shape=RawShape.OPENACTIVE,
                                 fields=json.loads(content))]
    assert modified_order(records[0].fields.get("modified")) == modified_seconds


def test_real_items_as_a_list_are_ordered_by_modified(realdata, frozen_now):
    names = ["course-with-schedule.json", "facilityuse.json",
             "sessionseries-with-schedule-exdates.json"]
    content = ("[" + ",".join((realdata / ITEMS / n).read_text(encoding="utf-8") for n in names)
               + "]").encode("utf-8")
    records = list(get_parser("rpde")(content, rpde_source("file:///items.json"), url=None,
                                      fetched_at=frozen_now))
    # facility use has no 'modified' (orders first); 29.01.2020 (ms) before 25.06.2020 (s)
    assert [r.record_key for r in records] == [
        FUSION_CRECHE, "tlqi1kkclv66", "311870",
    ]


def test_reads_a_single_item_file_through_the_fetcher(realdata, fetcher):
    path = realdata / ITEMS / "course-with-schedule.json"
    records = read_all(rpde_source(path.as_uri()), fetcher)
    assert [(r.record_key, r.fields["data"]["name"]) for r in records] == [
        ("311870", "S4K TV - Dance"),
    ]


# -- units and errors


def test_page_of_accepts_pages_items_lists_and_bare_objects():
    assert page_of(b'{"items": [], "next": "https://x.de/feed?afterChangeNumber=3"}').next_url \
        == "https://x.de/feed?afterChangeNumber=3"
    assert page_of(b'{"state": "deleted", "id": 1}').items == [{"state": "deleted", "id": 1}]
    assert page_of(b'[{"data": {}}]').items == [{"data": {}}]
    assert page_of(b'{"@type": "Event", "name": "Laternenumzug"}').items == [
        {"data": {"@type": "Event", "name": "Laternenumzug"}}
    ]
    with pytest.raises(ValueError, match="not valid JSON"):
        page_of(b"<html>Wartungsarbeiten</html>")
    with pytest.raises(ValueError, match="'items' is not a list"):
        page_of(b'{"items": {}}')


def test_modified_in_milliseconds_seconds_and_iso_orders_alike():
    moment = 1790000000.0
    assert modified_order(1790000000000) == moment
    assert modified_order(1790000000) == moment
    assert modified_order("1790000000000") == moment
    assert modified_order("2026-09-21T14:13:20Z") == moment
    assert modified_order("2026-09-21T16:13:20+02:00") == moment
    assert modified_order(17) == 17.0  # a change number
    assert modified_order("gestern") is None
    assert modified_order(True) is None


def test_bad_items_are_problems_not_failures(frozen_now):
    content = json.dumps({"items": [
        {"state": "deleted", "kind": "Event", "modified": 5},
        {"state": "updated", "kind": "Event", "id": "x", "modified": 6},
        {"state": "archived", "kind": "Event", "id": "y", "modified": 7},
        "kaputt",
        {"state": "deleted", "kind": "Event", "id": "z", "modified": 8},
    ], "next": "https://x.de/feed"}).encode()
    problems = ProblemLog()
    records = list(get_parser("rpde")(content, rpde_source("file:///feed.json"), url=None,
                                      fetched_at=frozen_now, problems=problems))
    assert [r.record_key for r in records] == ["z"]
    assert [(p.where, p.field, p.kind) for p in problems] == [
        ("page 1, item 1", None, "no_key"),
        ("page 1, item 2", "data", "invalid"),
        ("page 1, item 3", "state", "invalid"),
        ("page 1, item 4", None, "invalid"),
    ]


def test_options_are_validated(frozen_now):
    with pytest.raises(ReaderError, match="option 'max_page'"):
        list(get_parser("rpde")(b"[]", rpde_source("file:///x", max_page=3), url=None,
                                fetched_at=frozen_now))
    with pytest.raises(ReaderError, match="after_id needs after_timestamp"):
        list(get_parser("rpde")(b"[]", rpde_source("file:///x", after_id="a"), url=None,
                                fetched_at=frozen_now))
    with pytest.raises(ReaderError, match="source 'test-rpde': not valid JSON"):
        list(get_parser("rpde")(b"{", rpde_source("file:///x"), url=None, fetched_at=frozen_now))
