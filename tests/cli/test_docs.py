"""The steward guide: its generated tables are current, and they name every adapter option."""

from __future__ import annotations

from pathlib import Path

import pytest

from familienpunkt import docs


def test_the_guide_s_generated_tables_are_current():
    assert docs.update(docs.GUIDE, check=True) is False, (
        "docs/stewards.md is outdated: run python -m familienpunkt.docs")


def test_every_option_of_every_adapter_is_in_the_guide():
    text = docs.GUIDE.read_text(encoding="utf-8")
    for kind, model in docs.option_models().items():
        assert f"#### `{kind}`" in text
        for name in model.model_fields:
            assert f"| `{name}` |" in text, (kind, name)


def test_update_rewrites_only_between_the_markers(tmp_path: Path):
    guide = tmp_path / "guide.md"
    blocks = "".join(f"{docs.BEGIN.format(name)}\nstale\n{docs.END.format(name)}\n"
                     for name in docs.BLOCKS)
    guide.write_text(f"# Hand-written\n\n{blocks}Footer\n", encoding="utf-8")
    assert docs.main([str(guide), "--check"]) == 1
    assert docs.main([str(guide)]) == 0
    text = guide.read_text(encoding="utf-8")
    assert text.startswith("# Hand-written\n\n") and text.endswith("Footer\n")
    assert "stale" not in text and "| `delimiter` | text | — |" in text
    assert "| `other-closed` | Andere geschlossene Lizenz | no | yes |" in text
    assert docs.main([str(guide), "--check"]) == 0


def test_missing_markers_are_an_error(tmp_path: Path):
    guide = tmp_path / "guide.md"
    guide.write_text("# nothing generated here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="markers"):
        docs.update(guide)
    assert docs.main([str(guide)]) == 2


def test_the_guide_s_worked_example_reads_its_file_as_the_guide_says(tmp_path: Path):
    import io
    import re

    from familienpunkt import inspect as insp

    text = docs.GUIDE.read_text(encoding="utf-8")
    entry = next(block for block in re.findall(r"```toml\n(.*?)```", text, re.S)
                 if block.startswith("[sources.ferienspiele]"))
    sample = Path(__file__).parent.parent / "fixtures" / "config_only" / "ferienspiele_2027.csv"
    registry = tmp_path / "sources.toml"
    registry.write_text('[providers.jugendamt]\nname = "Jugendamt"\ntype = "municipal"\n\n'
                        + entry, encoding="utf-8")
    out, err = io.BytesIO(), io.StringIO()
    code = insp.run(str(sample), out=out, err=err, source_id="ferienspiele", registry=registry,
                    normalise_records=True)
    assert code == 0
    summary = "inspect: 5 records · 0 problems · 4 valid, 1 quarantined · adapter csv " \
              "(source 'ferienspiele')"
    assert err.getvalue().splitlines()[-1] == summary and summary in text
    quarantined = err.getvalue().splitlines()[0]
    assert quarantined.startswith("quarantined: 1 × end invalid") and quarantined in text
