"""The configurable taxonomy: categories with labels, and rules mapping provider words onto
offer kinds, categories, target groups, accessibility terms and status."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.settings import CONFIG_DIR
from schemas.vocab import VOCABULARIES, Accessibility, OfferKind, OfferStatus, TargetGroup

TAXONOMY_FILE = CONFIG_DIR / "taxonomy.toml"


@dataclass(frozen=True)
class Category:
    code: str
    label_de: str
    label_en: str
    parent: str | None


def _matcher(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of the words. A trailing * matches any ending
    ("schwimm*": "Schwimmkurs"), a leading * a non-empty beginning of a German compound
    ("*theater": "Kindertheater", not "Theater" itself)."""
    parts = []
    for pattern in sorted(patterns, key=len, reverse=True):
        stem = pattern.strip("*")
        body = re.escape(stem).replace(r"\ ", r"[\s-]+")
        head = r"\w+" if pattern.startswith("*") else ""
        tail = r"\w*" if pattern.endswith("*") else ""
        parts.append(head + body + tail)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


class Taxonomy:
    def __init__(self, path: Path = TAXONOMY_FILE):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        self.path = path
        self.version: str = data.get("version", "0")
        self._kinds = [(OfferKind(k), _matcher(v)) for k, v in data.get("kinds", {}).items()]
        self._groups = [
            (TargetGroup(k), _matcher(v)) for k, v in data.get("target_groups", {}).items()
        ]
        self._access = [
            (Accessibility(k), _matcher(v)) for k, v in data.get("accessibility", {}).items()
        ]
        self._status = [(OfferStatus(k), _matcher(v)) for k, v in data.get("status", {}).items()]
        self.categories: dict[str, Category] = {}
        self._category_rules: list[tuple[str, re.Pattern[str]]] = []
        for code, spec in data.get("categories", {}).items():
            parent = spec.get("parent")
            self.categories[code] = Category(code, spec["de"], spec["en"], parent)
            if spec.get("match"):
                self._category_rules.append((code, _matcher(spec["match"])))
        for category in self.categories.values():
            if category.parent and category.parent not in self.categories:
                raise ValueError(
                    f"{path}: category {category.code!r} has unknown parent {category.parent!r}"
                )

    # -- single answers

    def kind_for(self, text: str | None) -> OfferKind | None:
        if not text:
            return None
        value = text.strip().lower()
        if value in OfferKind._value2member_map_:
            return OfferKind(value)
        for kind, matcher in self._kinds:
            if matcher.search(text):
                return kind
        return None

    def status_for(self, text: str | None) -> OfferStatus | None:
        if not text:
            return None
        for status, matcher in self._status:
            if matcher.search(text):
                return status
        return None

    # -- lists

    def categories_for(
        self, provider_categories: list[str], title: str | None
    ) -> tuple[list[str], list[str]]:
        """Category codes (with their parents) and the provider categories nothing maps."""
        found: set[str] = set()
        unmapped: list[str] = []
        for word in provider_categories:
            hits = {code for code, m in self._category_rules if m.search(word)}
            found |= hits
            if not hits and not self._any_rule(word):
                unmapped.append(word)
        if title:
            found |= {code for code, m in self._category_rules if m.search(title)}
        return self._with_parents(found), unmapped

    def target_groups_for(self, texts: list[str]) -> list[TargetGroup]:
        return [group for group, m in self._groups if any(m.search(t) for t in texts if t)]

    def accessibility_for(self, texts: list[str]) -> tuple[list[Accessibility], list[str]]:
        found: list[Accessibility] = []
        unmapped: list[str] = []
        for text in texts:
            hits = [code for code, m in self._access if m.search(text)]
            if not hits:
                unmapped.append(text)
            found += [h for h in hits if h not in found]
        return found, unmapped

    # -- helpers

    def _any_rule(self, word: str) -> bool:
        return any(m.search(word) for _, m in (*self._kinds, *self._groups))

    def _with_parents(self, codes: set[str]) -> list[str]:
        out = set(codes)
        for code in codes:
            parent = self.categories[code].parent
            while parent:
                out.add(parent)
                parent = self.categories[parent].parent
        return sorted(out)

    def terms(self) -> list[dict[str, str | None]]:
        """Every term of every scheme: the export's taxonomy table."""
        rows: list[dict[str, str | None]] = []
        for scheme, enum in VOCABULARIES.items():
            rows += [
                {
                    "scheme": scheme,
                    "code": m.value,
                    "label_de": m.label_de,
                    "label_en": m.label_en,
                    "parent": None,
                }
                for m in enum
            ]
        rows += [
            {
                "scheme": "category",
                "code": c.code,
                "label_de": c.label_de,
                "label_en": c.label_en,
                "parent": c.parent,
            }
            for c in self.categories.values()
        ]
        return rows


@cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy()
