"""Shared building blocks of every Familienpunkt model: strictness, clean text, web URLs."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

TIMEZONE = "Europe/Berlin"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class StrictModel(BaseModel):
    """Base of all canonical models: unknown fields are an error, text is stripped."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=True,
        use_enum_values=False,
    )


def _clean_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    value = _CONTROL.sub("", value)
    if "<" in value and re.search(r"</?[a-zA-Z][^>]*>", value):
        raise ValueError("must be plain text, found an HTML tag")
    return value.strip()


def _http_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        raise ValueError("only http and https links are allowed")
    if not parts.netloc or " " in value:
        raise ValueError("not a valid web address")
    return value


PlainText = Annotated[str, AfterValidator(_clean_text)]
"""Unicode NFC, no control characters, no HTML."""

NonEmptyText = Annotated[str, Field(min_length=1), AfterValidator(_clean_text)]

WebUrl = Annotated[
    str,
    Field(max_length=2048),
    AfterValidator(_http_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://", "maxLength": 2048}),
]
"""An absolute http(s) URL kept as text exactly as published."""

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]
"""A steward-chosen key: lower case letters, digits, '-' and '_'."""


def read_toml(path: Path, error: type[Exception], what: str) -> dict[str, Any]:
    """A steward's TOML file as a dict; a missing or broken file raises ``error`` naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: {what} file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: not valid TOML: {exc}") from None
