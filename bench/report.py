"""What the benchmarks print and write: aligned tables, wrapped paragraphs, targets met or
missed, the machine they ran on, and the JSON report."""

from __future__ import annotations

import json
import os
import platform
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

MET = {True: "met", False: "MISSED"}


def table_lines(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as aligned lines: first column left, the middle ones right, the last one as is."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        middle = (cell.rjust(width) for cell, width in zip(row[1:-1], widths[1:-1], strict=True))
        lines.append("  ".join([row[0].ljust(widths[0]), *middle, row[-1]]).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths).rstrip())
    return lines


def say(text: str) -> None:
    print(textwrap.fill(text, 100, subsequent_indent="  ", replace_whitespace=False))


def memory_gb() -> float | None:
    """The machine's memory (Linux), or None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            return round(int(f.readline().split()[1]) / 1e6, 1)  # kB -> GB
    except (OSError, ValueError, IndexError):
        return None


def environment(*modules: ModuleType, machine: bool = False) -> dict[str, Any]:
    """Python's version and each module's, the platform and the number of CPUs; with `machine`,
    the processor and the memory too."""
    out: dict[str, Any] = {"python": platform.python_version()}
    out.update({module.__name__: module.__version__ for module in modules})
    out["platform"] = platform.platform()
    if machine:
        out["processor"] = platform.processor() or platform.machine()
    out["cpus"] = os.cpu_count()
    if machine:
        out["memory_gb"] = memory_gb()
    return out


def write_json(path: Path, data: Any, **options: Any) -> None:
    """`data` as indented JSON at `path` (its folder made if need be); `options` go to
    json.dumps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, **options) + "\n", encoding="utf-8")
