"""The README's examples and figures are what ucn prints on the sample data: every `$ ucn ...`
transcript is run on a database loaded as `make demo` loads it, the figures quoted in prose are
recomputed and the Python blocks run (tests/readme_check.py says how, and what is normalised).
When the output changes on purpose, `make readme` rewrites the README from the runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from readme_check import (
    DEMO_STEPS,
    FIGURES,
    README,
    Workspace,
    blocks,
    matches,
    normalise,
    problems,
    python_blocks,
    refreshed,
    transcripts,
    update,
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The demo database, built once for the module (about 2 s), and the commands' outputs."""
    return Workspace(tmp_path_factory.mktemp("readme"))


def readme() -> str:
    return README.read_text(encoding="utf-8")


def test_the_transcripts_and_figures_are_what_ucn_prints(ws: Workspace) -> None:
    found = problems(readme(), ws, python=False)
    assert not found, (
        "README.md is stale; `make readme` rewrites it from the runs (then look at git diff):\n\n"
        + "\n\n".join(found)
    )


@pytest.mark.parametrize(
    "number", range(1, len(python_blocks(README.read_text(encoding="utf-8"))) + 1)
)
def test_the_python_blocks_run(ws: Workspace, number: int) -> None:
    block = python_blocks(readme())[number - 1]
    if block.marker.startswith("not run:"):
        reason = block.marker.removeprefix("not run:").strip()
        assert len(reason) > 20, f"README.md:{block.line}: say why the block is not run"
        pytest.skip(f"README.md:{block.line} is marked not run: {reason}")
    ws.run_python(block, number)


def test_every_example_with_output_is_checked() -> None:
    text = readme()
    # a block showing a `$` command is a transcript, and so checked
    for block in blocks(text):
        if any(line.startswith("$ ") for line in block.code.splitlines()):
            assert block.commands, f"README.md:{block.line}: a `$` line, but not first"
    runs = [command.text for _, command in transcripts(text)]
    assert len(runs) >= 9
    assert any(r.startswith("ucn validate demo-out/ucn.ttl") for r in runs)
    assert any(r.startswith("ucn analyze") for r in runs)
    assert len(python_blocks(text)) >= 3


def test_the_demo_database_is_loaded_as_make_demo_loads_it() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1]
    recipe = recipe.split("\n\n", 1)[0]
    position = 0
    for step in DEMO_STEPS:  # each in the recipe, in this order
        line = "$(BIN)/ucn --db $(DEMO)/ucn.db " + step.removeprefix("ucn ")
        position = recipe.index(line.replace("demo-out/", "$(DEMO)/"), position) + 1


def test_a_changed_figure_is_caught(ws: Workspace, tmp_path: Path) -> None:
    """The measure: change one figure in a copy of the README and the check fails, naming the
    line; `make readme` (update) puts the figure back."""
    text = readme()
    summary = re.search(r"conforms to ontology/shapes\.ttl: (\d+) triples", text)
    assert summary
    triples = int(summary.group(1))
    changes = {
        "the triple count of the validation": (
            summary.group(0),
            summary.group(0).replace(str(triples), str(triples + 1)),
        ),
        "a date in an elided table": (
            "| full      | 2005-10-11 | 3",
            "| full      | 2005-10-12 | 3",
        ),
        "a measure of ucn analyze": (
            re.search(r"network/citynet +\| Network +\| CityNet +\| \d+ +\| (0\.\d+)", text)[1],  # type: ignore[index]
            "0.123456",
        ),
        "a figure in prose": ("`samples/articles/` (five short", "`samples/articles/` (six short"),
    }
    for what, (old, new) in changes.items():
        assert text.count(old) >= 1, what
        line = text.count("\n", 0, text.index(old)) + 1
        copy = tmp_path / "README.md"
        copy.write_text(text.replace(old, new, 1), encoding="utf-8")
        changed = copy.read_text(encoding="utf-8")
        found = problems(changed, ws, python=False)
        assert len(found) == 1, (what, found)
        where = int(found[0].split(":", 2)[1])
        assert line - 30 < where <= line, (what, found[0])  # the command's line, or the figure's
        assert update(changed, ws) == text, what


def test_elisions_and_normalisation() -> None:
    shown = ["head", "...", "last"]
    assert matches(shown, ["head", "last"])
    assert matches(shown, ["head", "a", "b", "last"])
    assert not matches(shown, ["head", "a", "b"])
    assert matches(["id: …>"], ["id: event/anything-at-all>"])
    assert not matches(["id: …>"], ["id: event/anything", "at-all>"])
    assert not matches(["1624 triples"], ["1625 triples"])
    assert normalise("by `ucn load a/` (pid 81234) is  \n") == ["by `ucn load a/` (pid 4242) is"]
    # a refreshed block keeps the shape of the old one: its head, its `...`, its `…` lines
    old = ["note: x", "table: 1", "row: …", "..."]
    assert refreshed(old, ["note: x", "table: 2", "row: long text", "more", "(9 rows)"]) == [
        "note: x",
        "table: 2",
        "row: …",
        "...",
    ]


def test_figures_are_quoted_once() -> None:
    text = readme()
    for figure in FIGURES:
        assert len(re.findall(figure.where, text)) == 1, figure.what
