"""A directory of counselling services, meeting places and leisure offers: one card each."""

from scrapers.spiders.base import ListingDetailSpider, extract_fields


class BeratungSpider(ListingDetailSpider):
    name = "beratung"
    item_cards = "article.karte"
    key = "./@data-eintrag"

    def parse_card(self, card, response):
        return extract_fields(
            card,
            {
                "kind": "span.karte__rubrik",
                "title": "h3.karte__titel",
                "organizer": "p.karte__traeger",
                "description": "p.karte__text",
                "target_groups": "p.karte__zielgruppe",
                "address": "address.karte__adresse",
                "district": "span.karte__stadtteil",
                "opening_hours": "./p[contains(@class, 'karte__zeiten')]/text()[normalize-space()]",
                "price_text": "./p[contains(@class, 'karte__kosten')]/text()[normalize-space()]",
                "phone": "li.tel a",
                "email": "li.mail a",
            },
        )
