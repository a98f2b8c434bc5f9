"""Telling the text encoding of a provider's file (German CSVs come in four or five of them).

Order of evidence, most certain first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. NUL bytes at every other position: UTF-16 without a mark;
3. the whole file decodes as UTF-8 (that almost never happens by chance);
4. bytes 0x80–0x9F are printable characters (€ „ “ – …) in Windows-1252 but C1 control codes
   in ISO-8859-1: when they occur and Windows-1252 decodes the whole file to characters a
   German text may hold, it is Windows-1252. (Old Mac files put their umlauts there too:
   ü is 0x9F, which Windows-1252 reads as Ÿ; letters like Ÿ Š ž œ ƒ send the file to rule 5);
5. otherwise single-byte Western encodings compete on what they decode the non-ASCII bytes
   to: Windows-1252 (if it decodes at all), ISO-8859-1, DOS cp850 and Mac mac_roman. German
   letters count most, other letters less, typographic punctuation a little, symbols and
   controls nothing; a tie goes to the earlier one. A DOS file whose only umlauts are ä and ö
   (0x84, 0x94) decodes under rule 4 as „ and ”: such a source needs the option
   ``encoding = "cp850"``;
6. ``charset-normalizer`` when none of the above decodes to anything sensible.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator

from scrapers.readers.base import ReaderError

CHUNK = 1 << 20
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_C1 = re.compile(rb"[\x80-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_GERMAN = frozenset("äöüÄÖÜß")
_TYPOGRAPHIC = frozenset("€„“”‚‘’–—…«»°§²³µ·×")
_UNGERMAN = frozenset("ŠšŽžŸŒœƒˆ˜‰‹›†‡")
"""What Windows-1252 makes of 0x80–0x9F besides € „ “ ” ‚ ‘ ’ – — … •: rare in German text."""


def bom_encoding(content: bytes) -> str | None:
    for bom, name in _BOMS:
        if content.startswith(bom):
            return name
    return None


def detect_encoding(content: bytes) -> str:
    """The codec name to decode ``content`` with (see the module text for the rules)."""
    by_bom = bom_encoding(content)
    if by_bom:
        return by_bom
    by_nuls = _utf16_by_nuls(content[:65536])
    if by_nuls:
        return by_nuls
    if _decodes(content, "utf-8"):
        return "utf-8"
    windows = bool(_C1.search(content)) and _decodes(content, "cp1252")
    if windows and not _holds(content, "cp1252", _UNGERMAN):
        return "cp1252"
    candidates = ("cp1252",) * windows + ("iso-8859-1", "cp850", "mac_roman")
    scores = {codec: _score(content, codec) for codec in candidates}
    best = max(scores, key=lambda codec: scores[codec])  # the first wins a tie
    if scores[best] > 0:
        return best
    return _charset_normalizer(content)


def _chunks(content: bytes) -> Iterator[bytes]:
    view = memoryview(content)
    for start in range(0, len(content), CHUNK):
        yield bytes(view[start:start + CHUNK])


def _decodes(content: bytes, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        for chunk in _chunks(content):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _holds(content: bytes, codec: str, chars: frozenset[str]) -> bool:
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    return any(not chars.isdisjoint(decoder.decode(chunk)) for chunk in _chunks(content))


def _score(content: bytes, codec: str) -> float:
    """Mean plausibility of the non-ASCII characters ``content`` decodes to (0 to 2)."""
    counts: Counter[str] = Counter()
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    for chunk in _chunks(content):
        counts.update(_NON_ASCII.findall(decoder.decode(chunk)))
    total = sum(counts.values())
    if not total:
        return 0.0
    points = 0.0
    for char, n in counts.items():
        if char in _GERMAN:
            points += 2 * n
        elif char in _TYPOGRAPHIC:
            points += 0.5 * n
        elif char.isalpha() and char not in _UNGERMAN:
            points += n
    return points / total


def _utf16_by_nuls(sample: bytes) -> str | None:
    half = len(sample) // 2
    if half < 2 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _charset_normalizer(content: bytes) -> str:
    from charset_normalizer import from_bytes

    match = from_bytes(content[: 4 * CHUNK]).best()
    if match is None:
        raise ReaderError("cannot tell the text encoding; set the option 'encoding'")
    return match.encoding
