"""Plain integers and yes/no markers from provider columns.

* ``parse_int``: "12", "1.194" (German thousands), "+3", "12 Plätze", "keine" (0). Decimals
  other than ".0", ranges and words like "ca." are Unparsed; so is "null" (in exports it means
  "missing", not zero).
* ``parse_bool``: "ja", "x", "true", "1", "vorhanden", "✓" … / "nein", "false", "0", "-",
  "nicht vorhanden" …; "k.A.", "unbekannt", "null" and anything else are Unparsed.
"""

from __future__ import annotations

import re

from pipelines.parsers.result import Unparsed, unparsed
from pipelines.parsers.text import fold

_INT = re.compile(
    r"(?P<sign>[+-])?\s*(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?:\.0+)?"
    r"(?:\s+(?:plätze|platz|freie\s+plätze|kinder|teilnehmer(?:innen)?|teilnehmende|personen"
    r"|stück|stk\.?))?"
)
MAX_DIGITS = 18
_NONE_WORDS = frozenset({"keine", "kein", "keiner", "0 plätze"})

_TRUE = frozenset(
    {
        "ja",
        "j",
        "yes",
        "y",
        "x",
        "true",
        "wahr",
        "1",
        "vorhanden",
        "verfügbar",
        "✓",
        "✔",
        "☑",
        "✅",
        "+",
        "t",
        "on",
        "an",
        "ja, vorhanden",
        "erforderlich",
        "notwendig",
        "nötig",
        "pflicht",
        "ja, erforderlich",
        "gegeben",
        "zutreffend",
        "trifft zu",
    }
)
_FALSE = frozenset(
    {
        "nein",
        "n",
        "no",
        "false",
        "falsch",
        "0",
        "-",
        "–",
        "nicht vorhanden",
        "keine",
        "kein",
        "off",
        "f",
        "aus",
        "✗",
        "✘",
        "❌",
        "nicht erforderlich",
        "nicht notwendig",
        "nicht nötig",
        "nein, nicht erforderlich",
        "trifft nicht zu",
        "nicht verfügbar",
        "nicht gegeben",
    }
)


def parse_int(text: str | int | None) -> int | Unparsed:
    """An integer from a provider column, or Unparsed."""
    if isinstance(text, bool):
        return unparsed(str(text), "a yes/no value is not a number")
    if isinstance(text, int):
        return text
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text).strip(" .;")
    if s in _NONE_WORDS:
        return 0
    m = _INT.fullmatch(s)
    if not m:
        return unparsed(text, "not a whole number")
    digits = m["num"].replace(".", "")
    if len(digits) > MAX_DIGITS:
        return unparsed(text, f"more than {MAX_DIGITS} digits")
    value = int(digits)
    return -value if m["sign"] == "-" else value


def parse_bool(text: str | bool | None) -> bool | Unparsed:
    """True/False from yes/no markers, or Unparsed."""
    if isinstance(text, bool):
        return text
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text).strip(" .!;")
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    return unparsed(text, "not a yes/no value")
