"""The Protestant family-education centre: one course listing page and detail pages whose
schema.org JSON-LD (Course/CourseInstance or Event) is sometimes written in broken ways."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from demo.content.calendar import berlin_iso
from demo.content.familienbildung import ORGANISATION, FamilyCourse, family_courses
from demo.content.german import WD_SHORT
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

LISTING = "/familienbildung/kurse/"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def detail_path(course: FamilyCourse) -> str:
    return f"/familienbildung/kurs/{course.key}"


def status_text(course: FamilyCourse, free: int) -> str:
    if course.price is None and course.schema_type == "Event" and len(course.dates) > 1:
        return "offenes Angebot – ohne Anmeldung"
    if free == 0:
        return "ausgebucht – Warteliste möglich"
    if free == 1:
        return "nur noch 1 Platz frei"
    if free <= 3:
        return f"nur noch {free} Plätze frei"
    return "noch Plätze frei"


# -- JSON-LD


def _place(course: FamilyCourse) -> dict[str, Any]:
    v = course.venue
    return {
        "@type": "Place",
        "name": v.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": v.street,
            "postalCode": int(v.postcode) if course.variant == "int_postcode" else v.postcode,
            "addressLocality": "Mülheim an der Ruhr",
            "addressCountry": "DE",
        },
    }


def _audience(course: FamilyCourse) -> dict[str, Any]:
    lo, hi = course.age_months
    if lo is None and hi is None:
        return {"@type": "Audience", "audienceType": course.audience_text.removeprefix("für ")}
    if (lo or 0) % 12 == 0 and (hi or 0) % 12 == 0 and (lo or 0) >= 12:
        return {"@type": "PeopleAudience", "suggestedMinAge": lo // 12, "suggestedMaxAge": hi // 12}
    return {
        "@type": "PeopleAudience",
        "suggestedAge": {
            "@type": "QuantitativeValue",
            "minValue": lo,
            "maxValue": hi,
            "unitCode": "MON",
        },
    }


def _offers(course: FamilyCourse, free: int) -> list[dict[str, Any]] | dict[str, Any]:
    availability = "https://schema.org/SoldOut" if free == 0 else "https://schema.org/InStock"
    if course.price is None:
        return {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "availability": availability,
        }
    offers = [
        {
            "@type": "Offer",
            "name": "Kursgebühr",
            "price": f"{course.price:.2f}",
            "priceCurrency": "EUR",
            "availability": availability,
            "url": f"/familienbildung/anmeldung?kurs={course.key}",
        }
    ]
    if course.price_reduced is not None:
        offers.append(
            {
                "@type": "Offer",
                "name": "ermäßigt mit Mülheim-Pass",
                "price": f"{course.price_reduced:.2f}",
                "priceCurrency": "EUR",
                "availability": availability,
            }
        )
    return offers if len(offers) > 1 else offers[0]


def _except_dates(course: FamilyCourse) -> list[str]:
    skipped, day = [], course.dates[0]
    while day < course.dates[-1]:
        if day not in course.dates:
            skipped.append(day.isoformat())
        day += timedelta(days=7)
    return skipped


def _schedule(course: FamilyCourse) -> dict[str, Any]:
    first = course.dates[0]
    schedule: dict[str, Any] = {
        "@type": "Schedule",
        "byDay": f"https://schema.org/{DAYS[first.weekday()]}",
        "startTime": course.start_time.strftime("%H:%M"),
        "endTime": course.end_time.strftime("%H:%M"),
        "repeatFrequency": "P1W",
        "repeatCount": len(course.dates),
        "startDate": first.isoformat(),
        "endDate": course.dates[-1].isoformat(),
        "scheduleTimezone": "Europe/Berlin",
    }
    if except_dates := _except_dates(course):
        schedule["exceptDate"] = except_dates
    return schedule


def course_jsonld(course: FamilyCourse, free: int) -> dict[str, Any]:
    """The schema.org object of a course page (without the variant's damage)."""
    first, last = course.dates[0], course.dates[-1]
    common = {
        "name": course.title,
        "description": " ".join(course.paragraphs),
        "url": detail_path(course),
    }
    if course.schema_type == "Event":
        event: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Event",
            **common,
            "identifier": course.key,
            "startDate": berlin_iso(first, course.start_time),
            "endDate": berlin_iso(last if len(course.dates) == 1 else first, course.end_time),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": _place(course),
            "organizer": {
                "@type": "Organization",
                "name": ORGANISATION,
                "url": "/familienbildung/",
            },
            "audience": _audience(course),
            "offers": _offers(course, free),
            "maximumAttendeeCapacity": course.capacity,
            "remainingAttendeeCapacity": free,
        }
        if len(course.dates) > 1:
            event["eventSchedule"] = _schedule(course)
            event["isAccessibleForFree"] = course.price is None
        return event
    instance: dict[str, Any] = {
        "@type": "CourseInstance",
        "courseMode": "onsite",
        "startDate": berlin_iso(first, course.start_time),
        "endDate": berlin_iso(last, course.end_time),
        "location": _place(course),
        "maximumAttendeeCapacity": course.capacity,
        "remainingAttendeeCapacity": free,
        "offers": _offers(course, free),
    }
    if len(course.dates) > 1:
        instance["courseSchedule"] = _schedule(course)
    if course.leader:
        instance["instructor"] = {"@type": "Person", "name": course.leader.split(",")[0]}
    return {
        "@context": "https://schema.org",
        "@type": "Course",
        **common,
        "@id": detail_path(course) + "#kurs",
        "courseCode": course.key,
        "inLanguage": "de",
        "provider": {
            "@type": "EducationalOrganization",
            "name": ORGANISATION,
            "url": "/familienbildung/",
        },
        "audience": _audience(course),
        "offers": _offers(course, free),
        "hasCourseInstance": [instance],
    }


def jsonld_blocks(course: FamilyCourse, free: int) -> str:
    """The ``<script type="application/ld+json">`` element(s) of a course page, damaged or
    unusual as the course's variant says."""
    data = course_jsonld(course, free)
    variant = course.variant
    if variant == "graph":
        context = data.pop("@context")
        page = {
            "@type": "WebPage",
            "@id": detail_path(course),
            "name": f"{course.title} – {ORGANISATION}",
            "inLanguage": "de-DE",
            "isPartOf": {"@type": "WebSite", "name": ORGANISATION},
        }
        data = {"@context": context, "@graph": [page, data]}
    if variant == "amp":
        data["name"] = data["name"].replace("&", "&amp;")
        data["description"] = data["description"].replace("&", "&amp;")
    text = json.dumps(data, ensure_ascii=variant == "ascii", indent=2).replace("</", "<\\/")
    if variant == "trailing_comma":
        cut = text.rstrip().rfind("}")
        text = text[:cut].rstrip() + ",\n}"
    if variant == "leading_zero_postcode":
        text = re.sub(r'"postalCode": "(\d{5})"', r'"postalCode": 0\1', text)
    if variant == "comment":
        text = f"<!-- Strukturierte Daten für Suchmaschinen (Kurs {course.key}) -->\n{text}"
    if variant == "comment_wrapped":
        text = f"<!--\n{text}\n//-->"
    block = f'<script type="application/ld+json">\n{text}\n</script>'
    if variant in ("two_blocks", "two_blocks_org"):
        if variant == "two_blocks":
            extra: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": 1,
                        "name": "Start",
                        "item": "/familienbildung/",
                    },
                    {"@type": "ListItem", "position": 2, "name": "Kurse", "item": LISTING},
                    {
                        "@type": "ListItem",
                        "position": 3,
                        "name": course.title,
                        "item": detail_path(course),
                    },
                ],
            }
        else:
            extra = {
                "@context": "https://schema.org",
                "@type": "EducationalOrganization",
                "name": ORGANISATION,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "Löhberg 29",
                    "postalCode": "45468",
                    "addressLocality": "Mülheim an der Ruhr",
                },
                "telephone": "0208 3 00 47 11",
            }
        extra_text = json.dumps(extra, ensure_ascii=False)
        block = f'<script type="application/ld+json">{extra_text}</script>\n{block}'
    return block


# -- HTML


def _shell(title: str, body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta charset="UTF-8">
<title>{esc(title)} – Ev. Familienbildung Mülheim</title>
<meta name="generator" content="WordPress 6.6.2">
{head}
</head>
<body class="page-template-kurse">
<div id="page" class="site">
<header id="masthead">
<p class="site-title"><a href="/familienbildung/">Ev. Familienbildung Mülheim an der Ruhr</a></p>
<nav id="site-navigation"><ul class="menu">
<li><a href="{LISTING}">Kursprogramm</a></li>
<li><a href="/familienbildung/kontakt">Kontakt</a></li>
</ul></nav>
</header>
<div id="content" class="site-content">
{body}
</div>
<footer id="colophon"><p>{esc(ORGANISATION)} · Löhberg 29 · 45468 Mülheim an der Ruhr</p></footer>
</div>
</body>
</html>
"""


def _teaser(course: FamilyCourse, free: int) -> str:
    first = course.dates[0]
    return f"""  <div class="kurs-teaser" data-kursnr="{esc(course.key)}">
    <h3 class="kurs-teaser__titel"><a href="{detail_path(course)}">{esc(course.title)}</a></h3>
    <p class="kurs-teaser__info"><span class="kursnr">{esc(course.key)}</span> |
      <span class="beginn">ab {WD_SHORT[first.weekday()]}., {first:%d.%m.%Y}</span> |
      <span class="ort">{esc(course.venue.name)}</span></p>
    <p class="kurs-teaser__status">{esc(status_text(course, free))}</p>
  </div>
"""


def listing_page(courses: Sequence[FamilyCourse], view: ProviderView) -> str:
    sections: list[str] = []
    categories = list(dict.fromkeys(c.category for c in courses))
    for category in categories:
        teasers = "".join(
            _teaser(c, view.free_places(c.key, c.free, c.capacity))
            for c in courses
            if c.category == category
        )
        anchor = re.sub(r"[^a-z]+", "-", category.lower().replace("&", "und")).strip("-")
        sections.append(
            f'<section class="kurskategorie" id="{anchor}">\n  '
            f"<h2>{esc(category)}</h2>\n{teasers}</section>"
        )
    inner = "\n".join(sections) or '<p class="keine-kurse">Derzeit sind keine Kurse buchbar.</p>'
    body = f"""<main id="main" class="kursprogramm">
<h1>Kursprogramm Winter/Frühjahr 2026/27</h1>
<p class="intro">Alle Kurse auf einen Blick.
Ermäßigungen mit dem Mülheim-Pass sind bei den Kursen angegeben.</p>
{inner}
</main>"""
    return _shell("Kursprogramm", body)


def detail_page(course: FamilyCourse, free: int) -> str:
    v = course.venue
    all_dates = "".join(
        f"<li>{WD_SHORT[d.weekday()]}., {d:%d.%m.%Y}, "
        f"{course.start_time:%H.%M}–{course.end_time:%H.%M} Uhr</li>"
        for d in course.dates
    )
    leader = (
        f'\n    <dt>Kursleitung</dt><dd class="leitung">{esc(course.leader)}</dd>'
        if course.leader
        else ""
    )
    text = "".join(f"<p>{esc(p)}</p>" for p in course.paragraphs)
    body = f"""<main id="main">
<article class="kursdetail" id="kurs-{esc(course.key)}">
  <p class="kategorie">{esc(course.category)}</p>
  <h1 class="kurstitel">{esc(course.title)}</h1>
  <p class="zielgruppe">{esc(course.audience_text)}</p>
  <dl class="kursdaten">
    <dt>Kursnummer</dt><dd class="kursnummer">{esc(course.key)}</dd>
    <dt>Termine</dt><dd class="termine">{esc(course.schedule_text)}<br>
      <small>Beginn: {course.dates[0]:%d.%m.%Y}</small></dd>
    <dt>Ort</dt><dd class="ort">{esc(v.name)}<br>
      {esc(v.street)}, {v.postcode} Mülheim an der Ruhr</dd>
    <dt>Gebühr</dt><dd class="gebuehr">{esc(course.price_text)}</dd>{leader}
    <dt>Plätze</dt><dd class="plaetze">{esc(status_text(course, free))}</dd>
  </dl>
  <div class="kursbeschreibung">{text}</div>
  <details class="einzeltermine"><summary>Alle Termine ({len(course.dates)})</summary>
    <ul>{all_dates}</ul></details>
  <p><a class="button anmelden"
    href="/familienbildung/anmeldung?kurs={esc(course.key)}">Jetzt anmelden</a></p>
</article>
</main>"""
    return _shell(course.title, body, head=jsonld_blocks(course, free))


class Familienbildung(DemoProvider):
    id = "familienbildung"
    name = ORGANISATION
    format = "html+jsonld"
    entry_path = LISTING
    summary = (
        "Course listing page plus detail pages with schema.org JSON-LD "
        "(Course/CourseInstance, Event), some broken"
    )
    bookable = True

    def records(self) -> Sequence[FamilyCourse]:
        return family_courses()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.sub_path
        if sub in ("/", "/kurse", "/kurse/"):
            return html_response(listing_page(view.visible(self.records()), view))
        if sub.startswith("/kurs/"):
            key = sub.removeprefix("/kurs/").strip("/")
            course = next((c for c in self.records() if c.key == key), None)
            if course is None or not view.is_visible(key):
                return not_found("Dieser Kurs")
            return html_response(
                detail_page(course, view.free_places(key, course.free, course.capacity))
            )
        if sub == "/anmeldung":
            return html_response(
                _shell(
                    "Anmeldung", '<main><h1>Kursanmeldung</h1><form method="post"></form></main>'
                )
            )
        if sub == "/kontakt":
            return html_response(
                _shell("Kontakt", "<main><h1>Kontakt</h1><p>Telefon 0208 3 00 47 11</p></main>")
            )
        return not_found()
