"""Phone numbers (E.164 via ``phonenumbers``), e-mail addresses and web links.

* Phones: labels ("Tel.:", "Telefon") are dropped; the number must be valid for its region
  (default DE). Vanity letters, several numbers and extensions in words are Unparsed.
* E-mail: "mailto:" and the usual obfuscations ("info(at)example.de", "[at]", "[dot]") are
  undone; the domain is lower-cased; several addresses are Unparsed.
* Links: only http and https; a relative link is resolved against ``base``; a link starting
  with "www." gets "http://" (the scheme every web server answers; it redirects to https if it
  has it). Spaces and non-ASCII characters in path and query are percent-encoded, the host is
  kept as written (lower case).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import phonenumbers

from pipelines.parsers.result import Unparsed, unparsed
from pipelines.parsers.text import fold

_PHONE_LABEL = re.compile(
    r"^(?:tel(?:efon)?|fon|phone|mobil|handy|telefonnummer|rufnummer|t|☎|📞)"
    r"\s*\.?\s*:?\s*(?:nr\.?\s*:?\s*)?",
)
_PHONE_CHARS = re.compile(r"^[+(]?[\d\s()./\-–]+$")
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_PHONE_SPLIT = re.compile(r"\s(?:oder|und|bzw\.?)\s|[,;]")
_EMAIL_LABEL = re.compile(r"^(?:e-?mail(?:-?adresse)?|mail)\s*:\s*|^e-?mail\s+", re.I)
_AT = re.compile(r"\s*(?:\(at\)|\[at\]|\{at\}|\sat\s|\(ät\)|\[ät\]| ät )\s*", re.I)
_DOT = re.compile(r"\s*(?:\(dot\)|\[dot\]|\{dot\}|\(punkt\)|\[punkt\]|\sdot\s)\s*", re.I)
_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)"
    r"@(?P<domain>(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[A-Za-z]{2,63})"
)
_URL_LABEL = re.compile(r"^(?:web(?:site|seite)?|homepage|internet|url|link|www)\s*:\s*", re.I)
_HOST_PORT = re.compile(r"^[\w.-]+\.[a-z]{2,}:\d+", re.I)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_HOST = re.compile(r"^(?:[^\W_](?:[\w-]{0,62})?\.)*[^\W_](?:[\w-]{0,62})?$")
MAX_URL_LENGTH = 2048
"""The canonical models' limit for links."""
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"
_SAFE_QUERY = "/%:@!$&'()*+,;=-._~?"


def _two_numbers(s: str) -> bool:
    """ "0208 455-0 / 0208 455-1": a slash before a second full number (not "0208 / 455-0")."""
    left, sep, right = s.partition("/")
    if not sep:
        return False
    digits = sum(c.isdigit() for c in left), sum(c.isdigit() for c in right)
    return right.strip()[:1] in ("0", "+") and min(digits) >= 6


def parse_phone(text: str | None, *, region: str = "DE") -> str | Unparsed:
    """A phone number in E.164 ("+492084550") or Unparsed."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = fold(text)
    s = _PHONE_LABEL.sub("", s).strip(" ,;")
    if _PHONE_SPLIT.search(s) or _two_numbers(s):
        return unparsed(text, "several phone numbers")
    if not _PHONE_CHARS.match(s):
        return unparsed(text, "not a phone number (letters or other characters)")
    if sum(c.isdigit() for c in s) < 5:
        return unparsed(text, "too few digits for a phone number")
    try:
        number = phonenumbers.parse(s, region)
    except phonenumbers.NumberParseException as exc:
        return unparsed(text, f"not a phone number: {exc}")
    if not phonenumbers.is_valid_number(number):
        return unparsed(text, "not a valid phone number")
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not _E164.fullmatch(e164):  # phonenumbers accepts some over-long numbers
        return unparsed(text, "longer than an E.164 number may be")
    return e164


def parse_email(text: str | None) -> str | Unparsed:
    """An e-mail address (domain lower-cased) or Unparsed."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = text.strip().strip("<>").strip()
    s = _EMAIL_LABEL.sub("", s)
    if s.lower().startswith("mailto:"):
        s = s[7:].split("?", 1)[0]
    s = _DOT.sub(".", _AT.sub("@", s)).strip(" .,;<>")
    if s.count("@") != 1:
        return unparsed(text, "not one e-mail address" if s.count("@") > 1 else "no '@'")
    m = _EMAIL.fullmatch(s)
    if not m or len(s) > 254 or len(m["local"]) > 64:
        return unparsed(text, "not a valid e-mail address")
    return f"{m['local']}@{m['domain'].lower()}"


def parse_url(text: str | None, *, base: str | None = None) -> str | Unparsed:
    """An absolute http(s) link or Unparsed."""
    if not text or not text.strip():
        return unparsed(text, "empty")
    s = _URL_LABEL.sub("", text.strip().strip("<>\"'").strip())
    if not s or any(c in s for c in "\n\r\t"):
        return unparsed(text, "not a link")
    scheme = _SCHEME.match(s)
    if (
        scheme
        and scheme.group(1).lower() not in ("http", "https")
        and not (s.lower().startswith("www.") or _HOST_PORT.match(s))
    ):
        return unparsed(text, f"'{scheme.group(1).lower()}:' links are not web links")
    if s.lower().startswith("www."):
        s = "http://" + s
    elif s.startswith("//"):
        s = "https:" + s
    elif not scheme:
        if base is None:
            return unparsed(text, "a relative link without a base address")
        base_parts = urlsplit(base)
        if base_parts.scheme not in ("http", "https") or not base_parts.netloc:
            return unparsed(text, "the base address is not an http(s) link")
        s = urljoin(base, s)
    try:
        parts = urlsplit(s)
        port = parts.port
    except ValueError:
        return unparsed(text, "not a valid link")
    if parts.scheme.lower() not in ("http", "https"):
        return unparsed(text, "only http and https links")
    host = (parts.hostname or "").rstrip(".")
    if not host or not _HOST.match(host) or ("." not in host and host != "localhost"):
        return unparsed(text, "no valid host name")
    if parts.username or parts.password:
        return unparsed(text, "links with user names are not published")
    netloc = host.lower() + (f":{port}" if port is not None else "")
    url = urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            quote(parts.path, safe=_SAFE_PATH),
            quote(parts.query, safe=_SAFE_QUERY),
            quote(parts.fragment, safe=_SAFE_QUERY),
        )
    )
    if len(url) > MAX_URL_LENGTH:
        return unparsed(text, f"longer than {MAX_URL_LENGTH} characters")
    return url
