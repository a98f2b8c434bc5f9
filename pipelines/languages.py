"""Language names as providers write them ("Türkisch", "English", "de") -> ISO 639-1 codes."""

from __future__ import annotations

from functools import cache

import pycountry

from schemas.vocab import _german, iso639_1_codes

_EXTRA = {
    "deutsch": "de",
    "englisch": "en",
    "arabisch": "ar",
    "türkisch": "tr",
    "russisch": "ru",
    "ukrainisch": "uk",
    "polnisch": "pl",
    "französisch": "fr",
    "spanisch": "es",
    "italienisch": "it",
    "persisch": "fa",
    "farsi": "fa",
    "dari": "fa",
    "kurdisch": "ku",
    "griechisch": "el",
    "rumänisch": "ro",
    "bulgarisch": "bg",
    "serbisch": "sr",
    "kroatisch": "hr",
    "albanisch": "sq",
    "portugiesisch": "pt",
    "niederländisch": "nl",
    "gebärdensprache": None,
}


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    german = _german()
    for lang in pycountry.languages:
        code = getattr(lang, "alpha_2", None)
        if not code:
            continue
        for name in (lang.name, german.gettext(lang.name)):
            names.setdefault(name.lower(), code)
    return names


def language_code(word: str) -> str | None:
    """ISO 639-1 code of a language word or code; None when it is not a known language."""
    key = word.strip().lower().removesuffix(" sprache")
    if key in iso639_1_codes():
        return key
    if key in _EXTRA:
        return _EXTRA[key]
    return _names().get(key)
