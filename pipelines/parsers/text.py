"""Clean text: HTML to plain text, and the folding every phrase parser starts with.

:func:`html_to_text` sanitises with ``nh3`` (drops scripts, styles, comments and attributes)
and reads the result with ``lxml``; only the layout decisions (which elements break lines,
how list items look) are ours.
"""

from __future__ import annotations

import re
import unicodedata

import lxml.etree
import lxml.html
import nh3

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u00ad\ufeff\ufffe]")
_LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_INLINE_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")

_LOOKS_LIKE_HTML = re.compile(
    r"<(?:[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?|/[a-zA-Z][a-zA-Z0-9]*\s*|!--)>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});"
)

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
"""What the canonical models reject as HTML (schemas.base)."""
_MAX_PASSES = 4

_PARAGRAPHS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "figure",
        "hr",
        "details",
    }
)
"""Elements set off by a blank line."""
_LINES = frozenset(
    {
        "div",
        "li",
        "tr",
        "br",
        "dt",
        "dd",
        "caption",
        "figcaption",
        "summary",
        "address",
        "center",
        "hgroup",
        "main",
        "thead",
        "tbody",
        "tfoot",
    }
)
"""Elements that start and end on their own line."""
_CELLS = frozenset({"td", "th"})
_KEEP_TAGS = (
    _PARAGRAPHS
    | _LINES
    | _CELLS
    | {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "del",
        "ins",
        "small",
        "sub",
        "sup",
        "span",
        "abbr",
        "cite",
        "code",
        "kbd",
        "mark",
        "q",
        "time",
        "var",
        "wbr",
        "bdi",
        "bdo",
    }
)
_DROP_WITH_CONTENT = {
    "script",
    "style",
    "title",
    "noscript",
    "template",
    "iframe",
    "object",
    "svg",
    "math",
    "head",
    "select",
    "textarea",
    "button",
}

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u202f\u205f\u3000\t" + "".join(chr(c) for c in range(0x2000, 0x200B))
_FOLD_TABLE = str.maketrans(
    {
        **{c: "-" for c in _DASHES},
        **{c: " " for c in _SPACES},
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2024": ".",
        "\u2026": "...",
        "\uff1a": ":",
        "\u2236": ":",
    }
)
_WS = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Unicode NFC, control characters removed, whitespace collapsed within lines.

    Line breaks stay; runs of blank lines become one blank line; lines are stripped.
    """
    text = _CONTROL.sub("", unicodedata.normalize("NFC", _LINE_SEPARATORS.sub("\n", text)))
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(text: str | None) -> str:
    """HTML (or plain text) to clean plain text.

    Block elements become line breaks (paragraph-like ones a blank line), list items become
    "- " lines, table cells are separated by " | ", entities are decoded, scripts, styles and
    comments are dropped. Plain text only goes through :func:`clean_text`.
    """
    if not text:
        return ""
    text = _CONTROL.sub("", _LINE_SEPARATORS.sub("\n", text))
    if not _LOOKS_LIKE_HTML.search(text):
        return clean_text(text)
    # escaped HTML ("&lt;p&gt;Hallo&lt;/p&gt;") is common in feeds: read it again while
    # decoding produced tags
    for _ in range(_MAX_PASSES):
        out = _html_pass(text)
        if not _TAG.search(out) or out == text:
            break
        text = out
    else:  # pragma: no cover - needs more than _MAX_PASSES levels of escaping
        out = _TAG.sub(" ", out)
    return clean_text(out)


def _html_pass(text: str) -> str:
    safe = nh3.clean(
        text,
        tags=set(_KEEP_TAGS),
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes={},
        strip_comments=True,
        link_rel=None,
    )
    safe = _MARKERS.sub("", safe)
    if not safe.strip():
        return ""
    root = lxml.html.fragment_fromstring(safe, create_parent="div")
    return _layout(root)


_LINE = "\ue000"
_PARA = "\ue001"
_BREAKS = re.compile(r"[\s\ue000\ue001]*[\ue000\ue001][\s\ue000\ue001]*")
_MARKERS = re.compile(r"[\ue000\ue001]")


def _layout(root: lxml.etree._Element) -> str:
    """Text of an element tree with line-break markers; HTML whitespace is just space."""
    out: list[str] = []
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _PARAGRAPHS:
                out.append(_PARA)
            elif tag == "li":
                out.append(_LINE + "- ")
            elif tag in _LINES:
                out.append(_LINE)
            elif tag in _CELLS:
                out.append(" | ")
            if el.text:
                out.append(el.text)
        else:
            if tag in _PARAGRAPHS:
                out.append(_PARA)
            elif tag in _LINES:
                out.append(_LINE)
            if el.tail and el is not root:
                out.append(el.tail)
    joined = "".join(out).replace("\n", " ")
    joined = _BREAKS.sub(lambda m: "\n\n" if _PARA in m.group() else "\n", joined)
    lines = (line.strip().removeprefix("| ").removesuffix(" |") for line in joined.split("\n"))
    return "\n".join(line for line in lines if line not in ("-", "|")) if joined else ""


def fold(text: str, *, newline: str = " ") -> str:
    """The form phrase parsers match on: NFC, lower case, one kind of dash and space.

    Control characters go, typographic dashes become "-", quotes become ASCII, whitespace runs
    become one space (line breaks become ``newline``), and the ends are stripped.
    """
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text).translate(_FOLD_TABLE).lower()
    if newline != " ":
        text = _LINE_SEPARATORS.sub("\n", text).replace("\n", newline)
    return _WS.sub(" ", text).strip()


_ABBREVIATIONS = frozenset({
    "ca", "bzw", "ggf", "inkl", "evtl", "vgl", "z.b", "u.a", "d.h", "usw", "tel", "nr", "str",
    "hr", "fr", "mo", "di", "mi", "do", "sa", "so", "jan", "feb", "mär", "apr", "jun", "jul",
    "aug", "sep", "sept", "okt", "nov", "dez", "erm", "max", "min", "mind", "zzgl", "incl", "geb",
    "std", "e.v", "ev", "st", "dr", "prof", "abs", "ff", "s.", "bspw", "u.ä.",
})
_SENTENCE_END = re.compile(r"[.!?]+[\"'»«)]*\s+")


def sentences(text: str) -> list[str]:
    """A description cut into sentences (and lines), for the finders that read one at a time.

    A full stop ends a sentence unless it closes a number ("am 10. August", "ab 9.30 Uhr") or a
    German abbreviation ("ca. 20 Kinder", "Tel. 0208 …", "Mo. bis Fr."); line breaks always end
    one (lists, headings).
    """
    out: list[str] = []
    for line in clean_text(text).split("\n"):
        start = 0
        for m in _SENTENCE_END.finditer(line):
            before = line[start:m.start() + 1]
            word = re.search(r"(\S+)\.$", before.rstrip("!?"))
            if m.group().startswith(".") and word and (
                    re.fullmatch(r"\d{1,2}", word.group(1))  # "am 10. August", "3. Lebensjahr"
                    or word.group(1).lower() in _ABBREVIATIONS
                    or len(word.group(1)) == 1):
                continue
            nxt = line[m.end():m.end() + 1]
            if nxt and nxt.islower():
                continue
            out.append(line[start:m.end()].strip())
            start = m.end()
        rest = line[start:].strip()
        if rest:
            out.append(rest)
    return [s for s in out if s]
