"""The progress display of `ucn load`: one line on stderr, drawn by tqdm.

    loading  42%|████▏     | read 840/2,000, extracted 838, failed 2, written 0, 41.7/s, ETA 0:28

The counts and the ETA come from `LoadProgress` (loaders/load.py): articles read, extracted
into documents, failed and written, with the nodes and relations written so far; the rate is
articles read per second since the first one, and the ETA (the articles left at that rate) is
`?` until enough is known. While a transaction is written the line says so instead of an ETA.
tqdm is imported only when the display is shown (stderr is a terminal, or --progress).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .loaders.load import LoadProgress


def duration(seconds: float) -> str:
    """`0:28`, `12:05`, `1:02:03`: minutes and seconds, hours when there are any."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe(progress: LoadProgress) -> str:
    """The counts, rate and ETA of a load, as the display shows them after the bar."""
    total = f"/{progress.total:,}" if progress.total is not None else ""
    parts = [f"read {progress.read:,}{total}", f"extracted {progress.extracted:,}"]
    if progress.failed:
        parts.append(f"failed {progress.failed:,}")
    written = f"written {progress.written:,}"
    result = progress.result
    if progress.written:
        nodes = result.nodes_created + result.nodes_updated
        relations = result.relations_created + result.relations_updated
        written += f" ({nodes:,} nodes, {relations:,} relations)"
    parts.append(written)
    rate = progress.rate
    if rate is not None:
        parts.append(f"{rate:,.1f}/s")
    if progress.done:
        took = progress.elapsed
        parts.append(f"in {took:.1f} s" if took < 60 else f"in {duration(took)}")
    elif progress.writing:
        parts.append(f"writing {progress.writing:,} to the store")
    elif progress.total is not None and progress.read >= progress.total:
        parts.append("finishing")
    else:
        eta = progress.eta
        parts.append(f"ETA {duration(eta)}" if eta is not None else "ETA ?")
    return ", ".join(parts)


BAR_WIDTH = 20  # the bar's width where the output has none (a pipe, a bare pty)
UNCUT = 10_000  # columns: the line is not cut there


def _columns(out: TextIO) -> int:
    try:
        return os.get_terminal_size(out.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 0


class ProgressDisplay:
    """Draws `LoadProgress` reports as one progress line on `out`; `note` prints a line above
    it. Use as a context manager, or call `close` at the end."""

    def __init__(self, out: TextIO, total: int | None = None) -> None:
        from tqdm import tqdm

        class Bar(tqdm):
            counts = ""

            @property
            def format_dict(self) -> dict[str, Any]:
                return {**super().format_dict, "counts": self.counts}

        self._out = out
        # A terminal that knows its width gets a bar that fills it and a line cut to it; any
        # other output (a pipe with --progress, a bare pty that says 0 columns) a bar of
        # BAR_WIDTH and the whole line.
        self._sized = _columns(out) > 0
        self._bar = Bar(
            total=total,
            desc="loading",
            file=out,
            bar_format="{desc} {counts}",
            mininterval=0.25,
            dynamic_ncols=self._sized,
            ncols=None if self._sized else UNCUT,
            nrows=None if self._sized else 20,  # tqdm hides a bar below a height it reads as -1
            leave=True,
        )
        self._set_format(total)
        self._written = 0

    def _set_format(self, total: int | None) -> None:
        bar = "{bar}" if self._sized else f"{{bar:{BAR_WIDTH}}}"
        self._bar.bar_format = (
            f"{{desc}} {{percentage:3.0f}}%|{bar}| {{counts}}" if total else "{desc} {counts}"
        )

    def __call__(self, progress: LoadProgress) -> None:
        bar = self._bar
        if progress.total != bar.total:
            bar.total = progress.total
            self._set_format(progress.total)
        bar.counts = describe(progress)
        step = progress.read - bar.n
        forced = progress.writing or progress.done or progress.written != self._written
        self._written = progress.written
        if step:
            bar.update(step)  # redraws at most every mininterval
        if forced:
            bar.refresh()

    def note(self, line: str) -> None:
        self._bar.write(line, file=self._out)

    def close(self) -> None:
        self._bar.close()

    def __enter__(self) -> ProgressDisplay:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
