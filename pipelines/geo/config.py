"""``config/geo.toml``: the address register, the district boundary files and the city area.

A steward edits the TOML file; this module is its schema. Relative paths are relative to the
TOML file's folder. A broken file is rejected with a :class:`GeoConfigError` naming the file
and the field. ``FAMILIENPUNKT_GEO_CONFIG`` points the pipeline at another file.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pyproj import CRS
from pyproj.exceptions import CRSError

from core.settings import CONFIG_DIR
from schemas.base import StrictModel, read_toml
from schemas.licences import licence as lookup_licence

DEFAULT_PATH = CONFIG_DIR / "geo.toml"
ENV_VAR = "FAMILIENPUNKT_GEO_CONFIG"

HK_DE_FIELDS: tuple[str, ...] = (
    "NBA", "OI", "QUA", "LAN", "RBZ", "KRS", "GMD", "OTT", "SSS", "HNR", "ADZ",
    "EEEEEEEE,EEE", "NNNNNNN,NNN", "STN", "PLZ", "ONM", "ZON", "POT",
)
"""The 18 fields of the house coordinates format HK-DE (Hauskoordinaten Deutschland) in
their documented order: record mark, object id, quality, keys of state, administrative
region, district, municipality, locality part and street, house number, addition, UTM east,
UTM north, street name, postcode, postal town name, its addition, postal locality part."""

Level = Literal["stadtteil", "stadtbezirk"]
LEVELS: tuple[Level, ...] = ("stadtteil", "stadtbezirk")


class GeoConfigError(ValueError):
    """The geo configuration cannot be used; the message names the file and the field."""


def _crs(value: str) -> str:
    try:
        CRS.from_user_input(value)
    except CRSError:
        raise ValueError(f"unknown coordinate reference system {value!r} "
                         f"(write it as 'EPSG:25832')") from None
    return value


class RegisterColumns(StrictModel):
    """Which column of the register file holds what. Defaults: the HK-DE field names."""

    street: str = Field("STN", description="Street name")
    house_number: str = Field("HNR", description="House number (digits)")
    house_number_addition: str | None = Field("ADZ", description="Addition such as 'a'")
    postal_code: str | None = Field("PLZ", description="Postcode")
    locality: str | None = Field("ONM", description="Postal town name")
    east: str = Field("EEEEEEEE,EEE", description="East value (or longitude)")
    north: str = Field("NNNNNNN,NNN", description="North value (or latitude)")


class RegisterConfig(StrictModel):
    """A table of house coordinates, one row per addressed building."""

    path: Path
    crs: str = Field("EPSG:25832", description="Reference system of east/north")
    delimiter: str = Field(";", min_length=1, max_length=1)
    encoding: str = "utf-8"
    header: bool = Field(True, description="First line names the columns")
    fieldnames: list[str] = Field(
        default_factory=lambda: list(HK_DE_FIELDS),
        description="Column names in order when header = false (default: HK-DE)",
    )
    comment_prefix: str | None = Field(None, description="Skip lines starting with this")
    keep_rows_where: dict[str, str] = Field(
        default_factory=dict,
        description="Keep only rows whose column equals the value, e.g. {KRS = '17'}",
    )
    columns: RegisterColumns = Field(default_factory=RegisterColumns)
    synthetic: bool = Field(False, description="True for made-up demo data")
    note: str | None = None

    @field_validator("crs")
    @classmethod
    def _crs_valid(cls, value: str) -> str:
        return _crs(value)

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str) -> str:
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(f"unknown encoding {value!r}") from None
        return value


class GeoFile(StrictModel):
    """A GeoJSON file read with the project's GeoJSON reader."""

    path: str = Field(description="File path; boundary files may use a glob such as '*.json'")
    licence: str = Field(description="Licence id from the DCAT-AP.de list, for attribution")
    crs: str | None = Field(None, description="Reference system when not WGS 84 and the "
                                              "file does not say so")
    note: str | None = None

    @field_validator("licence")
    @classmethod
    def _licence(cls, value: str) -> str:
        lookup_licence(value)
        return value

    @field_validator("crs")
    @classmethod
    def _crs_valid(cls, value: str | None) -> str | None:
        return None if value is None else _crs(value)


class BoundaryConfig(GeoFile):
    """District polygons of one level, from feature properties or from file names."""

    level: Level
    code_property: str | None = Field(None, description="Feature property with the code")
    name_property: str | None = Field(None, description="Feature property with the name")
    file_name_pattern: str | None = Field(
        None, description="Regex on the file name without extension, with groups 'code' "
                          "and/or 'name', for files that carry no properties")
    names: dict[str, str] = Field(default_factory=dict, description="Name by code; wins")

    @field_validator("file_name_pattern")
    @classmethod
    def _pattern(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            groups = re.compile(value).groupindex
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        if not {"code", "name"} & set(groups):
            raise ValueError("needs a group named 'code' or 'name', e.g. "
                             r"'^(?P<code>\d+)_(?P<name>.+)$'")
        return value

    @model_validator(mode="after")
    def _sources_of_code_and_name(self) -> BoundaryConfig:
        groups = set(re.compile(self.file_name_pattern).groupindex) if self.file_name_pattern \
            else set()
        if not self.code_property and "code" not in groups:
            raise ValueError("say where the district code is: 'code_property' or a "
                             "'file_name_pattern' with a group 'code'")
        if not (self.name_property or "name" in groups or self.names):
            raise ValueError("say where the district name is: 'name_property', a "
                             "'file_name_pattern' with a group 'name', or 'names'")
        return self


class CityConfig(StrictModel):
    """The city, and the area within which source coordinates are plausible."""

    name: str = Field(min_length=1)
    ags: str | None = Field(None, pattern=r"^\d{8}$", description="Municipality key")
    outline: GeoFile | None = Field(None, description="Polygon(s) of the city area")
    bbox: tuple[float, float, float, float] | None = Field(
        None, description="[west, south, east, north] in WGS 84, when there is no outline")
    tolerance_m: float = Field(250, ge=0, le=10_000, description="Margin around the area")
    region_km: float = Field(
        50, gt=0, le=1000, description="Coordinates farther than this from the city area are "
                                       "implausible and dropped; nearer ones are kept, flagged")

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: tuple[float, float, float, float] | None):
        if value is None:
            return None
        west, south, east, north = value
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise ValueError("must be [west, south, east, north] with west < east and "
                             "south < north, in degrees")
        return value


class GeoConfig(StrictModel):
    model_config = StrictModel.model_config | {"populate_by_name": True}

    city: CityConfig
    address_register: RegisterConfig | None = Field(None, alias="register")
    boundaries: list[BoundaryConfig] = Field(default_factory=list)
    district_names: dict[str, str | list[str]] = Field(
        default_factory=dict,
        description="Everyday place names -> official district name(s) they lie in",
    )
    path: Path | None = Field(None, exclude=True, description="The TOML file read")

    def resolve(self, path: str | Path) -> Path:
        """A configured path: absolute as given, relative to the TOML file's folder."""
        candidate = Path(path).expanduser()
        if candidate.is_absolute() or self.path is None:
            return candidate
        return self.path.parent / candidate

    def boundary_files(self, boundary: BoundaryConfig) -> list[Path]:
        """The files one boundary entry names (a glob may name several), sorted."""
        full = self.resolve(boundary.path)
        if any(ch in full.name for ch in "*?["):
            return sorted(full.parent.glob(full.name))
        return [full]


def config_path() -> Path:
    """The configured file: ``FAMILIENPUNKT_GEO_CONFIG`` or ``config/geo.toml``."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_PATH)


def load_config(path: Path | str | None = None) -> GeoConfig:
    """Read and validate a geo configuration; files it names are checked to exist."""
    path = (Path(path) if path is not None else config_path()).absolute()
    data = read_toml(path, GeoConfigError, "geo configuration")
    try:
        config = GeoConfig.model_validate({**data, "path": path})
    except ValidationError as exc:
        raise GeoConfigError(_describe(path, exc)) from None
    _check_files(config)
    return config


def _check_files(config: GeoConfig) -> None:
    where = config.path
    register = config.address_register
    if register is not None and not config.resolve(register.path).is_file():
        raise GeoConfigError(f"{where}: field 'register.path': file "
                             f"{config.resolve(register.path)} not found")
    if config.city.outline is not None:
        outline = config.resolve(config.city.outline.path)
        if not outline.is_file():
            raise GeoConfigError(f"{where}: field 'city.outline.path': file {outline} not found")
    for index, boundary in enumerate(config.boundaries):
        if not any(p.is_file() for p in config.boundary_files(boundary)):
            raise GeoConfigError(f"{where}: field 'boundaries.{index}.path': no file matches "
                                 f"{config.resolve(boundary.path)}")


def _describe(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]
                       if not str(p).startswith(("function-", "tagged-union")))
        message = err["msg"].removeprefix("Value error, ")
        lines.append(f"{path}: field {loc!r}: {message}" if loc else f"{path}: {message}")
    return "\n".join(lines)
