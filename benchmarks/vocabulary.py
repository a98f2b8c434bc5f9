"""Words and phrasings of the synthetic Mülheim offer feed.

Every phrase family here is one the German value parsers understand (see
``tests/corpus/clean/*.toml``); a few realistic phrasings they deliberately leave unparsed
("Anmeldung erforderlich", "nach Absprache") appear in small shares, as in real exports.
Self-contained on purpose: the benchmark's figures must not move when the demo world changes.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY = "Mülheim an der Ruhr"


@dataclass(frozen=True)
class District:
    name: str
    postcodes: tuple[str, ...]
    lat: float
    lon: float
    streets: tuple[str, ...]


DISTRICTS: tuple[District, ...] = (
    District("Altstadt I", ("45468",), 51.4282, 6.8795,
             ("Schloßstraße", "Leineweberstraße", "Kaiserstraße", "Friedrich-Ebert-Straße",
              "Georgstraße", "Wallstraße", "Delle", "Kohlenkamp")),
    District("Altstadt II", ("45468", "45473"), 51.4338, 6.8912,
             ("Aktienstraße", "Hingbergstraße", "Sandstraße", "Dümptener Straße",
              "Brunshofstraße", "Kämpchenstraße")),
    District("Broich", ("45479",), 51.4215, 6.8640,
             ("Am Schloß Broich", "Prinzeß-Luise-Straße", "Ritterstraße", "Kassenberg",
              "Saarner Straße", "Holzstraße")),
    District("Dümpten", ("45475",), 51.4525, 6.8985,
             ("Mellinghofer Straße", "Schildberg", "Borbecker Straße", "Wiescher Weg",
              "Nordstraße")),
    District("Heißen", ("45472", "45473"), 51.4370, 6.9170,
             ("Heißener Straße", "Gracht", "Rembergstraße", "Kleiststraße", "Humboldtring")),
    District("Menden-Holthausen", ("45470",), 51.4050, 6.9000,
             ("Mendener Straße", "Kölner Straße", "Tilsiter Straße", "Meisenburgstraße",
              "Kalkstraße")),
    District("Saarn", ("45481",), 51.4005, 6.8730,
             ("Düsseldorfer Straße", "Lintorfer Straße", "Klostermarkt", "Lehnerstraße",
              "Landsberger Straße", "Oemberg")),
    District("Speldorf", ("45478",), 51.4230, 6.8410,
             ("Duisburger Straße", "Blumendeller Straße", "Frühlingstraße", "Lindenstraße",
              "Hansastraße")),
    District("Styrum", ("45476",), 51.4485, 6.8620,
             ("Oberhausener Straße", "Augustastraße", "Moritzstraße", "Kaiser-Wilhelm-Straße",
              "Neustadtstraße")),
    District("Eppinghofen", ("45468",), 51.4350, 6.8830,
             ("Bruchstraße", "Zunftmeisterstraße", "Eppinghofer Straße", "Heinrichstraße")),
    District("Selbeck", ("45481",), 51.3830, 6.8960,
             ("Selbecker Straße", "Kölner Straße", "Mintarder Weg")),
    District("Winkhausen", ("45473",), 51.4420, 6.9320,
             ("Winkhauser Weg", "Zeppelinstraße", "Gneisenaustraße")),
)

VENUE_KINDS = (
    "Jugendzentrum", "Familienzentrum", "Stadtteilbibliothek", "Grundschule", "Begegnungsstätte",
    "Turnhalle", "Gemeindehaus", "Kinder- und Jugendtreff", "Kulturwerkstatt", "Sportpark",
    "Hallenbad", "Kita-Familienzentrum", "Nachbarschaftshaus", "Naturschule",
)

ORGANISERS = (
    ("Stadt Mülheim an der Ruhr – Amt für Kinder, Jugend und Schule", "muelheim-ruhr.de"),
    ("Evangelische Familienbildungsstätte Mülheim", "fbs-muelheim.de"),
    ("AWO Kreisverband Mülheim an der Ruhr e.V.", "awo-mh.de"),
    ("Caritasverband Mülheim an der Ruhr e.V.", "caritas-muelheim.de"),
    ("Diakoniewerk Arbeit & Kultur gGmbH", "diakoniewerk-mh.de"),
    ("TuS Mülheim-Broich 1891 e.V.", "tus-broich.de"),
    ("Mülheimer SportService", "sportservice-mh.de"),
    ("Volkshochschule Mülheim an der Ruhr", "vhs-muelheim.de"),
    ("Kulturhaus an der Ruhr gGmbH", "kulturhaus-ruhr.de"),
    ("Stadtbibliothek Mülheim an der Ruhr", "stadtbibliothek-mh.de"),
    ("Falken Mülheim – Sozialistische Jugend", "falken-mh.de"),
    ("Naturschutzjugend Mülheim (NAJU)", "naju-mh.de"),
    ("Kinderschutzbund Ortsverband Mülheim e.V.", "kinderschutzbund-mh.de"),
    ("Jugendkunstschule Mülheim", "jugendkunstschule-mh.de"),
)

CONTACT_NAMES = ("info", "kontakt", "anmeldung", "familien", "kinder", "jugend", "service",
                 "buero", "kurse", "ferien")


@dataclass(frozen=True)
class Theme:
    """A family of offers that belong together: kind word, titles, ages, prices, times."""

    name: str
    kind_words: tuple[str, ...]
    titles: tuple[str, ...]
    topics: tuple[str, ...]
    categories: tuple[str, ...]
    target_groups: tuple[str, ...]
    ages: tuple[tuple[int, int | None], ...]
    prices: tuple[str, ...]
    dates: tuple[str, ...]  # date styles (see generate._date_text)
    hours: tuple[tuple[str, str], ...]  # ("8", "13") or ("13.30", "16.30")
    capacity: tuple[int, ...]
    sentences: tuple[str, ...]
    bookable: float  # share with capacity, free places and registration
    opening_hours: tuple[str, ...] = ()


THEMES: tuple[Theme, ...] = (
    Theme(
        name="holiday",
        kind_words=("Ferienspiele", "Ferienbetreuung", "Ferienangebot", "Ferienfreizeit"),
        titles=("Ferienspiele {topic}", "Verlässliche Ferienspiele in {district}",
                "Ferienwoche „{topic}“ im {venue}", "{topic} – Ferienaktion für Kinder",
                "Sommerferienprogramm: {topic}"),
        topics=("Abenteuer Wald", "Zirkus Mülheim", "Ritter und Burgfräulein", "Unterwasserwelt",
                "Forschen und Entdecken", "Rund um die Ruhr", "Kunterbunte Kunstwerkstatt",
                "Sport und Spiel", "Trickfilm-Werkstatt", "Piratenwoche", "Natur erleben"),
        categories=("Ferien", "Ferienspiele", "Basteln", "Natur", "Sport", "Ausflug",
                    "Theater", "Zirkus", "Kreativ"),
        target_groups=("Kinder", "Grundschulkinder", "Kinder, Jugendliche", "Schulkinder"),
        ages=((6, 12), (6, 10), (8, 12), (10, 14), (6, None), (7, 11), (12, 16)),
        prices=("15 Euro pro Woche, mit Mülheim-Pass die Hälfte", "{a} Euro pro Woche",
                "{a} € pro Woche, Geschwisterkinder {b} €", "kostenlos",
                "{a} Euro, jedes weitere Geschwisterkind {b} Euro", "{a}€/Woche",
                "{a} Euro pro Kind und Woche", "NUM"),
        dates=("range_compact", "range_words", "range_full", "range_weekday", "holiday_week",
               "holiday"),
        hours=(("8", "13"), ("8", "16"), ("9", "15"), ("10", "16"), ("8.30", "14.30"),
               ("7.30", "16.30")),
        capacity=(15, 20, 24, 25, 30, 40),
        sentences=(
            "Die Ferienspiele bieten berufstätigen Eltern eine verlässliche Betreuung.",
            "Gespielt, gebastelt und getobt wird in festen Gruppen mit bekannten "
            "Betreuerinnen und Betreuern.",
            "Jede Woche steht unter einem eigenen Motto.",
            "Es gibt ein gesundes Frühstück und viel Zeit draußen.",
            "Ein kleiner Ausflug in die Nachbarschaft gehört dazu.",
            "Bitte an wetterfeste Kleidung, Sonnenschutz und eine Trinkflasche denken.",
            "Das Mittagessen ist im Preis enthalten.",
            "Die Kinder müssen nicht die OGS besuchen, um teilzunehmen.",
        ),
        bookable=0.95,
    ),
    Theme(
        name="course",
        kind_words=("Kurs", "Elternkurs", "Babykurs", "Seminar", "Weiterbildung"),
        titles=("{topic}", "{topic} für Eltern", "{topic} ({district})", "Kurs: {topic}",
                "{topic} – Kurs im {venue}"),
        topics=("PEKiP", "Babymassage", "Starke Eltern – starke Kinder", "Erste Hilfe am Kind",
                "Geburtsvorbereitung für Paare", "Rückbildungsgymnastik", "Krabbelgruppe",
                "Eltern-Kind-Gruppe", "Kochen mit Kindern", "Englisch für Kinder",
                "Programmieren mit Lego", "Musikgarten", "Töpfern für Familien"),
        categories=("Elternbildung", "Babykurs", "Erste Hilfe", "Kochen", "Sprachkurs",
                    "Musik", "Gesundheit", "Bildung", "Kreativ"),
        target_groups=("Eltern", "Eltern, Babys", "Familien", "Mütter, Väter", "Schwangere",
                       "Eltern, Kleinkinder", "Alleinerziehende"),
        ages=((0, 1), (0, 3), (1, 3), (3, 6), (6, 12), (None, None), (18, None)),
        prices=("Kursgebühr: {a} € (ermäßigt {b} €)", "{a},- € für 10 Termine",
                "{a} € für den gesamten Kurs", "Kursgebühr {a},- €", "ermäßigt {b},00 €",
                "{a} € pro Monat, mit Mülheim-Pass 50 % Ermäßigung",
                "Mitglieder {b} €, Nichtmitglieder {a} €", "kostenfrei", "NUM", "NUM"),
        dates=("weekly_from", "weekly_words", "weekday_pair", "weekly_bare", "single"),
        hours=(("9.30", "11"), ("10", "11.30"), ("16.15", "17.00"), ("18", "20"),
               ("19", "21.15"), ("9", "10.30"), ("15", "16.30")),
        capacity=(8, 10, 12, 14, 16),
        sentences=(
            "Der Kurs richtet sich an Eltern mit Kindern im ersten Lebensjahr.",
            "In entspannter Atmosphäre tauschen Sie sich mit anderen Eltern aus.",
            "Die Kursleitung ist ausgebildete Fachkraft mit langjähriger Erfahrung.",
            "Bitte bringen Sie eine Decke, bequeme Kleidung und etwas zu trinken mit.",
            "Der Einstieg ist nach Absprache auch später möglich.",
            "Die Kosten können über das Bildungs- und Teilhabepaket übernommen werden.",
            "Geschwisterkinder sind nach Rücksprache willkommen.",
            "Alle Termine finden in gut erreichbaren Räumen mit Wickelmöglichkeit statt.",
        ),
        bookable=0.9,
    ),
    Theme(
        name="sport",
        kind_words=("Sport", "Sportangebot", "Turnen", "Schwimmen", "Bewegung"),
        titles=("{topic}", "{topic} in {district}", "{topic} für Kinder", "{topic} im {venue}"),
        topics=("Kinderturnen", "Eltern-Kind-Turnen", "Seepferdchen-Schwimmkurs",
                "Fußball für Mädchen", "Judo für Anfänger", "Tanzen und Bewegung",
                "Ballschule", "Leichtathletik", "Klettern für Kids", "Rope Skipping",
                "Wassergewöhnung", "Kindertanz"),
        categories=("Sport", "Turnen", "Schwimmen", "Fußball", "Judo", "Tanz", "Klettern",
                    "Leichtathletik", "Bewegung"),
        target_groups=("Kinder", "Kinder, Eltern", "Jugendliche", "Mädchen und Jungen",
                       "Kleinkinder, Eltern"),
        ages=((3, 6), (4, 6), (5, 8), (6, 10), (8, 12), (10, 14), (1, 3), (6, None)),
        prices=("Mitglieder {b} €, Nichtmitglieder {a} €", "{a} € pro Monat",
                "{a} Euro pro Halbjahr", "kostenlos", "NUM", "NUM",
                "{a} € für 10 Termine", "Kinder {b} Euro, Erwachsene {a} Euro"),
        dates=("weekly_bare", "weekly_from", "weekday_pair", "weekly_words"),
        hours=(("15", "16"), ("16", "17"), ("16.30", "17.30"), ("17", "18.30"), ("10", "11"),
               ("14.30", "15.15")),
        capacity=(10, 12, 15, 18, 20, 24),
        sentences=(
            "Spielerisch werden Koordination, Ausdauer und Teamgeist gefördert.",
            "Vorkenntnisse sind nicht erforderlich.",
            "Bitte Sportkleidung, Hallenschuhe und ein Getränk mitbringen.",
            "Das Training leiten lizenzierte Übungsleiterinnen und Übungsleiter.",
            "Ein kostenloses Probetraining ist jederzeit möglich.",
            "Die Halle ist barrierefrei zu erreichen.",
            "In den Schulferien findet kein Training statt.",
        ),
        bookable=0.7,
    ),
    Theme(
        name="culture",
        kind_words=("Veranstaltung", "Theater", "Konzert", "Lesung", "Kino", "Ausstellung"),
        titles=("{topic}", "{topic} – für die ganze Familie", "Kindertheater: {topic}",
                "{topic} im {venue}", "Familiensonntag: {topic}"),
        topics=("Der kleine Drache Kokosnuss", "Bilderbuchkino", "Pippi Langstrumpf",
                "Mitmachkonzert", "Puppentheater Kasper", "Vorlesestunde",
                "Museumsrallye für Kinder", "Zaubershow", "Familienfest im Park",
                "Märchenstunde", "Kinderkino am Nachmittag"),
        categories=("Theater", "Musik", "Lesung", "Bibliothek", "Kino", "Museum", "Kultur",
                    "Märchen", "Familienfest"),
        target_groups=("Familien", "Kinder", "Kinder, Eltern", "Familien, Großeltern"),
        ages=((4, None), (3, 8), (5, None), (6, 12), (None, None), (2, 6)),
        prices=("Kinder {b} Euro, Erwachsene {a} Euro", "Eintritt frei",
                "Erwachsene: {a} €, Kinder: {b} €, Familienkarte: {c} €",
                "Eintritt: Erwachsene {a} €, Kinder {b} €", "Eintritt {a} €, ermäßigt {b} €",
                "Familienkarte {c} €",
                "Kinder {b} €, Erwachsene {a} €, mit Mülheim-Pass die Hälfte",
                "kostenlos", "Eintritt frei, Spenden erwünscht"),
        dates=("single", "single_weekday", "single_words", "single"),
        hours=(("15", "16"), ("11", "12"), ("16", "17.30"), ("10.30", "11.30"),
               ("14", "18"), ("15.30", "16.15")),
        capacity=(40, 60, 80, 120, 150),
        sentences=(
            "Ein fröhliches Stück über Freundschaft, Mut und Zusammenhalt.",
            "Nach der Vorstellung dürfen die Kinder die Figuren aus der Nähe ansehen.",
            "Einlass ist eine halbe Stunde vor Beginn.",
            "Die Veranstaltung dauert etwa eine Stunde.",
            "Karten gibt es an der Tageskasse und im Vorverkauf.",
            "Für Kinderwagen steht ein Abstellplatz bereit.",
            "Mit freundlicher Unterstützung des Kulturbetriebs der Stadt.",
        ),
        bookable=0.35,
    ),
    Theme(
        name="meeting",
        kind_words=("Familienzentrum", "Treffpunkt", "Offener Treff", "Beratung", "Familiencafé"),
        titles=("{topic}", "{topic} in {district}", "{topic} im {venue}"),
        topics=("Familiencafé", "Offener Elterntreff", "Babytreff", "Erziehungsberatung",
                "Frühe Hilfen – Sprechstunde", "Spielenachmittag", "Krabbeltreff",
                "Stadtteiltreff für Familien", "Schwangerschaftsberatung",
                "Offene Tür für Kinder und Jugendliche"),
        categories=("Treffpunkt", "Café", "Beratung", "Frühe Hilfen", "Erziehungsberatung",
                    "Spielenachmittag", "Begegnung"),
        target_groups=("Eltern", "Familien", "Eltern, Babys", "Schwangere", "Alleinerziehende",
                       "Familien, Geflüchtete", "Jugendliche"),
        ages=((None, None), (0, 3), (0, 1), (6, 14), (12, 18)),
        prices=("kostenlos", "kostenfrei", "Die Teilnahme ist kostenlos.", "gebührenfrei",
                "Eintritt frei"),
        dates=("weekly_bare", "weekday_range", "weekly_words", "weekend"),
        hours=(("9", "12"), ("9.30", "11.30"), ("14", "17"), ("15", "18"), ("10", "12")),
        capacity=(),
        sentences=(
            "Hier treffen sich Eltern zum Austausch bei Kaffee und Tee.",
            "Die Kinder spielen währenddessen in der Spielecke.",
            "Eine Fachkraft beantwortet Fragen rund um Erziehung und Entwicklung.",
            "Die Beratung ist vertraulich und auf Wunsch anonym.",
            "Eine Anmeldung ist nicht nötig, kommen Sie einfach vorbei.",
            "Dolmetscherinnen können bei Bedarf hinzugezogen werden.",
            "Die Räume sind barrierefrei und haben einen Wickeltisch.",
        ),
        bookable=0.05,
        opening_hours=("Mo–Fr 9–16 Uhr", "Di 9-12 und 14-17 Uhr", "Mo-Do 8-16 Uhr, Fr 8-13 Uhr",
                       "Mo, Mi, Fr 9-12 Uhr; Di, Do 14-18 Uhr", "Mo–Fr 7.00–16.30 Uhr",
                       "Sprechzeiten: Di 9-12 Uhr, Do 14-17 Uhr und nach Vereinbarung",
                       "Mo-Fr 8-16 Uhr, feiertags geschlossen", "nach Vereinbarung",
                       "Di–Fr 10–17 Uhr, Sa und So 11–18 Uhr", "Mo-Fr 8-12 Uhr / 14-16 Uhr"),
    ),
)

THEME_WEIGHTS = (30, 25, 20, 15, 10)

LANGUAGES = ("deutsch", "deutsch", "deutsch", "Deutsch, Englisch", "deutsch, türkisch",
             "Deutsch, Arabisch", "deutsch, ukrainisch", "")

HTML_WRAPS = ("<p>{0}</p>", "<p>{0}</p>\n<p>{1}</p>", "<p><strong>{0}</strong> {1}</p>",
              "{0}<br>{1}", "<p>{0}</p><ul><li>{1}</li></ul>")

AGE_NOUNS = {3: "Drei", 4: "Vier", 5: "Fünf", 6: "Sechs", 7: "Sieben", 8: "Acht", 9: "Neun",
             10: "Zehn", 11: "Elf", 12: "Zwölf", 13: "Dreizehn", 14: "Vierzehn",
             16: "Sechzehn"}
NUMBER_WORDS = ("null", "einem", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht",
                "neun", "zehn", "elf", "zwölf", "dreizehn", "vierzehn")

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WD_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
WD_ADVERB = ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags",
             "sonntags")

HOLIDAY_PHRASES = ("in den Osterferien", "in den Herbstferien", "in der ersten Sommerferienwoche",
                   "in der zweiten Sommerferienwoche", "in den Pfingstferien")
