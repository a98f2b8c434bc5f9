"""Values found inside running text: one entry point per kind, for sentences as providers
write them ("Die Ferienspiele beginnen jeweils um 9.30 Uhr und gehen bis 16.30 Uhr").

Each finder returns what the sentence holds of its kind — a list where a sentence may hold
several (dates, times, ages, phone numbers), one combined value otherwise (prices, opening
hours, places, registration) — or an empty answer when it holds none it can read for sure.
A wrong value is worse than none: every finder leaves out what it cannot place.
"""

from __future__ import annotations

from pipelines.parsers.ages_in_text import find_ages
from pipelines.parsers.dates_in_text import find_dates
from pipelines.parsers.hours_in_text import find_hours
from pipelines.parsers.phones_in_text import find_phones
from pipelines.parsers.places_in_text import find_places
from pipelines.parsers.prices_in_text import find_prices
from pipelines.parsers.registration_in_text import Registration, find_registration
from pipelines.parsers.times_in_text import find_times

__all__ = ["Registration", "find_ages", "find_dates", "find_hours", "find_phones",
           "find_places", "find_prices", "find_registration", "find_times"]
