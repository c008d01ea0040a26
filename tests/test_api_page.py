"""docs/api.md runs: its Python blocks, in order, in a fresh folder holding samples/ (what a
notebook next to a checkout sees), so the page cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import ROOT

PAGE = ROOT / "docs" / "api.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def blocks() -> list[str]:
    return BLOCK.findall(PAGE.read_text(encoding="utf-8"))


def test_the_page_has_code_and_the_readme_links_it() -> None:
    assert len(blocks()) >= 5
    assert "(docs/api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_block_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__notebook__"}
    for number, code in enumerate(blocks(), start=1):
        exec(compile(code, f"{PAGE}:block {number}", "exec"), namespace)
    printed = capsys.readouterr().out
    # what the page says the calls give
    assert "{'network': 'CityNet (network/citynet)'}" in printed
    assert "['city', 'network', 'since']" in printed
    frame = namespace["members_frame"]
    assert isinstance(frame, pd.DataFrame) and "Đà Nẵng" in set(frame.member)
    assert pq.read_table(tmp_path / "citynet-members.parquet").num_rows == len(frame)
    assert "vis-network" in (tmp_path / "citynet.html").read_text(encoding="utf-8")
    assert namespace["graph"].number_of_nodes() > 0  # type: ignore[attr-defined]
