"""The city youth office's holiday booking portal: paged listing, one detail page per offer."""

from scrapers.spiders.base import ListingDetailSpider, dd, extract_fields


class FerienportalSpider(ListingDetailSpider):
    name = "ferienportal"
    detail_links = "li.angebot-kachel a.angebot-link"
    next_page = "nav.pagination a.next"
    key = "article.angebot-detail::attr(data-angebot)"

    def parse_detail(self, response):
        description = response.css("section.beschreibung > :not(h2)").getall()
        return {"description": "".join(description)} | extract_fields(
            response,
            {
                "title": "h1.angebot-titel",
                "subtitle": "p.angebot-untertitel",
                "status": "div.plaetze::attr(class)",
                "free_places": "div.plaetze strong",
                "organizer": dd("Veranstalter"),
                "location_name": dd("Veranstaltungsort"),
                "address": dd("Adresse"),
                "district": dd("Stadtteil"),
                "date_text": dd("Zeitraum"),
                "time_text": dd("Uhrzeit"),
                "age_text": dd("Alter"),
                "price_text": dd("Kosten"),
                "capacity": dd("Teilnehmerzahl"),
                "registration_text": dd("Anmeldung"),
                "booking_url": "a.btn-buchen::attr(href)",
            },
        )
