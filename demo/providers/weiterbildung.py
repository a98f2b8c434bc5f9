"""The regional course database's openQ-cat export (PAS 1045 family, as KURSNET uses it).

``/weiterbildung/export/openqcat-familie.xml``: root ``<OPENQCAT version="1.1">`` with a
``HEADER`` (generator, catalogue, supplier) and ``NEW_CATALOG`` of ``SERVICE`` elements; the
key is ``PRODUCT_ID``. Dates look like ``2027-02-05T00:00:00.000+01:00`` (service) and
``2026-11-02+01:00`` (announcement), prices ``PRICE_AMOUNT`` with a decimal point; some
services have several ``MODULE_COURSE`` elements (blocks at different places).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from demo.content.places import phone
from demo.content.weiterbildung import DATABASE, PROVIDER, ModuleCourse, Service, services
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.state import ProviderView

EXPORT = f"/{PROVIDER}/export/openqcat-familie.xml"
BERLIN = ZoneInfo("Europe/Berlin")
GENERATED = datetime(2026, 11, 15, 23, 10)


def _offset(day: date) -> str:
    offset = datetime.combine(day, time(12), tzinfo=BERLIN).strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def stamp(day: date) -> str:
    """``2027-02-05T00:00:00.000+01:00``"""
    return f"{day.isoformat()}T00:00:00.000{_offset(day)}"


def date_with_offset(day: date) -> str:
    """``2026-11-02+01:00``"""
    return f"{day.isoformat()}{_offset(day)}"


def _dotted(number: str) -> str:
    """``0208 123456`` → ``+49.208.123456``, the way the database stores numbers."""
    digits = re.sub(r"\D", "", number)
    return f"+49.{digits[1:4]}.{digits[4:]}"


def _el(indent: int, name: str, value: str | int, attrs: str = "") -> str:
    return f"{'    ' * indent}<{name}{attrs}>{escape(str(value))}</{name}>"


def module_xml(m: ModuleCourse, institution_email: str, url: str) -> list[str]:
    v = m.place
    return [
        "                        <MODULE_COURSE>",
        _el(7, "MIN_PARTICIPANTS", m.min_participants),
        _el(7, "MAX_PARTICIPANTS", m.max_participants),
        "                            <LOCATION>",
        _el(8, "NAME", v.name),
        _el(8, "STREET", v.street),
        _el(8, "ZIP", v.postcode),
        _el(8, "CITY", "Mülheim an der Ruhr"),
        _el(8, "STATE", "Nordrhein-Westfalen"),
        _el(8, "COUNTRY", "deutschland"),
        "                                <EMAILS>",
        _el(9, "EMAIL", institution_email),
        "                                </EMAILS>",
        _el(8, "URL", url),
        _el(8, "BARRIER_FREE_LOCATION", "true" if "Kita" not in v.name else "false"),
        "                            </LOCATION>",
        '                            <DURATION type="3" />',
        _el(7, "INSTRUCTION_REMARKS", m.remarks),
        _el(7, "FLEXIBLE_START", "false"),
        "                            <EXTENDED_INFO>",
        '                                <SEGMENT_TYPE type="0" />',
        "                            </EXTENDED_INFO>",
        "                        </MODULE_COURSE>",
    ]


def service_xml(s: Service) -> list[str]:
    inst = s.institution
    edu_code, edu_label = s.education_type
    lines = [
        "        <SERVICE>",
        _el(3, "PRODUCT_ID", s.key),
        _el(3, "COURSE_TYPE", 1),
        _el(3, "SUPPLIER_ID_REF", inst.id, ' type="supplier_specific"'),
        "            <SERVICE_DETAILS>",
        _el(4, "TITLE", s.title),
        _el(4, "DESCRIPTION_LONG", f"{s.description}\n\nUmfang: {s.lessons} Unterrichtseinheiten."),
        "                <CONTACT>",
        _el(5, "CONTACT_ROLE", "Ansprechpartner", ' type="1"'),
        _el(5, "LAST_NAME", "Kursbüro"),
        _el(5, "PHONE", _dotted(phone(inst.name))),
        "                    <EMAILS>",
        _el(6, "EMAIL", inst.email),
        "                    </EMAILS>",
        _el(5, "URL", inst.url),
        "                </CONTACT>",
        "                <SERVICE_DATE>",
        _el(5, "START_DATE", stamp(s.start)),
        _el(5, "END_DATE", stamp(s.end)),
        "                </SERVICE_DATE>",
    ]
    lines += [_el(4, "KEYWORD", k) for k in s.keywords]
    lines += [
        "                <TARGET_GROUP>",
        _el(5, "TARGET_GROUP_TEXT", s.target_group),
        "                </TARGET_GROUP>",
        "                <SERVICE_MODULE>",
        '                    <EDUCATION type="true">',
        _el(6, "COURSE_ID", s.course_id),
        _el(6, "REGISTRATION_DATE", stamp(s.start - timedelta(days=7))),
        "                        <EXTENDED_INFO>",
        _el(7, "INSTITUTION", inst.kind[1], f' type="{inst.kind[0]}"'),
        _el(7, "INSTRUCTION_FORM", "Präsenzunterricht", ' type="101"'),
        _el(7, "INSTRUCTION_TIME", "Teilzeit", ' type="1"'),
        _el(7, "TEACHING_LANGUAGES", "deu"),
        _el(7, "EDUCATION_TYPE", edu_label, f' type="{edu_code}"'),
        "                        </EXTENDED_INFO>",
    ]
    for module in s.modules:
        lines += module_xml(module, inst.email, inst.url)
    lines += [
        "                    </EDUCATION>",
        "                </SERVICE_MODULE>",
        "                <ANNOUNCEMENT>",
        _el(5, "START_DATE", date_with_offset(date(2026, 11, 2))),
        _el(5, "END_DATE", date_with_offset(s.start)),
        "                </ANNOUNCEMENT>",
        "            </SERVICE_DETAILS>",
        "            <SERVICE_CLASSIFICATION>",
        _el(4, "REFERENCE_CLASSIFICATION_SYSTEM_NAME", "Themenkatalog Bildungsnetz Mülheim"),
        "                <FEATURE>",
        _el(5, "FNAME", "FAM"),
        _el(5, "FVALUE", "Familie, Erziehung, Kinderbetreuung"),
        "                </FEATURE>",
        "            </SERVICE_CLASSIFICATION>",
        "            <SERVICE_PRICE_DETAILS>",
        "                <SERVICE_PRICE>",
        _el(5, "PRICE_AMOUNT", f"{s.price.normalize():f}" if s.price else "0.0"),
        _el(5, "PRICE_CURRENCY", "EUR"),
        "                </SERVICE_PRICE>",
        "            </SERVICE_PRICE_DETAILS>",
        "            <MIME_INFO>",
        "                <MIME_ELEMENT>",
        _el(5, "MIME_SOURCE", f"{inst.url}kurse/{s.course_id}"),
        "                </MIME_ELEMENT>",
        "            </MIME_INFO>",
        "        </SERVICE>",
    ]
    return lines


def export(shown: Sequence[Service]) -> bytes:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<OPENQCAT version="1.1">',
        "    <HEADER>",
        _el(2, "GENERATOR_INFO", "Bildungsnetz Mülheim – openQ-cat-Export 3.2"),
        "        <CATALOG>",
        _el(3, "LANGUAGE", "deu"),
        _el(3, "CATALOG_ID", "bnm-familie"),
        _el(3, "CATALOG_VERSION", "2026.11"),
        _el(3, "CATALOG_NAME", "Weiterbildung rund um Familie"),
        _el(3, "GENERATION_DATE", GENERATED.strftime("%Y-%m-%dT%H:%M:%S.000+01:00")),
        "        </CATALOG>",
        "        <SUPPLIER>",
        _el(3, "SUPPLIER_ID", "10001", ' type="supplier_specific"'),
        _el(3, "SUPPLIER_NAME", DATABASE),
        '            <ADDRESS type="supplier">',
        _el(4, "NAME", "Bildungsnetz Mülheim an der Ruhr"),
        _el(4, "STREET", "Löhberg 18"),
        _el(4, "ZIP", "45468"),
        _el(4, "CITY", "Mülheim an der Ruhr"),
        _el(4, "COUNTRY", "deutschland"),
        "                <EMAILS>",
        _el(5, "EMAIL", "datenbank@bildungsnetz-muelheim.example"),
        "                </EMAILS>",
        _el(4, "URL", "https://www.bildungsnetz-muelheim.example/"),
        "            </ADDRESS>",
        "        </SUPPLIER>",
        "    </HEADER>",
        '    <NEW_CATALOG FULLCATALOG="true">',
    ]
    for service in shown:
        lines += service_xml(service)
    lines += ["    </NEW_CATALOG>", "</OPENQCAT>"]
    return ("\n".join(lines) + "\n").encode("utf-8")


class Weiterbildung(DemoProvider):
    id = PROVIDER
    name = DATABASE
    format = "openqcat"
    entry_path = EXPORT
    summary = (
        "openQ-cat 1.1 (PAS 1045) export: OPENQCAT/HEADER + NEW_CATALOG/SERVICE, key PRODUCT_ID, "
        "dates with offsets, several MODULE_COURSEs per service for multi-site courses"
    )

    def records(self) -> Sequence[Service]:
        return services()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        if request.path == EXPORT:
            return DemoResponse(200, export(view.visible(self.records())), "application/xml")
        if request.sub_path == "/":
            return html_response(
                '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>'
                "Weiterbildungsdatenbank</title></head><body><h1>Weiterbildung</h1>"
                f'<p><a href="{EXPORT}">openQ-cat-Export (Familie)</a></p></body></html>'
            )
        return not_found()
