"""Deterministic sloppiness: the stray spaces, missing blanks and small typos of hand-kept pages."""

from __future__ import annotations

import random
import re

_TYPOS = (
    ("Mülheim-Pass", "Mülheimpass"),
    ("Mülheim-Pass", "Mülheim Pass"),
    ("Geschwisterkind", "Geschwisterkid"),
    ("inkl.", "inkl"),
    ("pro Woche", "pro  Woche"),
    (" Uhr", "Uhr"),
    (" bis ", "  bis "),
    ("–", " – "),
    ("Euro", "EUR"),
)


def sloppy(r: random.Random, text: str, rate: float) -> str:
    """With probability ``rate``, one applicable slip (typo, doubled or missing blank, trailing
    blank); otherwise ``text`` unchanged. Meaning stays recoverable for a careful parser."""
    if r.random() >= rate:
        return text
    options = [(old, new) for old, new in _TYPOS if old in text]
    if options and r.random() < 0.8:
        old, new = options[r.randrange(len(options))]
        return text.replace(old, new, 1)
    if r.random() < 0.5:
        return text + " "
    return re.sub(r" ", "  ", text, count=1)
