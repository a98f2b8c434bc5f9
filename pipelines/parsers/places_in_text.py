"""Places inside running text: "Die Teilnehmerzahl ist auf 240 Kinder begrenzt", "Es
können maximal 25 Kinder an der Ferienbetreuung teilnehmen", "Eine PEKiP-Gruppe besteht aus
sechs bis acht Erwachsenen", "noch 4 freie Plätze", "Es gibt Wartelisten", "ausgebucht".

Three values: free places (a number with "frei"/"noch", or 0 when the sentence says the offer
is full or has a waiting list), the capacity (places offered, the most a group takes) and
whether there is a waiting list. A number of children is a capacity only with a word that
makes it one — "maximal", "bis zu", "begrenzt auf", "Platz für", "insgesamt", a group of N,
"N Kinder können … teilnehmen / betreut werden" — never a count of sign-ups ("meldeten sich
250 Kinder an"), an average ("im Durchschnitt 15 bis 20 Kinder") or a minimum. "voll belegt"
in a condition ("wenn sie voll belegt sind", "falls … ausgebucht") says nothing.
"""

from __future__ import annotations

import re

from pipelines.parsers.places import Places
from pipelines.parsers.text import fold
from pipelines.parsers.words import NUMBER_WORDS

_ARTICLES = {"ein", "eine", "einen", "einem", "einer", "eines", "eins"}
_WORDS = {**{w: n for w, n in NUMBER_WORDS.items() if w not in _ARTICLES},
          "dutzend": 12, "ein dutzend": 12, "zwanzig": 20, "dreißig": 30,
          "vierzig": 40, "fünfzig": 50, "hundert": 100}
_WORD = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_NUM = rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d{{1,5}}|(?:{_WORD})\b)"
_ABOUT = r"(?:(?:rund|etwa|ca\.|circa|knapp|fast|annähernd|gut|weitere|nur|je|jeweils)\s+)?"
_PEOPLE = (r"(?:teilnehmende\s+)?(?:kinder(?:n)?(?:\s+und\s+jugendliche[n]?)?|teilnehm\w*|"
           r"personen|erwachsene[n]?|jugendliche[n]?|familien|buben\s+und\s+mädchen|"
           r"mädchen\s+und\s+jungen|jungen\s+und\s+mädchen|schüler\w*|babys|"
           r"\d{1,2}-?\s*bis\s+\d{1,2}-jährige|[a-zäöü]+-?jährige[n]?)\b")
_PLACES = r"(?:[a-zäöüß]+-?)?(?:plätze|plätzen|platz)\b"

_CAPACITY: tuple[re.Pattern[str], ...] = tuple(re.compile(p) for p in (
    # "insgesamt 40 Kinder", "(also insgesamt 24)"
    rf"\binsgesamt\s+{_ABOUT}(?P<n>{_NUM})\s*(?:{_PEOPLE}|{_PLACES}|\))",
    # "von 270 auf 290 aufgestockt"
    rf"\bvon\s+{_NUM}\s+auf\s+(?P<n>{_NUM})\s+(?:aufgestockt|erhöht|erweitert|angehoben)",
    # "maximal 25 Kinder", "bis zu 200 Jungen und Mädchen", "höchstens 12"
    rf"\b(?:maximal|max\.|höchstens|bis\s+zu)\s+(?P<n>{_NUM})\s*(?:{_PEOPLE}|{_PLACES})",
    # "begrenzt auf 15 Kinder", "auf 240 Kinder begrenzt"
    rf"\bbegrenzt\s+auf\s+(?:maximal\s+|max\.\s+)?(?P<n>{_NUM})\b",
    rf"\bauf\s+(?P<n>{_NUM})\s*(?:{_PEOPLE}|{_PLACES})?\s*(?:begrenzt|beschränkt)",
    # "Platz für rund 400 teilnehmende Kinder", "Platz ist aber nur für 40 Kinder"
    rf"\bplatz\s+(?:ist\s+)?(?:\w+\s+)?(?:\w+\s+)?für\s+{_ABOUT}(?:maximal\s+)?(?P<n>{_NUM})\s*"
    rf"{_PEOPLE}",
    # "eine Gruppe von acht Erwachsenen", "Gruppen mit rund zehn Kindern", "jeweils zehn bis
    # zwölf Kindern", "besteht aus sechs bis acht", "gehören 6-8 Erwachsene"
    rf"\b(?:gruppen?|gruppe)\s+(?:von|mit|aus)\s+{_ABOUT}(?:{_NUM}\s*(?:-|bis)\s*)?"
    rf"(?P<n>{_NUM})\s*{_PEOPLE}",
    rf"\b(?:jeweils|besteht\s+aus|bestehen\s+aus|gehören|befinden\s+sich)\s+{_ABOUT}"
    rf"{_NUM}\s*(?:-|bis)\s*(?P<n>{_NUM})\s*{_PEOPLE}",
    # "in 20er-Gruppen"
    r"\b(?P<n>\d{1,3})er-?gruppen\b",
    # "ein Dutzend 13- bis 16-Jährige"
    rf"\b(?P<n>ein\s+dutzend)\s+{_PEOPLE}",
    # "pro Kurs werden zwölf Kinder", "pro Veranstaltung nur 5 Kinder"
    rf"\bpro\s+(?:kurs|gruppe|woche|veranstaltung|termin|durchgang|block)\b[^.;]{{0,25}}?"
    rf"\b{_ABOUT}(?P<n>{_NUM})\s+{_PEOPLE}",
    # "die Plätze reichten aber nur für 30 Teilnehmer"
    rf"\b(?:reicht|reichen|reichten|genügen|genügten)\s+(?:\w+\s+){{0,2}}für\s+{_ABOUT}"
    rf"(?P<n>{_NUM})\s+{_PEOPLE}",
    # "für etwa 95 Kinder", "für weitere 80 Kinder"
    rf"\bfür\s+(?:(?:rund|etwa|ca\.|circa|insgesamt|weitere|bis\s+zu|maximal|max\.)\s+)"
    rf"(?P<n>{_NUM})\s+{_PEOPLE}",
    # "130 Plätze", "knapp 40 Plätze", "140 Betreuungsplätzen", "342 Teilnehmenden-Plätzen"
    rf"(?<!noch\s)(?<!\bnur\snoch\s)\b{_ABOUT}(?P<n>{_NUM})\s+(?!freie?\b){_PLACES}"
    r"(?!\s+(?:sind\s+)?(?:noch\s+)?(?:frei|verfügbar|offen)\b)",
    # "64 Kinder können teilnehmen", "Dort können etwa 90 Kinder betreut werden", "108 Kinder
    # finden … einen Platz", "nur 400 Kinder … passen"
    rf"\b{_ABOUT}(?P<n>{_NUM})\s+{_PEOPLE}(?P<rest>[^.;–]{{0,80}}?)\b(?:teilnehmen|betreut|"
    r"untergebracht|unterrichtet|aufgenommen|einen\s+platz|passen|mitfahren|mitmachen)\b",
))
_FREE = (
    re.compile(rf"\bnoch\s+{_ABOUT}(?P<n>{_NUM})\s+(?:freie?\s+)?(?:rest)?{_PLACES}"),
    re.compile(rf"\b(?P<n>{_NUM})\s+(?:freie?|restplätze|restplatz)\b"),
    re.compile(rf"\b(?P<n>{_NUM})\s+{_PLACES}\s+(?:sind\s+)?(?:noch\s+)?(?:frei|verfügbar)\b"),
    re.compile(rf"\bfreie\s+plätze\s*:\s*(?P<n>{_NUM})"),
)
_FULL = re.compile(
    r"\b(?:ausgebucht|voll\s+belegt|(?:restlos\s+)?überbucht|keine\s+(?:freien\s+)?plätze\s+mehr|"
    r"alle\s+plätze\s+(?:sind\s+)?(?:bereits\s+)?(?:vergeben|belegt)|"
    r"kapazitäten\s+(?:\w+\s+){0,2}ausgeschöpft|"
    r"(?:liste|kurs|gruppe|angebot|ferienspiele)\w*\s+(?:ist|sind)\s+(?:\w+\s+){0,3}voll\b)"
)
_WAIT = re.compile(r"\b(?:warteliste\w*|nachrück(?:er)?liste\w*)")
_CONDITION = re.compile(r"\b(?:falls|wenn|sobald|sollte|sollten|ob|fast\s+alle)\b")
_NOT_CAPACITY_BEFORE = re.compile(
    r"\b(?:davon|darunter|mindestens|mindesten|mindestzahl\s+von|im\s+durchschnitt|mehr\s+als|"
    r"über|seit)\s+(?:sind\s+)?$"
)
_SIGN_UPS_BEFORE = re.compile(
    r"\b(?:meldeten|melden|meldet|gemeldet|bewarben|bewerben)\b[^.;]{0,40}$"
)
_SIGN_UPS_AFTER = re.compile(r"^[^.;]{0,30}\b(?:angemeldet|anmeldungen|erreicht)\b")


def find_places(text: str) -> Places | None:
    """Free places, capacity and waiting list of a sentence, or None (see the module text)."""
    if not text or not text.strip():
        return None
    s = fold(text)
    free = _free(s)
    capacity = _capacity(s)
    waitlist = False
    condition = _CONDITION.search(s)
    if _WAIT.search(s) and not condition:
        waitlist = True
        free = 0 if free is None else free
    if free is None and _FULL.search(s) and not (
            condition and condition.start() < _FULL.search(s).start()):  # type: ignore[union-attr]
        free = 0
    if free is None and capacity is None and not waitlist:
        return None
    return Places(free=free, capacity=capacity, waitlist=waitlist)


def _number(word: str) -> int:
    word = re.sub(r"\s+", " ", word.strip())
    if word in _WORDS:
        return _WORDS[word]
    return int(word.replace(".", ""))


def _free(s: str) -> int | None:
    for pattern in _FREE:
        if m := pattern.search(s):
            return _number(m["n"])
    return None


def _capacity(s: str) -> int | None:
    for pattern in _CAPACITY:
        for m in pattern.finditer(s):
            if _NOT_CAPACITY_BEFORE.search(s[max(0, m.start("n") - 25):m.start("n")]):
                continue
            if _NOT_CAPACITY_BEFORE.search(s[max(0, m.start() - 25):m.start()]):
                continue
            if "platz" not in m.group() and (_SIGN_UPS_BEFORE.search(s[:m.start()]) or
                                              _SIGN_UPS_AFTER.match(s[m.end():])):
                continue  # "meldeten sich rund 250 Kinder an"
            n = _number(m["n"])
            if 0 < n <= 100_000:
                return n
    return None
