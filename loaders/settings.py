"""Defaults that the command line shows before any loader is imported (kept light: `ucn --help`
must not compile the extractor)."""

# Rows (nodes, facts, mentions) per transaction. The embedded engine checkpoints at every commit
# that bulk-copied rows, at a cost that grows with the tables it touched and their size, so few,
# large transactions load fastest; a million rows take about 1 GB of memory while they wait.
BATCH_ROWS = 1_000_000
CONFIDENCES = ("learned", "rules")
# Facts less likely than this to be right are left out unless asked for. A wrong tie costs more
# trust than a missing one: cross-validated (bench/train_confidence.py), this threshold raises
# precision for about the same F1.
DEFAULT_MIN_CONFIDENCE = 0.4
