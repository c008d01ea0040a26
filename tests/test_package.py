"""Package basics: the version, `ucn --version`, `python -m ucn` and its exit statuses."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import ucn
from ucn.cli import main

from conftest import ROOT


def python_m_ucn(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ucn", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_version_is_the_installed_distributions() -> None:
    assert ucn.__version__ == importlib.metadata.version("ucn")
    assert "__version__" in dir(ucn)


def test_version_without_installed_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert ucn._version() == ucn.UNKNOWN_VERSION == "0+unknown"


def test_ucn_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"ucn {ucn.__version__}\n"


def test_python_m_ucn_is_the_command() -> None:
    version = python_m_ucn("--version")
    assert (version.returncode, version.stdout) == (0, f"ucn {ucn.__version__}\n")
    helped = python_m_ucn("--help")
    assert helped.returncode == 0 and "Usage: python -m ucn" in helped.stdout
    queries = python_m_ucn("queries")
    assert queries.returncode == 0 and queries.stdout.startswith("co-membership")


def test_python_m_ucn_exit_statuses(tmp_path: Path) -> None:
    missing = python_m_ucn("--db", str(tmp_path / "none.db"), "stats")
    assert missing.returncode == 1
    assert missing.stderr.strip() == (
        f"Error: {tmp_path / 'none.db'}: no database here yet (`ucn load` creates one)"
    )
    assert python_m_ucn("no-such-command").returncode == 2  # a usage error, as click gives it


def test_importing_main_does_not_run_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import ucn.__main__; print('imported')"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "imported\n")
