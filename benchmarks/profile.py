"""Where the time goes: a cProfile of one first import, summarised for the lead.

Three views of the same profile: the share of each stage, the project functions with the most
cumulative time (what to look at), and self time grouped by module or library (what the time
is spent *in*: regex engine, pydantic-core, dateutil, …). cProfile inflates pure-Python call
overhead, so shares matter, not absolute seconds.
"""

from __future__ import annotations

import pstats
from collections import defaultdict
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROJECT_DIRS = ("pipelines", "schemas", "scrapers", "warehouse", "familienpunkt")
STAGE_FUNCTIONS = {
    "extract": ("scrapers/extract.py", "extract_feed"),
    "normalise": ("pipelines/source_run.py", "normalise_source"),
    "merge": ("warehouse/load.py", "merge_source"),
}

BUILTIN_AREAS = (
    ("re.Pattern", "re (regex engine)"), ("pydantic_core", "pydantic-core"),
    ("nh3", "nh3 (HTML cleaning)"), ("duckdb", "duckdb"), ("pyarrow", "pyarrow"),
    ("orjson", "orjson"),
)
"""Built-in (C) functions by a marker in their name, and the area their time belongs to."""

FunctionKey = tuple[str, int, str]


def _short(path: str) -> str:
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1]
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        if "/lib/python3" in path:  # the standard library: "re/_parser.py"
            return path.rsplit("/lib/python3", 1)[-1].split("/", 1)[-1]
        return path


def _label(key: FunctionKey) -> str:
    path, line, name = key
    if path == "~":  # a built-in or C method
        return name
    return f"{_short(path)}:{line}({name})"


def _area(key: FunctionKey) -> str:
    """The module or library a function's self time is spent in."""
    path, _, name = key
    if path == "~":
        for marker, area in BUILTIN_AREAS:
            if marker in name:
                return area
        if " of '" in name:  # "<method 'join' of 'str' objects>"
            return "built-in methods of " + name.split(" of '", 1)[1].split("'", 1)[0]
        return "built-in functions"
    short = _short(path)
    if short.startswith(PROJECT_DIRS):
        return short
    if short.startswith(("re/", "sre_")):
        return "re (compiling patterns)"
    top = short.split("/", 1)[0]
    return top.removesuffix(".py") if "/" not in short or top.endswith(".py") else top


def _is_project(key: FunctionKey) -> bool:
    return _short(key[0]).startswith(PROJECT_DIRS)


def summarise(stats_path: Path, road: dict[str, Any] | None = None, *, top: int = 25) -> str:
    stats = pstats.Stats(str(stats_path))
    table: dict[FunctionKey, tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = stats.total_tt  # type: ignore[attr-defined]
    size = road["size"] if road else None
    lines = [f"Profile of the first import{f' of {size:,} records' if size else ''} "
             f"(cProfile, {total:,.1f} s profiled; the profiler inflates Python call overhead, "
             "read the shares)"]

    lines.append("\nstage shares:")
    for stage, (path, name) in STAGE_FUNCTIONS.items():
        cumulative = sum(v[3] for k, v in table.items() if k[2] == name and k[0].endswith(path))
        lines.append(f"  {stage:<10} {cumulative:8.1f} s  {cumulative / total:6.1%}")

    lines.append(f"\ntop {top} project functions by cumulative time (share of the whole import):")
    project = sorted((k for k in table if _is_project(k)), key=lambda k: table[k][3], reverse=True)
    lines.append(f"  {'cumulative':>10} {'share':>6} {'calls':>10}  function")
    for key in project[:top]:
        _, calls, _, cumulative, _ = table[key]
        lines.append(f"  {cumulative:9.2f}s {cumulative / total:6.1%} {calls:10,}  {_label(key)}")

    lines.append(f"\ntop {top} functions by self time:")
    lines.append(f"  {'self':>10} {'share':>6} {'calls':>10}  function")
    for key in sorted(table, key=lambda k: table[k][2], reverse=True)[:top]:
        _, calls, own, _, _ = table[key]
        lines.append(f"  {own:9.2f}s {own / total:6.1%} {calls:10,}  {_label(key)}")

    areas: dict[str, float] = defaultdict(float)
    for key, (_, _, own, _, _) in table.items():
        areas[_area(key)] += own
    lines.append("\nself time by module or library:")
    for area, own in sorted(areas.items(), key=lambda item: item[1], reverse=True)[:top]:
        lines.append(f"  {own:9.2f}s {own / total:6.1%}  {area}")
    return "\n".join(lines)
