"""Loaders: read inputs (extraction documents now; news articles next) and load them."""

from .documents import iter_input_files, read_document
from .load import BATCH_ROWS, LoadReport, batched, load_paths

__all__ = ["BATCH_ROWS", "LoadReport", "batched", "iter_input_files", "load_paths", "read_document"]
