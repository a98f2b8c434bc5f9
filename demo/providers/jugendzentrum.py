"""A youth centre's WordPress blog with two category feeds.

RSS 2.0 ``/jugendzentrum/category/termine/feed/`` (events) and Atom 1.0
``/jugendzentrum/category/ferienprogramm/feed/atom/`` (holiday programme): no paging, newest
first. The key is the post id at the end of the ``guid`` / Atom ``id``
(``https://www.jugendhaus-speldorf.example/?p=2317``); date, time, age and price are only in
the HTML description, written in German prose. Post pages live at
``/jugendzentrum/<yyyy>/<mm>/<slug>/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from demo.content import prose
from demo.content.german import age_range, d_full, span, times
from demo.content.jugendzentrum import (
    EVENTS,
    HOLIDAYS,
    HOUSE,
    PROVIDER,
    SITE,
    VENUE,
    YouthPost,
    youth_posts,
)
from demo.content.seed import pick, rng
from demo.exchange import DemoRequest, DemoResponse, html_response, not_found
from demo.providers.base import DemoProvider
from demo.providers.markup import esc
from demo.state import ProviderView

RSS = f"/{PROVIDER}/category/termine/feed/"
ATOM = f"/{PROVIDER}/category/ferienprogramm/feed/atom/"
BUILT = datetime(2026, 11, 16, 9, 30)
GENERATOR = "https://wordpress.org/?v=6.6.2"


def _when(post: YouthPost, r_style: int) -> str:
    if post.first_day == post.last_day:
        style = ("words", "weekday", "full")[r_style % 3]
    else:
        style = ("full", "words", "compact", "weekday")[r_style % 4]
    return span(post.first_day, post.last_day, style)


def description_html(post: YouthPost) -> str:
    """The post text: half the posts list the facts under labels ("Wann:", "Kosten:"), the
    others tell them in sentences, each in the shape one of the team's authors writes."""
    r = rng(f"{PROVIDER}:text:{post.key}")
    when = _when(post, r.randrange(12))
    hours = times(post.start, post.end, pick(r, ("bis", "dash", "dot0", "colon")))
    if post.ages is None:
        ages = "alle Altersgruppen, Familien willkommen"
    else:
        lo, hi = post.ages
        ages = age_range(lo, hi, pick(r, ("hyphen", "between", "von", "dash", "plain")))
    place = f"{HOUSE}, {VENUE.street}"
    if r.random() < 0.5:
        facts = [("Wann", f"{when}, {hours}"), ("Für wen", ages), ("Kosten", post.price_text)]
        if post.places_text:
            facts.append(("Plätze", post.places_text))
        if post.registration_closes:
            facts.append(("Anmeldung", f"bis {d_full(post.registration_closes)}"))
        facts.append(("Wo", place))
        items = "".join(f"<li><strong>{k}:</strong> {esc(v)}</li>" for k, v in facts)
        return f"<p>{esc(post.text)}</p>\n<ul>{items}</ul>"
    far = (post.first_day - post.published.date()).days > 200  # next year's plan: with year
    sentences = [prose.when(post.first_day, post.last_day, post.start, post.end, r, year=far)]
    sentences.append(prose.all_ages(r) if post.ages is None else prose.ages(*post.ages, r))
    sentences.append(prose.price(post.price_text, r))
    if post.places_text:
        sentences.append(prose.places(post.places_text, r))
    if post.registration_closes:
        sentences.append(prose.registration_deadline(post.registration_closes, r))
    r.shuffle(sentences[1:])  # the days first; the rest in any order, as authors do
    told = " ".join(sentences)
    return f"<p>{esc(post.text)}</p>\n<p>{esc(told)}</p>\n<p>Ort: {esc(place)}</p>"


def _rfc822(moment: datetime) -> str:
    return format_datetime(moment.replace(tzinfo=UTC))


def _cdata(text: str) -> str:
    return f"<![CDATA[{text}]]>"


def rss_feed(posts: Sequence[YouthPost], request: DemoRequest) -> bytes:
    items = []
    for post in sorted(posts, key=lambda p: p.published, reverse=True):
        html = description_html(post)
        categories = "".join(
            f"\n\t\t<category>{_cdata(c)}</category>" for c in (post.category, *post.tags)
        )
        items.append(
            f"""	<item>
		<title>{escape(post.title)}</title>
		<link>{request.absolute(post.path)}</link>
		<dc:creator>{_cdata("Team Jugendhaus")}</dc:creator>
		<pubDate>{_rfc822(post.published)}</pubDate>{categories}
		<guid isPermaLink="false">{post.guid}</guid>
		<description>{_cdata(html)}</description>
		<content:encoded>{_cdata(html)}</content:encoded>
	</item>
"""
        )
    return (
        f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	>
<channel>
	<title>{EVENTS} &#8211; {HOUSE}</title>
	<atom:link href="{request.absolute(RSS)}" rel="self" type="application/rss+xml" />
	<link>{request.absolute(f"/{PROVIDER}/")}</link>
	<description>Offene Tür für Kinder und Jugendliche in Mülheim-Speldorf</description>
	<lastBuildDate>{_rfc822(BUILT)}</lastBuildDate>
	<language>de-DE</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>{GENERATOR}</generator>
"""
        + "".join(items)
        + "</channel>\n</rss>\n"
    ).encode("utf-8")


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(posts: Sequence[YouthPost], request: DemoRequest) -> bytes:
    entries = []
    for post in sorted(posts, key=lambda p: p.published, reverse=True):
        html = description_html(post)
        updated = post.published + timedelta(hours=2)
        categories = "".join(
            f'\n\t\t<category scheme="{SITE}" term="{escape(c)}" />'
            for c in (post.category, *post.tags)
        )
        entries.append(
            f"""	<entry>
		<author><name>Team Jugendhaus</name></author>
		<title type="html">{_cdata(post.title)}</title>
		<link rel="alternate" type="text/html" href="{request.absolute(post.path)}" />
		<id>{post.guid}</id>
		<updated>{_iso(updated)}</updated>
		<published>{_iso(post.published)}</published>{categories}
		<summary type="html">{_cdata(html.split("</p>", 1)[0] + "</p>")}</summary>
		<content type="html" xml:base="{request.absolute(post.path)}">{_cdata(html)}</content>
	</entry>
"""
        )
    return (
        f"""<?xml version="1.0" encoding="UTF-8"?><feed
  xmlns="http://www.w3.org/2005/Atom"
  xml:lang="de-DE"
  >
	<title type="text">{HOLIDAYS} &#8211; {HOUSE}</title>
	<subtitle type="text">Ferienangebote im {HOUSE}</subtitle>
	<updated>{_iso(BUILT)}</updated>
	<link rel="alternate" type="text/html" href="{request.absolute(f"/{PROVIDER}/")}" />
	<id>{SITE}/category/ferienprogramm/feed/atom/</id>
	<link rel="self" type="application/atom+xml" href="{request.absolute(ATOM)}" />
	<generator uri="https://wordpress.org/" version="6.6.2">WordPress</generator>
"""
        + "".join(entries)
        + "</feed>\n"
    ).encode("utf-8")


def post_page(post: YouthPost) -> str:
    return f"""<!DOCTYPE html>
<html lang="de-DE"><head><meta charset="UTF-8"><title>{esc(post.title)} – {HOUSE}</title>
<link rel="alternate" type="application/rss+xml" title="{HOUSE} » {EVENTS}" href="{RSS}">
</head><body class="single single-post postid-{post.key}">
<article id="post-{post.key}" class="post type-post">
<h1 class="entry-title">{esc(post.title)}</h1>
<div class="entry-content">{description_html(post)}</div>
</article></body></html>
"""


class Jugendzentrum(DemoProvider):
    id = PROVIDER
    name = f"{HOUSE} – Offene Tür für Kinder und Jugendliche"
    format = "rss"
    entry_path = RSS
    extra_paths = (ATOM,)
    summary = (
        "WordPress category feeds: RSS 2.0 (events) and Atom (holiday programme, at the extra "
        "path); key = post id in guid/id; date, time, age and price only in the HTML text"
    )

    def records(self) -> Sequence[YouthPost]:
        return youth_posts()

    def handle(self, request: DemoRequest, view: ProviderView) -> DemoResponse:
        sub = request.path
        posts = view.visible(self.records())
        if sub == RSS:
            body = rss_feed([p for p in posts if p.category == EVENTS], request)
            return DemoResponse(200, body, "application/rss+xml; charset=UTF-8")
        if sub == ATOM:
            body = atom_feed([p for p in posts if p.category == HOLIDAYS], request)
            return DemoResponse(200, body, "application/atom+xml; charset=UTF-8")
        post = next((p for p in posts if p.path == sub), None)
        if post is not None:
            return html_response(post_page(post))
        if request.sub_path == "/":
            return html_response(
                f'<!DOCTYPE html><html lang="de-DE"><head><meta charset="UTF-8"><title>{HOUSE}'
                f'</title><link rel="alternate" type="application/rss+xml" href="{RSS}">'
                f'<link rel="alternate" type="application/atom+xml" href="{ATOM}"></head>'
                f"<body><h1>{HOUSE}</h1></body></html>"
            )
        return not_found()
