"""mypy over the ucn package, each file checked under the module name it is installed as.

    python tools/typecheck.py [mypy options]        (`make lint` runs it)

pyproject.toml installs graph/ as ucn.graph, loaders/ as ucn.loaders, and so on
([tool.setuptools.package-dir]). mypy names a module after its folders instead, so that plain
`mypy graph loaders ...` takes graph/model.py for `graph.model`: `from ..graph import ...` in
loaders/ then climbs out of a top-level package, and `from .graph import ...` in ucn/cli.py finds
nothing, and whatever those imports bring goes unchecked. (The editable install does not help:
its import hook is not something mypy reads.)

This script lists every file of the packages of [tool.setuptools] with its installed module name
(graph/model.py is ucn.graph.model), takes the settings of [tool.mypy] and any options given on
its command line as `mypy` would, and runs mypy on that list. Errors name the files of this
tree. Exit status as mypy's: 0 clean, 1 type errors, 2 blocking errors.
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

from mypy import build
from mypy.errors import CompileError
from mypy.fscache import FileSystemCache
from mypy.main import process_options
from mypy.modulefinder import BuildSource
from mypy.util import FancyFormatter, count_stats

ROOT = Path(__file__).resolve().parent.parent


def package_folder(package: str, package_dir: dict[str, str]) -> Path:
    """The folder setuptools takes `package` from: its longest prefix in package-dir."""
    parts = package.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in package_dir:
            return Path(package_dir[prefix], *parts[i:])
    return Path(package_dir.get("", "."), *parts)


def installed_sources() -> list[BuildSource]:
    """Every module of the distribution, as (path relative to the root, installed name)."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        setuptools = tomllib.load(f)["tool"]["setuptools"]
    package_dir = setuptools.get("package-dir", {})
    sources = []
    for package in setuptools["packages"]:
        folder = package_folder(package, package_dir)
        for path in sorted((ROOT / folder).glob("*.py")):
            module = package if path.stem == "__init__" else f"{package}.{path.stem}"
            sources.append(BuildSource(str(folder / path.name), module))
    return sources


def main(argv: list[str]) -> int:
    os.chdir(ROOT)  # the paths below, and pyproject.toml's [tool.mypy], are the root's
    sources = installed_sources()
    fscache = FileSystemCache()
    # The file list is given only so that the options are read as for `mypy FILES`; the
    # sources it makes (named by their folders) are the ones replaced.
    _, options = process_options(
        [*argv, *(source.path for source in sources if source.path)], fscache=fscache
    )
    formatter = FancyFormatter(sys.stdout, sys.stderr, options.hide_error_codes)
    messages: list[str] = []

    def flush_errors(filename: str | None, new_messages: list[str], serious: bool) -> None:
        messages.extend(new_messages)
        out = sys.stderr if serious else sys.stdout
        for message in new_messages:
            out.write((formatter.colorize(message) if options.color_output else message) + "\n")
        out.flush()

    blockers = False
    try:
        build.build(sources, options, None, flush_errors, fscache, sys.stdout, sys.stderr)
    except CompileError:
        blockers = True
    n_errors, _, n_files = count_stats(messages)
    if n_errors or blockers:
        summary = formatter.format_error(
            n_errors, n_files, len(sources), blockers=blockers, use_color=options.color_output
        )
        print(summary)
        return 2 if blockers else 1
    print(formatter.format_success(len(sources), options.color_output))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
