"""The direction of imports between the folders (README, "How the code is laid out"): graph/ is
at the bottom and imports none of the others; ontology/ (publishing), loaders/ (reading and
extraction) and queries/ build on graph/ only; viz/ on graph/ and queries/; the CLI (ucn/) on
all of them, and none of them on it."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

from conftest import ROOT

# Each folder, and the sibling packages of ucn it must not import (at the top or in a function).
FORBIDDEN = {
    "graph": {"loaders", "queries", "viz", "ontology", "ucn"},
    "ontology": {"loaders", "queries", "viz", "ucn"},
    "loaders": {"queries", "viz", "ontology", "ucn"},
    "queries": {"loaders", "viz", "ontology", "ucn"},
    "viz": {"loaders", "ontology", "ucn"},
}


def imported_packages(path: Path, folder: str) -> set[str]:
    """The first-level packages of ucn that `path` (in `folder`) imports, by folder name; `ucn`
    for the CLI package itself."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names = [node.module or ""]
            elif node.level == 1:  # within the folder
                continue
            else:  # from ..X import ... climbs to ucn, then X
                if node.module:
                    names = [f"ucn.{node.module}"]
                else:
                    names = [f"ucn.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] != "ucn":
                continue
            found.add(parts[1] if len(parts) > 1 else "ucn")
    found.discard(folder)
    return found


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_folder_does_not_import_what_builds_on_it(folder: str) -> None:
    wrong = {
        f"{path.relative_to(ROOT)}: {sorted(bad)}"
        for path in sorted((ROOT / folder).glob("*.py"))
        if (bad := imported_packages(path, folder) & FORBIDDEN[folder])
    }
    assert not wrong, f"{folder}/ imports what builds on it: {sorted(wrong)}"


def test_the_check_sees_relative_and_absolute_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from ..loaders.gazetteer import fold\nimport ucn.queries.library\n"
        "def f():\n    from .. import viz\n    from . import model\n"
        "    from ucn.graph import ids\n",
        encoding="utf-8",
    )
    assert imported_packages(module, "graph") == {"loaders", "queries", "viz"}


# Modules are kept to about this many lines, so that each holds one thing (README, "How the code
# is laid out"); the exceptions, and why.
MAX_LINES = 500
LONGER = {
    "graph/model.py": "the one table of the domain model, read by everything else",
}


def long_modules(root: Path, folders: Iterable[str]) -> list[str]:
    """The modules of `folders` over MAX_LINES lines that LONGER does not name, with their size."""
    found = []
    for folder in folders:
        for path in sorted((root / folder).glob("*.py")):
            name = path.relative_to(root).as_posix()
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES and name not in LONGER:
                found.append(f"{name}: {lines} lines")
    return found


def test_modules_stay_short() -> None:
    too_long = long_modules(ROOT, [*FORBIDDEN, "ucn"])
    assert not too_long, f"split these, or say in LONGER why they stay whole: {too_long}"


def test_the_exceptions_are_still_long_and_the_check_sees_a_long_module(tmp_path: Path) -> None:
    for name in LONGER:
        assert len((ROOT / name).read_text(encoding="utf-8").splitlines()) > MAX_LINES, name
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "short.py").write_text("x = 1\n" * MAX_LINES, encoding="utf-8")
    (tmp_path / "graph" / "long.py").write_text("x = 1\n" * (MAX_LINES + 1), encoding="utf-8")
    assert long_modules(tmp_path, ["graph"]) == [f"graph/long.py: {MAX_LINES + 1} lines"]
