"""The printed tables: stage figures per size, the target line, and validity counts."""

from __future__ import annotations

import os
import platform
from typing import Any

from benchmarks.runner import BenchResult, SizeResult

TARGET_RATE = 25_000
TARGET_RSS_MB = 1000
TARGET_SIZE = 1_000_000
TARGET = "target: ≥ 25k records/s end to end at 1M with peak RSS ≤ 1 GB"

HEADER = (f"{'size':>10}  {'import':<20} {'stage':<16} {'seconds':>9} {'cpu s':>8} "
          f"{'records/s':>10} {'peak RSS MB':>12}  result")


def _row(size: str, label: str, stage: str, seconds: float, cpu: float, records: int,
         rss: float, note: str = "") -> str:
    rate = records / seconds if seconds else 0.0
    return (f"{size:>10}  {label:<20} {stage:<16} {seconds:9.2f} {cpu:8.2f} {rate:10,.0f} "
            f"{rss:12,.0f}  {note}").rstrip()


def _note(stage: dict[str, Any]) -> str:
    d = stage["detail"]
    name = stage["name"]
    if name == "extract":
        problems = f", {d['reader_problems']:,} reader problems" if d.get("reader_problems") else ""
        return f"{d['raw_records']:,} raw records ({d['raw_mb']:,.1f} MB JSONL){problems}"
    if name == "normalise":
        return f"{d['valid']:,} valid, {d['quarantined']:,} quarantined"
    if name == "merge":
        return (f"new {d['new']:,} · changed {d['changed']:,} · unchanged {d['unchanged']:,} · "
                f"withdrawn {d['withdrawn']:,} (warehouse {d['warehouse_mb']:,.0f} MB)")
    if name == "duckdb read_csv":
        return f"{d['rows']:,} rows into a table (the ceiling)"
    return ""


def road_peak_mb(sized: SizeResult) -> float:
    peak = sized.road["peak_rss_mb"]
    return max(peak["self"], peak["children"])


def first_import(sized: SizeResult) -> dict[str, Any]:
    return sized.road["imports"][0]


def end_to_end_rate(sized: SizeResult) -> float:
    run = first_import(sized)
    return sized.size / run["seconds"] if run["seconds"] else 0.0


def heading(result: BenchResult) -> str:
    versions = result.sizes[0].road["versions"] if result.sizes else {}
    loads = [x for s in result.sizes for x in s.road.get("load_average", []) if x is not None]
    cpus = os.cpu_count() or 1
    load = ""
    if loads:
        load = f"; load average {min(loads):.1f}–{max(loads):.1f} (this benchmark adds about 1)"
        if max(loads) > cpus + 0.5:
            load += ": other work shared the CPUs, wall-clock figures are pessimistic"
    return (f"Import road of a synthetic Mülheim offer feed (CSV, 30 columns) — "
            f"Python {versions.get('python', platform.python_version())}, "
            f"DuckDB {versions.get('duckdb', '?')}, {cpus} CPUs{load}\n"
            "records/s = records in the feed ÷ wall seconds; cpu s = the process's CPU time "
            "(all threads; steadier than wall time on a shared machine);\n"
            "peak RSS = the stage's own high-water mark (VmHWM reset per stage); every size "
            "runs in a fresh process")


def stage_table(result: BenchResult) -> str:
    lines = [HEADER]
    for sized in result.sizes:
        size_text = f"{sized.size:,}"
        for run in sized.road["imports"]:
            label = run["label"]
            for stage in run["stages"]:
                lines.append(_row(size_text, label, stage["name"], stage["seconds"],
                                  stage.get("cpu_seconds", 0.0), stage["records"],
                                  stage["peak_rss_mb"], _note(stage)))
                size_text = label = ""
            peak = max(s["peak_rss_mb"] for s in run["stages"])
            cpu = sum(s.get("cpu_seconds", 0.0) for s in run["stages"])
            lines.append(_row("", "", "total", run["seconds"], cpu, sized.size, peak))
        ref = sized.reference["stage"]
        lines.append(_row("", "reference", ref["name"], ref["seconds"], ref.get("cpu_seconds", 0.0),
                          ref["records"], ref["peak_rss_mb"], _note(ref)))
        if sized.road.get("stopped"):
            lines.append(f"{'':>10}  stopped early — {sized.road['stopped']}")
        lines.append(f"{'':>10}  process peak RSS over the imports: "
                     f"{road_peak_mb(sized):,.0f} MB (ru_maxrss of the size's process and its "
                     f"children); baseline before the first record "
                     f"{sized.road['baseline_rss_mb']:,.0f} MB")
    return "\n".join(lines)


def target_lines(result: BenchResult) -> str:
    lines = [TARGET]
    for sized in result.sizes:
        rate, peak = end_to_end_rate(sized), road_peak_mb(sized)
        ceiling = sized.reference["stage"]
        ceiling_rate = ceiling["records"] / ceiling["seconds"] if ceiling["seconds"] else 0.0
        speed = ("meets the speed target" if rate >= TARGET_RATE else
                 f"{rate / TARGET_RATE:.1%} of the target ({TARGET_RATE / rate:.1f}× short)")
        memory = ("within 1 GB" if peak <= TARGET_RSS_MB
                  else f"{peak / TARGET_RSS_MB:.1f}× over 1 GB")
        note = "" if sized.size == TARGET_SIZE else "  [the target is set at 1M]"
        lines.append(f"  {sized.size:>9,}: {rate:8,.0f} records/s end to end (first import) — "
                     f"{speed}; peak RSS {peak:,.0f} MB — {memory}; DuckDB ceiling "
                     f"{ceiling_rate:,.0f} records/s{note}")
    lines.extend(_extrapolation(result))
    return "\n".join(lines)


def _extrapolation(result: BenchResult) -> list[str]:
    """From the two largest measured sizes, when 1M itself was not measured."""
    measured = sorted(result.sizes, key=lambda s: s.size)
    if len(measured) < 2 or any(s.size >= TARGET_SIZE for s in measured):
        return []
    small, large = measured[-2], measured[-1]
    slope = (road_peak_mb(large) - road_peak_mb(small)) / (large.size - small.size)
    peak = road_peak_mb(large) + slope * (TARGET_SIZE - large.size)
    minutes = TARGET_SIZE / end_to_end_rate(large) / 60
    return [f"  extrapolated to 1,000,000 from {small.size:,} and {large.size:,}: first import "
            f"≈ {minutes:,.0f} min at the {large.size:,} rate; peak RSS ≈ {peak:,.0f} MB "
            f"(linear, +{slope * 100_000:,.0f} MB per 100k records: a rough upper bound) — "
            "measure with --sizes 1000000"]


def validity_lines(result: BenchResult) -> str:
    lines = ["validity (first import; quarantine reasons by field; fields the parsers left "
             "unparsed, as a share of records that fill them):"]
    for sized in result.sizes:
        v = first_import(sized)["validity"]
        fetched = max(v["fetched"], 1)
        reasons = ", ".join(f"{field} {n:,}" for field, n in v["quarantined_by_field"].items())
        lines.append(f"  {sized.size:>9,}: {v['valid']:,} valid ({v['valid'] / fetched:.1%}), "
                     f"{v['quarantined']:,} quarantined ({v['quarantined'] / fetched:.1%}"
                     f"{': ' + reasons if reasons else ''})")
        unparsed = sorted(v["unparsed"].items(), key=lambda item: item[1], reverse=True)
        shares = ", ".join(f"{slot} {n:,} ({n / max(v['present'].get(slot, 0), 1):.1%})"
                           for slot, n in unparsed) or "none"
        lines.append(f"  {'':>9}  unparsed: {shares}")
        if v["unmapped_categories"]:
            words = ", ".join(f"{w} {n:,}" for w, n in list(v["unmapped_categories"].items())[:5])
            lines.append(f"  {'':>9}  unmapped categories: {words}")
    return "\n".join(lines)


def memory_lines(result: BenchResult) -> str:
    lines = ["memory over the first import (RSS MB at 25 / 50 / 75 / 100 % of each stage's "
             "duration; growth to the end means memory grows with the records):"]
    for sized in result.sizes:
        parts = []
        for stage in first_import(sized)["stages"]:
            points = " / ".join(f"{mb:,.0f}" for mb in stage.get("rss_quartiles_mb", []))
            parts.append(f"{stage['name']} {points}")
        lines.append(f"  {sized.size:>9,}: " + "; ".join(parts))
    return "\n".join(lines)


def render(result: BenchResult) -> str:
    parts = [heading(result), stage_table(result), target_lines(result), validity_lines(result),
             memory_lines(result)]
    generated = sum(s.generate_seconds for s in result.sizes)
    parts.append(f"benchmark wall time {result.wall_seconds / 60:,.1f} min (of which generating "
                 f"feeds {generated:,.0f} s; cached feeds are reused)")
    if result.profile:
        parts.append(result.profile)
    return "\n\n".join(parts) + "\n"
