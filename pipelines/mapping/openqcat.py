"""Raw openQ-cat services (shape OPENQCAT, see :mod:`scrapers.readers.openqcat`) → draft slots.

* Dates: the module's own START_DATE/END_DATE, else the service's SERVICE_DATE, as ISO dates
  (``2027-02-05T00:00:00.000+01:00`` → ``2027-02-05``). ANNOUNCEMENT dates are when the offer is
  advertised, not when it takes place, and are not mapped.
* Price: PRICE_AMOUNT + PRICE_CURRENCY as one expression per SERVICE_PRICE (``35464,50 EUR``).
* Place: the module's LOCATION (NAME/NAME2, STREET, ZIP, CITY), barrier-free flag as an
  accessibility word; the location's functional e-mail and phone as contact. The service's
  CONTACT is a person and is never mapped.
* Text: TITLE, DESCRIPTION_LONG (else DESCRIPTION_SHORT), INSTRUCTION_REMARKS as time text,
  TARGET_GROUP_TEXT, KEYWORDs and classification values as categories, teaching languages.
"""

from __future__ import annotations

from typing import Any

from pipelines.mapping._feed_values import as_list, iso_date, price_expression, text, texts
from pipelines.mapping.base import register_shape
from schemas.raw import RawRecord, RawShape
from schemas.source import Source


@register_shape(RawShape.OPENQCAT)
def map_openqcat(record: RawRecord, source: Source) -> dict[str, Any]:
    service = _dict(record.fields.get("SERVICE"))
    details = _dict(service.get("SERVICE_DETAILS"))
    module = _first_dict(record.fields.get("MODULE_COURSE"))
    education = _first_dict(_dict(details.get("SERVICE_MODULE")).get("EDUCATION"))
    extended = _dict(education.get("EXTENDED_INFO"))
    dates = _dict(module.get("SERVICE_DATE")) or module
    if not text(dates.get("START_DATE")):
        dates = _dict(details.get("SERVICE_DATE"))
    supplier = _dict(record.fields.get("SUPPLIER"))
    slots: dict[str, Any] = {
        "kind": "course",
        "title": text(details.get("TITLE")),
        "description": text(details.get("DESCRIPTION_LONG"))
        or text(details.get("DESCRIPTION_SHORT")),
        "url": _url(service) or _url(education),
        "categories": texts(details.get("KEYWORD")) + _classes(service),
        "organizer": text(supplier.get("SUPPLIER_NAME")),
        "start": iso_date(dates.get("START_DATE")),
        "end": iso_date(dates.get("END_DATE")),
        "time_text": text(module.get("INSTRUCTION_REMARKS")),
        "target_groups": texts(_dict(details.get("TARGET_GROUP")).get("TARGET_GROUP_TEXT")),
        "languages": texts(extended.get("TEACHING_LANGUAGES")),
        "prices": _prices(service),
        "capacity": text(module.get("MAX_PARTICIPANTS")),
    }
    slots.update(_location(_dict(module.get("LOCATION"))))
    return {name: value for name, value in slots.items() if value not in (None, "", [])}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _first_dict(value: Any) -> dict[str, Any]:
    return next((item for item in as_list(value) if isinstance(item, dict)), {})


def _url(element: dict[str, Any]) -> str | None:
    for mime in as_list(_dict(element.get("MIME_INFO")).get("MIME_ELEMENT")):
        source = text(_dict(mime).get("MIME_SOURCE"))
        if source and source.startswith(("http://", "https://")):
            return source
    return None


def _classes(service: dict[str, Any]) -> list[str]:
    values: list[str] = []
    for classification in as_list(service.get("SERVICE_CLASSIFICATION")):
        for feature in as_list(_dict(classification).get("FEATURE")):
            values += texts(_dict(feature).get("FVALUE"))
    return values


def _prices(service: dict[str, Any]) -> list[str]:
    prices: list[str] = []
    for details in as_list(service.get("SERVICE_PRICE_DETAILS")):
        for price in as_list(_dict(details).get("SERVICE_PRICE")):
            price = _dict(price)
            expression = price_expression(price.get("PRICE_AMOUNT"), price.get("PRICE_CURRENCY"),
                                          price.get("PRICE_TYPE"))
            if expression:
                prices.append(expression)
    return prices


def _location(location: dict[str, Any]) -> dict[str, Any]:
    names = texts(location.get("NAME")) + texts(location.get("NAME2"))
    barrier_free = (text(location.get("BARRIER_FREE_LOCATION")) or "").lower() == "true"
    return {
        "location_name": " – ".join(names) or None,
        "street": text(location.get("STREET")),
        "postal_code": text(location.get("ZIP")),
        "city": text(location.get("CITY")),
        "email": text(_dict(location.get("EMAILS")).get("EMAIL")),
        "phone": text(location.get("PHONE")),
        "accessibility": ["barrierefrei"] if barrier_free else [],
    }
