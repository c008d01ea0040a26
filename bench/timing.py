"""Clocks, interleaved runs and the summaries of timed runs that the benchmarks share."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def clock(work: Callable[[], T]) -> tuple[float, T]:
    """The wall seconds `work` takes, and what it returns."""
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def clock_cpu(work: Callable[[], T]) -> tuple[float, float, T]:
    """The wall and the CPU seconds `work` takes, and what it returns."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def interleaved(rounds: int, work: dict[str, Callable[[], T]]) -> dict[str, list[T]]:
    """What each of `work` returns, run `rounds` times: in turns, one run of each a round, so
    that a busy moment of the machine falls on all of them alike."""
    results: dict[str, list[T]] = {name: [] for name in work}
    for _ in range(rounds):
        for name, run in work.items():
            results[name].append(run())
    return results


def nearest_rank(values: list[float], share: float) -> float:
    """The percentile `share` (0.95: the 95th) of `values`, by nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def spread(values: list[float], digits: int = 2) -> str:
    """The least and the greatest of `values`: `least–greatest`."""
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}"
