"""A neighbourhood centre's event list, written for its old layout (the site was relaunched)."""

from scrapers.spiders.base import ListingDetailSpider, extract_fields


class NachbarschaftshausSpider(ListingDetailSpider):
    name = "nachbarschaftshaus"
    item_cards = "div.termine-liste div.termin"
    key = "./@data-id"

    def parse_card(self, card, response):
        return extract_fields(card, {
            "title": "h3.termin-titel",
            "date_text": "span.termin-datum",
            "description": "p.termin-text",
        })
