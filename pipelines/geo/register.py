"""The address register: house coordinates in memory, looked up by normalised address.

The file is a table in the format of the official house coordinates (HK-DE: a semicolon
separated text file with street name, house number and addition, postcode, postal town and
ETRS89/UTM zone 32 east/north values); ``config/geo.toml`` maps its columns, so a city can drop
in the official file or a table of its own. Coordinates are transformed to WGS 84 with pyproj.

Everything is kept as dict lookups over shared key strings, plus the coordinates as two float
arrays: half a million houses load in about 2.5 s and hold about 100 MB.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from pyproj import Transformer

from pipelines.geo.addresses import (
    base_number,
    house_key,
    postcode_key,
    same_town,
    street_key,
    town_key,
)
from pipelines.geo.config import GeoConfigError, RegisterConfig

log = logging.getLogger("pipelines.geo")

Area = tuple[np.ndarray, np.ndarray]
"""Longitudes and latitudes of the houses a centroid stands for."""


class RegisterError(GeoConfigError):
    """The register file cannot be read as configured; the message names file and field."""


Rows = np.ndarray
"""Row numbers of the register that answer one lookup."""


class AddressRegister:
    """House coordinates by (postcode or town, street key, house key).

    Build it with :meth:`load`. Row order decides between duplicates: the first row of an
    address wins.
    """

    def __init__(self, frame: pd.DataFrame):
        """``frame``: columns street, house, postal_code, town (display strings), lon, lat."""
        frame = frame.reset_index(drop=True)
        self.size = len(frame)
        self.lon = frame["lon"].to_numpy(dtype="float64")
        self.lat = frame["lat"].to_numpy(dtype="float64")
        streets = _Keys(frame["street"], street_key)
        towns = _Keys(frame["town"], town_key)
        postcodes = _Keys(frame["postal_code"], postcode_key)
        houses = _Keys(frame["house"], str)
        self._street_names = _Keys(frame["street"], str).values
        self._postcodes = postcodes.values
        self._towns_of_rows = towns.values
        self._houses = houses.values
        self.towns: dict[str, str] = {}
        for key, name in zip(towns.uniques, towns.first_display(frame["town"]), strict=True):
            self.towns.setdefault(key, name)

        everything = np.arange(self.size)
        self._street_pc = _streets(_groups([postcodes, streets], everything), houses.values)
        self._street_town = _streets(_groups([towns, streets], everything), houses.values)
        self._postcode_rows = {k[0]: v for k, v in _groups([postcodes], everything).items()
                               if k[0]}
        self._summaries: dict[int, tuple[Rows, tuple[float, float], Area]] = {}

    # -- loading

    @classmethod
    def load(cls, config: RegisterConfig, path: Path, *, default_town: str) -> AddressRegister:
        """Read a register file as configured; ``default_town`` names rows without a town."""
        frame, dropped = _read(config, path, default_town)
        if dropped:
            log.warning("%s: %d register rows without usable street, number or coordinates "
                        "were skipped", path, dropped)
        if frame.empty:
            raise RegisterError(f"{path}: the register has no usable rows (check "
                                f"'register.columns' and 'register.crs')")
        return cls(frame)

    # -- lookups (keys as made by pipelines.geo.addresses)

    def house(self, scope: str, street: str, house: str, *, by_town: bool = False) -> Rows | None:
        """The row of one house in a postcode (or, ``by_town``, a town)."""
        found = (self._street_town if by_town else self._street_pc).get((scope, street))
        row = found.houses.get(house) if found is not None else None
        return None if row is None else np.array([row])

    def house_variants(self, scope: str, street: str, house: str, *,
                       by_town: bool = False) -> Rows | None:
        """Nearest registered variant of a house number: '12' for '12a', or all of
        '12a', '12b' … for '12'."""
        base = base_number(house)
        if base != house:
            return self.house(scope, street, base, by_town=by_town)
        found = (self._street_town if by_town else self._street_pc).get((scope, street))
        if found is None:
            return None
        rows = sorted(r for h, r in found.houses.items() if h != base and base_number(h) == base)
        return np.array(rows) if rows else None

    def street(self, scope: str, street: str, *, by_town: bool = False) -> Rows | None:
        """All houses of a street in a postcode (or, ``by_town``, a town)."""
        found = (self._street_town if by_town else self._street_pc).get((scope, street))
        return None if found is None else found.rows

    def postcode(self, postcode: str) -> Rows | None:
        """All houses of a postcode."""
        return self._postcode_rows.get(postcode)

    def postcode_of(self, row: int) -> str:
        return self._postcodes[row]

    def postcodes_of(self, rows: Rows) -> np.ndarray:
        return self._postcodes[rows]

    @lru_cache(maxsize=4096)  # noqa: B019 - one register per process, kept for its lifetime
    def resolve_town(self, key: str) -> str | None:
        """The register's town a town key names ('' means: the only town, if there is one)."""
        if not key:
            return next(iter(self.towns)) if len(self.towns) == 1 else None
        if key in self.towns:
            return key
        found = [town for town in self.towns if same_town(key, town)]
        return found[0] if len(found) == 1 else None

    def centroid(self, rows: Rows) -> tuple[float, float]:
        """Mean longitude and latitude of some rows."""
        if len(rows) == 1:
            return float(self.lon[rows[0]]), float(self.lat[rows[0]])
        return float(self.lon[rows].mean()), float(self.lat[rows].mean())

    def group_summary(self, rows: Rows) -> tuple[tuple[float, float], Area]:
        """Centroid and house positions of one of the register's groups (a street or a
        postcode), computed once: every address falling back to it shares the same arrays."""
        cached = self._summaries.get(id(rows))
        if cached is None or cached[0] is not rows:
            cached = (rows, self.centroid(rows), (self.lon[rows], self.lat[rows]))
            self._summaries[id(rows)] = cached
        return cached[1], cached[2]

    def label(self, row: int) -> str:
        """'Löhberg 29, 45468 Mülheim an der Ruhr' for one row."""
        town = self.towns.get(self._towns_of_rows[row], "")
        return f"{self._street_names[row]} {self._houses[row]}, " \
               f"{self._postcodes[row]} {town}".strip().rstrip(",")

    def street_label(self, row: int) -> str:
        return f"{self._street_names[row]}, {self._postcodes[row]}".rstrip(", ")


class _Keys:
    """A column as matching keys: integer codes per row and the distinct key strings."""

    def __init__(self, column: pd.Series, key_of: Callable[[str], str]):
        raw_codes, raw = pd.factorize(column)
        keys = [key_of(value) for value in raw.tolist()]
        codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
        self.codes = codes[raw_codes] if len(raw_codes) else raw_codes
        self.uniques = np.empty(len(uniques), dtype=object)
        self.uniques[:] = list(uniques)
        self.values = self.uniques[self.codes]
        """Key per row; equal keys are one string object (memory for 500k rows)."""

    def first_display(self, column: pd.Series) -> list[str]:
        """For each distinct key, the column's text of the first row that has it."""
        first = np.unique(self.codes, return_index=True)[1]
        return [str(column.iloc[int(i)]) for i in first]


@dataclass(frozen=True, eq=False)
class _Street:
    """One street in one postcode (or town): its rows, and its houses by house key."""

    rows: Rows
    houses: dict[str, int]


def _streets(groups: dict[tuple[str, ...], Rows], houses: np.ndarray) -> dict:
    streets = {}
    for key, rows in groups.items():
        numbers = rows.tolist()
        by_house = dict(zip(reversed(houses[rows].tolist()), reversed(numbers), strict=True))
        streets[key] = _Street(rows, by_house)  # reversed above: the first row of a house wins
    return streets


def _groups(keys: list[_Keys], rows: np.ndarray) -> dict[tuple[str, ...], np.ndarray]:
    """Rows grouped by a combination of keys: (key, key, …) -> row numbers (in file order)."""
    if len(rows) == 0:
        return {}
    combined = np.zeros(len(rows), dtype=np.int64)
    for k in keys:
        combined = combined * (len(k.uniques) + 1) + k.codes[rows]
    order = np.argsort(combined, kind="stable")
    ordered = combined[order]
    starts = np.r_[0, np.flatnonzero(np.diff(ordered)) + 1]
    groups = np.split(rows[order], starts[1:])
    firsts = rows[order[starts]]
    return {tuple(k.values[row] for k in keys): group
            for row, group in zip(firsts.tolist(), groups, strict=True)}


# -- reading the file


def _read(config: RegisterConfig, path: Path, default_town: str) -> tuple[pd.DataFrame, int]:
    columns = config.columns
    wanted = {
        "street": columns.street,
        "number": columns.house_number,
        "addition": columns.house_number_addition,
        "postal_code": columns.postal_code,
        "town": columns.locality,
        "east": columns.east,
        "north": columns.north,
    }
    available = _column_names(config, path)
    for slot, name in wanted.items():
        if name is not None and name not in available:
            field = {"number": "house_number", "addition": "house_number_addition",
                     "town": "locality"}.get(slot, slot)
            raise RegisterError(
                f"{path}: column {name!r} (register.columns.{field}) is not in the file; "
                f"it has: {', '.join(available)}")
    for name in config.keep_rows_where:
        if name not in available:
            raise RegisterError(f"{path}: column {name!r} (register.keep_rows_where) is not in "
                                f"the file; it has: {', '.join(available)}")
    used = sorted({n for n in wanted.values() if n} | set(config.keep_rows_where))
    try:
        table = pd.read_csv(
            _source(config, path), sep=config.delimiter, dtype=str, keep_default_na=False,
            header=0 if config.header else None,
            names=None if config.header else config.fieldnames,
            usecols=used, index_col=False, encoding=_encoding(config.encoding),
        )
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise RegisterError(f"{path}: cannot read the register: {exc}") from None
    for name, value in config.keep_rows_where.items():
        table = table[table[name].str.strip() == value]
    total = len(table)

    frame = pd.DataFrame({"street": table[wanted["street"]].str.strip()})
    number = table[wanted["number"]]
    addition = table[wanted["addition"]] if wanted["addition"] else pd.Series("", index=table.index)
    pairs = number + "\x1f" + addition
    frame["house"] = pairs.map({p: house_key(*p.split("\x1f", 1)) for p in pairs.unique().tolist()})
    frame["postal_code"] = table[wanted["postal_code"]].str.strip() if wanted["postal_code"] \
        else ""
    frame["town"] = table[wanted["town"]].str.strip() if wanted["town"] else default_town
    frame.loc[frame["town"] == "", "town"] = default_town
    east = pd.to_numeric(table[wanted["east"]].str.replace(",", ".", regex=False).str.strip(),
                         errors="coerce").to_numpy(dtype="float64")
    north = pd.to_numeric(table[wanted["north"]].str.replace(",", ".", regex=False).str.strip(),
                          errors="coerce").to_numpy(dtype="float64")
    lon, lat = Transformer.from_crs(config.crs, "EPSG:4326", always_xy=True).transform(east, north)
    frame["lon"], frame["lat"] = lon, lat
    usable = (
        (frame["street"] != "") & (frame["house"] != "")
        & np.isfinite(frame["lon"]) & np.isfinite(frame["lat"])
        & frame["lon"].between(-180, 180) & frame["lat"].between(-90, 90)
    )
    frame = frame[usable]
    return frame, total - len(frame)


def _column_names(config: RegisterConfig, path: Path) -> list[str]:
    if not config.header:
        return list(config.fieldnames)
    with path.open(encoding=_encoding(config.encoding), errors="replace") as handle:
        for line in handle:
            if config.comment_prefix and line.startswith(config.comment_prefix):
                continue
            header = line.rstrip("\r\n")
            return [name.strip().strip('"') for name in header.split(config.delimiter)]
    raise RegisterError(f"{path}: the register file is empty")


def _source(config: RegisterConfig, path: Path) -> Path | io.StringIO:
    """The file, or its text without comment lines when a comment prefix is configured."""
    if not config.comment_prefix:
        return path
    text = path.read_text(encoding=_encoding(config.encoding))
    prefix = config.comment_prefix
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith(prefix)]
    return io.StringIO("".join(kept))


def _encoding(name: str) -> str:
    return "utf-8-sig" if name.lower().replace("_", "-") in ("utf-8", "utf8") else name
