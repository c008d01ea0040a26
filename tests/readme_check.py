"""README.md against real runs on the sample data, so that its examples and figures cannot drift.

tests/test_readme.py runs the check; `make readme` (this file as a script, `--update`) rewrites
the README from the runs. What is checked:

- **Transcripts**: every fenced block whose first line is `$ ucn ...`. Each `$ ucn ...` line is
  run in-process (click's CliRunner) in a scratch folder that holds `samples/` and the database
  `make demo` builds, loaded the same way (DEMO_STEPS: `ucn load samples/documents
  samples/articles` twice, `ucn analyze --write`, the node-link and Turtle exports, into
  `demo-out/`); UCN_DB names that database, so the commands need no `--db`. What the command
  prints, stderr and stdout in the order a terminal shows them, must be the lines under it, up to
  the next `$` line. The expected lines may leave things out:
  - a line `...` stands for any number of lines (none too);
  - `…` inside a line stands for any characters on that line.
  Normalised first, as it differs between machines and runs: a process id `(pid N)` reads
  `(pid 4242)`; spaces at line ends are dropped.
- **Figures in prose** (FIGURES): a pattern of the README and the value it must hold, computed
  from the sample data (or the shipped data it names).
- **Python blocks** run, each in a fresh folder holding `samples/`, unless marked not to.

A marker comment on the line before a block's fence, `<!-- readme-test: NAME -->`, sets the scene:
- `locked`: a transcript run while another process (`ucn load articles/`, started for it and
  paused once it holds `ucn.db`) has the database open;
- `graph-files`: a Python block run where `ucn.graphml` and `ucn.gexf` of the demo database are;
- `not run: WHY`: a Python block left alone, for the reason given.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import GraphStore
from ucn.graph.recovery import in_use_elsewhere

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

# what `make demo` runs that changes its database or writes what the README's examples read
DEMO_STEPS = [
    "ucn load samples/documents samples/articles",
    "ucn load samples/documents samples/articles",
    "ucn analyze --section nodes --top 10 --write",
    "ucn export --format node-link -o demo-out/ucn.json",
    "ucn export --format turtle -o demo-out/ucn.ttl",
]
DEMO_DB = "demo-out/ucn.db"
# how pid numbers read in the README
PID = re.compile(r"\(pid \d+\)")
SHOWN_PID = "(pid 4242)"

FENCE = re.compile(r"^```([^\n`]*)\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)
MARKER = re.compile(r"<!--\s*readme-test:\s*(.*?)\s*-->\s*$")
MARKERS = ("locked", "graph-files", "not run:")


# --- reading the README -------------------------------------------------------------------


@dataclass
class Command:
    """One `$ ucn ...` line of a transcript and the lines shown under it."""

    line: int  # of the `$` line in the README, from 1
    text: str  # after `$ `
    expected: list[str]
    start: int  # character offsets of the expected lines in the README
    end: int

    @property
    def argv(self) -> list[str]:
        words = shlex.split(self.text)
        if words[:1] != ["ucn"] or any(w in ("|", ">", "<", "&&", ";") for w in words):
            raise ValueError(f"README.md:{self.line}: not a plain `ucn` command: {self.text}")
        return words[1:]


@dataclass
class Block:
    """A fenced block: its language, code, first line and the marker before it."""

    lang: str
    code: str
    line: int  # of the opening fence
    marker: str
    commands: list[Command] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        before = text[: match.start()].removesuffix("\n").rsplit("\n", 1)[-1]
        marked = MARKER.match(before.strip())
        marker = marked.group(1) if marked else ""
        if marker and not marker.startswith(MARKERS):
            raise ValueError(f"README.md:{line - 1}: unknown readme-test marker {marker!r}")
        block = Block(match.group(1).strip(), match.group(2), line, marker)
        if block.code.startswith("$ ucn "):
            block.commands = _commands(match.start(2), line + 1, block.code)
        found.append(block)
    return found


def _commands(offset: int, first_line: int, code: str) -> list[Command]:
    """The commands of a transcript block whose code starts at `offset` of the README."""
    commands: list[Command] = []
    lines = code.splitlines(keepends=True)
    position = offset
    for number, raw in enumerate(lines, start=first_line):
        if raw.startswith("$ "):
            if commands:
                commands[-1].end = position
            commands.append(Command(number, raw[2:].rstrip("\n"), [], position + len(raw), 0))
        else:
            commands[-1].expected.append(raw.rstrip("\n"))
        position += len(raw)
    commands[-1].end = position
    return commands


def transcripts(text: str) -> list[tuple[Block, Command]]:
    return [(b, c) for b in blocks(text) for c in b.commands]


def python_blocks(text: str) -> list[Block]:
    return [b for b in blocks(text) if b.lang == "python"]


# --- comparing ----------------------------------------------------------------------------


def normalise(output: str) -> list[str]:
    """What a command printed, as lines, with what differs between runs made alike."""
    return [PID.sub(SHOWN_PID, line).rstrip() for line in output.splitlines()]


def pattern(expected: list[str]) -> re.Pattern[str]:
    parts = []
    for line in expected:
        if line.strip() == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            pieces = (re.escape(piece) for piece in line.rstrip().split("…"))
            parts.append("[^\n]*?".join(pieces) + r"\n")
    return re.compile("".join(parts))


def matches(expected: list[str], actual: list[str]) -> bool:
    text = "".join(line + "\n" for line in actual)
    return pattern(expected).fullmatch(text) is not None


def refreshed(expected: list[str], actual: list[str]) -> list[str]:
    """The lines to show for `actual`: `expected` itself while it matches; else the actual
    output, keeping as many lines before and after a `...` line as there were, and each line
    with `…` that still matches its actual line."""
    if matches(expected, actual):
        return expected
    dots = [i for i, line in enumerate(expected) if line.strip() == "..."]
    if dots and len(actual) > dots[0] + len(expected) - dots[-1] - 1:
        head, tail = dots[0], len(expected) - dots[-1] - 1
        lines = [*actual[:head], "...", *(actual[len(actual) - tail :] if tail else [])]
        olds = [*expected[:head], "...", *expected[len(expected) - tail :]]
    else:
        lines, olds = list(actual), list(expected)
    for i, line in enumerate(lines):
        if i < len(olds) and "…" in olds[i] and matches([olds[i]], [line]):
            lines[i] = olds[i]
    return lines


# --- running ------------------------------------------------------------------------------


def invoke(argv: list[str], env: dict[str, str | None]) -> str:
    """Run `ucn ARGV` in this process in the current folder; what a terminal would show."""
    result = CliRunner().invoke(main, argv, env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"ucn {shlex.join(argv)} raised {result.exception!r}\n{result.output}")
    return result.output


# the environment of every run: the demo database, no Neo4j, no decisions file of the user's
def clean_env(**db: str | None) -> dict[str, str | None]:
    return {"NEO4J_URI": None, "UCN_DECISIONS": None, "UCN_DB": None, **db}


class Workspace:
    """A scratch folder with `samples/` and the demo database; runs the README's commands
    there, each once."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.demo = folder / "demo"
        self.demo.mkdir(parents=True)
        (self.demo / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
        (self.demo / "demo-out").mkdir()
        self.env = clean_env(UCN_DB=DEMO_DB)
        with contextlib.chdir(self.demo):
            for step in DEMO_STEPS:
                invoke(shlex.split(step)[1:], self.env)
        self._outputs: dict[tuple[str, str], list[str]] = {}
        self._figures: dict[str, str] = {}

    def output(self, block: Block, command: Command) -> list[str]:
        key = (block.marker, command.text)
        if key not in self._outputs:
            if block.marker == "locked":
                printed = self._while_loading(command)
            else:
                with contextlib.chdir(self.demo):
                    printed = invoke(command.argv, self.env)
            self._outputs[key] = normalise(printed)
        return self._outputs[key]

    def _while_loading(self, command: Command) -> str:
        """`command` run while `ucn load articles/` holds `ucn.db` (the default database) in
        another process, paused with SIGSTOP as soon as it has the database open."""
        from conftest import NEWS_ARTICLE

        folder = self.folder / f"locked-{len(self._outputs)}"
        (folder / "articles").mkdir(parents=True)
        # long enough that the load is still extracting when it is paused (about 2 s)
        long = "\n".join(NEWS_ARTICLE.format(i=i) for i in range(1, 1500))
        (folder / "articles" / "long.txt").write_text(long, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("UCN_DB", "NEO4J_URI")}
        load = subprocess.Popen(
            [sys.executable, "-m", "ucn", "load", "articles/"],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 120
            while not in_use_elsewhere(folder / "ucn.db"):
                if load.poll() is not None:
                    err = load.stderr.read().decode() if load.stderr else ""
                    raise AssertionError(f"the load ended before it was paused: {err}")
                assert time.monotonic() < deadline, "the load never opened the database"
                time.sleep(0.005)
            os.kill(load.pid, signal.SIGSTOP)
            assert load.poll() is None and in_use_elsewhere(folder / "ucn.db")
            with contextlib.chdir(folder):
                return invoke(command.argv, clean_env())
        finally:
            load.kill()  # a paused process ends on SIGKILL
            load.wait(timeout=60)
            if load.stderr:
                load.stderr.close()

    def run_python(self, block: Block, number: int) -> None:
        """Run a Python block in a fresh folder holding `samples/` (what a notebook beside a
        checkout sees); stores it leaves open are closed after it."""
        folder = self.folder / f"python-{number}"
        folder.mkdir()
        (folder / "samples").symlink_to(ROOT / "samples", target_is_directory=True)
        with contextlib.chdir(folder):
            if block.marker == "graph-files":
                db = str(self.demo / DEMO_DB)
                for fmt in ("graphml", "gexf"):
                    invoke(["--db", db, "export", "--format", fmt, "-o", f"ucn.{fmt}"], self.env)
            namespace: dict[str, object] = {"__name__": "__readme__"}
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(
                        compile(block.code, f"README.md:block at line {block.line}", "exec"),
                        namespace,
                    )
            finally:
                for value in namespace.values():
                    if isinstance(value, GraphStore):
                        value.close()

    def figure(self, figure: Figure) -> str:
        if figure.what not in self._figures:
            self._figures[figure.what] = figure.value(self)
        return self._figures[figure.what]

    def query(self, cypher: str) -> list[dict[str, object]]:
        from ucn.graph import open_store

        with open_store(db=self.demo / DEMO_DB) as store:
            return list(store.run(cypher))


# --- figures in prose ---------------------------------------------------------------------

WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def in_words(n: int) -> str:
    return WORDS[n] if n < len(WORDS) else str(n)


def _sample_articles(ws: Workspace) -> list[dict[str, object]]:
    return ws.query(
        "MATCH (a:Article) WHERE a.source STARTS WITH 'samples/articles/' "
        "RETURN a.lang AS lang, a.source AS source"
    )


def _gazetteer() -> tuple[int, int]:
    from ucn.loaders.gazetteer import load_gazetteer

    entries = load_gazetteer().entries
    return len(entries), sum(len(e.names) for e in entries)


@dataclass
class Figure:
    """A figure in the README's prose: `value` is the named group of `where`."""

    what: str
    where: str  # a regular expression over the README, whitespace as `\s+`
    value: Callable[[Workspace], str]


FIGURES = [
    Figure(
        "sample articles loaded by make demo",
        r"the sample articles in `samples/articles/` \((?P<value>\w+) short\s+news",
        lambda ws: in_words(len(_sample_articles(ws))),
    ),
    Figure(
        "of them in Vietnamese",
        r"written for the project, (?P<value>\w+) in\s+Vietnamese",
        lambda ws: in_words(sum(a["lang"] == "vi" for a in _sample_articles(ws))),
    ),
    Figure(
        "of them in English",
        r"Vietnamese\s+and\s+(?P<value>\w+)\s+in\s+English",
        lambda ws: in_words(sum(a["lang"] == "en" for a in _sample_articles(ws))),
    ),
    Figure(
        "of them HTML pages",
        r"in\s+English,\s+(?P<value>\w+)\s+of\s+them\s+an\s+HTML\s+page",
        lambda ws: in_words(sum(str(a["source"]).endswith(".html") for a in _sample_articles(ws))),
    ),
    Figure(
        "gazetteer entries",
        r"`loaders/gazetteer/\*\.tsv`:\s+(?P<value>[\d,]+)\s+entries",
        lambda ws: f"{_gazetteer()[0]:,}",
    ),
    Figure(
        "gazetteer names and aliases",
        r"\s+entries,\s+(?P<value>[\d,]+)\s+names\s+and\s+aliases",
        lambda ws: f"{_gazetteer()[1]:,}",
    ),
]


def figure_span(text: str, figure: Figure) -> re.Match[str]:
    found = list(re.finditer(figure.where, text))
    if len(found) != 1:
        raise AssertionError(
            f"the README should quote the {figure.what} once ({figure.where}): found {len(found)}"
        )
    return found[0]


# --- the check and the rewrite ------------------------------------------------------------


def problems(text: str, ws: Workspace, python: bool = True) -> list[str]:
    """Every way the README differs from the runs, one message each (none: up to date)."""
    found = []
    for block, command in transcripts(text):
        actual = ws.output(block, command)
        if not matches(command.expected, actual):
            # what it printed, in the README's shape (its `...` and `…` kept where they fit)
            shown = refreshed(command.expected, actual)
            diff = difflib.unified_diff(
                command.expected, shown, "README.md", "ucn printed", lineterm="", n=2
            )
            found.append(f"README.md:{command.line}: $ {command.text}\n" + "\n".join(diff))
    for figure in FIGURES:
        match = figure_span(text, figure)
        value = ws.figure(figure)
        if match.group("value") != value:
            line = text.count("\n", 0, match.start("value")) + 1
            found.append(
                f"README.md:{line}: the {figure.what} is {value}, "
                f"the README says {match.group('value')}"
            )
    if python:
        for number, block in enumerate(python_blocks(text), start=1):
            if block.marker.startswith("not run:"):
                continue
            try:
                ws.run_python(block, number)
            except Exception as exc:
                found.append(f"README.md:{block.line}: the Python block fails: {exc!r}")
    return found


def update(text: str, ws: Workspace) -> str:
    """The README with every transcript's output and every figure as the runs give them."""
    edits: list[tuple[int, int, str]] = []
    for block, command in transcripts(text):
        lines = refreshed(command.expected, ws.output(block, command))
        edits.append((command.start, command.end, "".join(line + "\n" for line in lines)))
    for figure in FIGURES:
        match = figure_span(text, figure)
        edits.append((match.start("value"), match.end("value"), ws.figure(figure)))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


@contextlib.contextmanager
def workspace() -> Iterator[Workspace]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="ucn-readme-") as folder:
        yield Workspace(Path(folder))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the README from the runs")
    parser.add_argument("readme", nargs="?", type=Path, default=README)
    args = parser.parse_args()
    text = args.readme.read_text(encoding="utf-8")
    with workspace() as ws:
        if args.update:
            new = update(text, ws)
            if new != text:
                args.readme.write_text(new, encoding="utf-8")
                print(f"rewrote {args.readme}: look the changes over (git diff)")
            left = problems(new, ws)
        else:
            left = problems(text, ws)
    print("\n\n".join(left) if left else f"{args.readme} is up to date")
    sys.exit(1 if left else 0)
