"""The AWO family education catalogue as an XCRI-CAP 1.2 export.

``/awo-familienbildung/xcri/kurskatalog.xml``: UTF-8 with a byte order mark, CRLF line ends,
namespaced elements (``http://xcri.org/profiles/1.2/catalog``, ``dc``, ``dcterms``, ``mlo``).
``catalog/provider/course/presentation``: the offer is the presentation, its key the
presentation's ``dc:identifier``; dates in ``mlo:start/@dtf`` and ``end/@dtf``, weekday and
time in ``dcterms:description``, price text in ``mlo:cost``, place in ``venue/provider``.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from demo.content.awo import OPERATOR, PROVIDER, SITE, AwoCourse, Presentation, presentations
from demo.content.german import WD_ADVERB, d_words, euro
from demo.content.places import phone
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.state import ProviderView

CATALOGUE = f"/{PROVIDER}/xcri/kurskatalog.xml"
GENERATED = "2026-11-15T22:00:05+01:00"
BOM = "\ufeff"
PATTERN = {"EV": "abends", "DT": "tagsüber", "WE": "am Wochenende"}


def _pattern(p: Presentation) -> str:
    if p.first_day.weekday() >= 5:
        return "WE"
    return "EV" if p.start.hour >= 17 else "DT"


def _cost(course: AwoCourse) -> str:
    if not course.price:
        if course.kind == "meeting_place":
            return "kostenlos (Spende erbeten)"
        return "kostenfrei, Abrechnung über die Krankenkasse"
    text = f"{euro(course.price)}"
    if course.reduced is not None:
        text += f"; mit Mülheim-Pass {euro(course.reduced)}"
    return text


def presentation_xml(p: Presentation) -> list[str]:
    v = p.venue
    c = p.course
    if c.sessions > 1:
        when = f"{WD_ADVERB[p.first_day.weekday()]}, {p.start:%H.%M}–{p.end:%H.%M} Uhr"
        when += f" ({c.sessions} Termine)"
    else:
        when = f"{d_words(p.first_day)}, {p.start:%H.%M}–{p.end:%H.%M} Uhr"
    i = "\t\t\t\t"
    return [
        "\t\t\t<presentation>",
        f"{i}<dc:identifier>{p.key}</dc:identifier>",
        f"{i}<dcterms:description>{escape(when)}</dcterms:description>",
        f'{i}<mlo:start dtf="{p.first_day.isoformat()}">{d_words(p.first_day)}</mlo:start>',
        f'{i}<end dtf="{p.last_day.isoformat()}">{d_words(p.last_day)}</end>',
        f"{i}<mlo:duration>{c.sessions} x {c.minutes} Minuten</mlo:duration>",
        f"{i}<applyTo>{SITE}/familienbildung/anmeldung?kurs={p.key}</applyTo>",
        f'{i}<studyMode identifier="PT">Teilzeit</studyMode>',
        f'{i}<attendanceMode identifier="CM">Präsenz</attendanceMode>',
        f'{i}<attendancePattern identifier="{_pattern(p)}">{PATTERN[_pattern(p)]}'
        "</attendancePattern>",
        f"{i}<mlo:languageOfInstruction>de</mlo:languageOfInstruction>",
        f"{i}<mlo:places>{c.places}</mlo:places>",
        f"{i}<mlo:cost>{escape(_cost(c))}</mlo:cost>",
        f"{i}<venue>",
        f"{i}\t<provider>",
        f"{i}\t\t<dc:title>{escape(v.name)}</dc:title>",
        f"{i}\t\t<mlo:location>",
        f"{i}\t\t\t<mlo:street>{escape(v.street)}</mlo:street>",
        f"{i}\t\t\t<mlo:town>Mülheim an der Ruhr</mlo:town>",
        f"{i}\t\t\t<mlo:postcode>{v.postcode}</mlo:postcode>",
        f"{i}\t\t</mlo:location>",
        f"{i}\t</provider>",
        f"{i}</venue>",
        "\t\t\t</presentation>",
    ]


def course_xml(course: AwoCourse, runs: Sequence[Presentation]) -> list[str]:
    i = "\t\t\t"
    lines = [
        "\t\t<course>",
        f"{i}<dc:identifier>{SITE}/familienbildung/kurs/{course.code.lower()}</dc:identifier>",
        f"{i}<dc:title>{escape(course.title)}</dc:title>",
        f"{i}<dc:subject>{escape(course.subject)}</dc:subject>",
        f"{i}<dc:description><xhtml:div><xhtml:p>{escape(course.description)}</xhtml:p>"
        "</xhtml:div></dc:description>",
        f"{i}<abstract>{escape(course.abstract)}</abstract>",
        f"{i}<mlo:url>{SITE}/familienbildung/kurs/{course.code.lower()}</mlo:url>",
    ]
    for p in runs:
        lines += presentation_xml(p)
    lines.append("\t\t</course>")
    return lines


def catalogue(shown: Sequence[Presentation]) -> bytes:
    lines = [
        BOM + '<?xml version="1.0" encoding="UTF-8"?>',
        "<catalog ",
        'xmlns="http://xcri.org/profiles/1.2/catalog" ',
        'xmlns:dc="http://purl.org/dc/elements/1.1/" ',
        'xmlns:dcterms="http://purl.org/dc/terms/" ',
        'xmlns:mlo="http://purl.org/net/mlo" ',
        'xmlns:xhtml="http://www.w3.org/1999/xhtml" ',
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
        'xsi:schemaLocation="http://xcri.org/profiles/1.2/catalog '
        'http://www.xcri.co.uk/bindings/xcri_cap_1_2.xsd" ',
        f'generated="{GENERATED}">',
        "\t<dc:description>Kursprogramm der AWO-Familienbildung 2027</dc:description>",
        "\t<provider>",
        f"\t\t<dc:identifier>{SITE}/</dc:identifier>",
        f"\t\t<dc:title>{escape(OPERATOR)} – Familienbildung</dc:title>",
        f"\t\t<mlo:url>{SITE}/familienbildung/</mlo:url>",
    ]
    courses: dict[str, list[Presentation]] = {}
    for p in shown:
        courses.setdefault(p.course.code, []).append(p)
    for runs in courses.values():
        lines += course_xml(runs[0].course, runs)
    lines += [
        "\t\t<mlo:location>",
        "\t\t\t<mlo:street>Bahnstraße 12</mlo:street>",
        "\t\t\t<mlo:town>Mülheim an der Ruhr</mlo:town>",
        "\t\t\t<mlo:postcode>45468</mlo:postcode>",
        f"\t\t\t<mlo:phone>{phone(OPERATOR)}</mlo:phone>",
        f"\t\t\t<mlo:email>familienbildung@{SITE.removeprefix('https://www.')}</mlo:email>",
        "\t\t</mlo:location>",
        "\t</provider>",
        "</catalog>",
    ]
    return "\r\n".join(lines).encode("utf-8")


class AwoFamilienbildung(DemoProvider):
    id = PROVIDER
    name = f"{OPERATOR} – Familienbildung"
    format = "xcri_cap"
    entry_path = CATALOGUE
    summary = (
        "XCRI-CAP 1.2 catalogue (UTF-8 with BOM, CRLF, namespaces): course → presentation; "
        "key = presentation dc:identifier; dates in @dtf, times in dcterms:description"
    )

    def records(self) -> Sequence[Presentation]:
        return presentations()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == CATALOGUE:
            return DemoResponse(200, catalogue(view.visible(self.records())), "application/xml")
        if request.sub_path == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>AWO '
                "Familienbildung</title></head><body><h1>Kursprogramm</h1>"
                f'<p><a href="{CATALOGUE}">Kurskatalog (XCRI-CAP)</a></p></body></html>'
            )
        return not_found()
