"""Check a geo configuration and show what it loads: ``python -m pipelines.geo.report``.

For a steward who has just dropped in an official file: prints the register size and towns,
the districts of each level, the city area, load time and one lookup per district, or the
error naming the file and the field. ``--address "Löhberg 29, 45468 Mülheim"`` locates one
address line with the configuration.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipelines.geo.config import GeoConfigError, config_path, load_config
from pipelines.geo.locate import Locator
from schemas.ids import location_id
from schemas.location import Location


def describe(locator: Locator) -> list[str]:
    lines = []
    if locator.geocoder is None:
        lines.append("register: none configured (no geocoding of addresses)")
    else:
        register = locator.geocoder.register
        towns = ", ".join(sorted(register.towns.values())[:5])
        more = f" (+{len(register.towns) - 5})" if len(register.towns) > 5 else ""
        lines.append(f"register: {register.size} houses in {len(register.towns)} town(s): "
                     f"{towns}{more}")
    for level, layer in locator.districts.layers.items():
        names = ", ".join(f"{d.code} {d.name}" for d in layer.districts[:12])
        more = f" … (+{len(layer.districts) - 12})" if len(layer.districts) > 12 else ""
        lines.append(f"{level}: {len(layer.districts)} districts: {names}{more}")
    if not locator.districts.layers:
        lines.append("districts: no boundary files configured")
    lines.append("city area: " + ("configured" if locator.city.configured else
                                  "none (source coordinates are not checked)"))
    return lines


def locate_line(locator: Locator, line: str) -> str:
    """'Street 1, 45468 Town' located, as one line of text."""
    parts = [p.strip() for p in line.split(",")]
    street = parts[0] if parts else None
    postcode = town = None
    if len(parts) > 1:
        first, _, rest = parts[1].partition(" ")
        postcode, town = (first, rest or None) if first.isdigit() and len(first) == 5 \
            else (None, parts[1])
    location = Location(id=location_id("report", line), source_id="report",
                        street_address=street, postal_code=postcode, locality=town)
    out, flags = locator.locate(location)
    return (f"{line!r}: {out.latitude}, {out.longitude} ({out.geo_precision}); "
            f"Stadtteil {out.stadtteil_code} {out.stadtteil_name}; "
            f"Stadtbezirk {out.stadtbezirk_code} {out.stadtbezirk_name}; flags {flags}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.geo.report",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=None,
                        help=f"geo.toml to check (default: {config_path()})")
    parser.add_argument("--address", action="append", default=[],
                        help="an address line to locate, e.g. 'Löhberg 29, 45468 Mülheim'")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        config = load_config(args.config)
        locator = Locator.from_config(config)
    except GeoConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{config.path}: loaded in {time.perf_counter() - started:.2f} s")
    for line in describe(locator):
        print(line)
    for line in args.address:
        print(locate_line(locator, line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
