"""One source, one small file: the median provider spider stays at or below 40 lines."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from core.settings import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "spider_lengths.py"


def load_script():
    spec = importlib.util.spec_from_file_location("spider_lengths", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_median_provider_spider_is_at_most_40_lines():
    script = load_script()
    lengths = script.spider_lengths()
    assert lengths and "__init__.py" not in lengths
    assert not any(name.startswith("base") for name in lengths)
    assert script.median_length(lengths) <= 40, lengths


def test_lengths_and_median_of_a_folder(tmp_path: Path):
    script = load_script()
    for name, lines in {"a.py": 9, "b.py": 24, "c.py": 30, "__init__.py": 1}.items():
        (tmp_path / name).write_text("x = 1\n" * lines)
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "listing.py").write_text("x = 1\n" * 500)
    assert script.spider_lengths(tmp_path) == {"a.py": 9, "b.py": 24, "c.py": 30}
    assert script.median_length(script.spider_lengths(tmp_path)) == 24
    printed = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True,
                             text=True, check=True).stdout.splitlines()
    assert [line.split() for line in printed] == [
        ["a.py", "9"], ["b.py", "24"], ["c.py", "30"], ["median", "24", "(3", "spiders)"]]
