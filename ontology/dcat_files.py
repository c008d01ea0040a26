"""The exported files a DCAT catalog lists as distributions: their formats (told by their names),
where `ucn export` puts them, their checksums and the triples they hold."""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from ..graph.errors import UcnError


@dataclass(frozen=True)
class Format:
    name: str  # as `ucn export --format` spells it
    label: str
    media_type: str  # IANA
    file_type: str  # EU file-type authority code
    suffixes: tuple[str, ...]
    rdflib: str | None  # rdflib's parser name; None for a format that is not RDF


FORMATS = {
    f.name: f
    for f in (
        Format("turtle", "Turtle", "text/turtle", "RDF_TURTLE", (".ttl",), "turtle"),
        Format(
            "jsonld",
            "JSON-LD",
            "application/ld+json",
            "JSON_LD",
            (".jsonld", ".json-ld"),
            "json-ld",
        ),
        Format("nt", "N-Triples", "application/n-triples", "RDF_N_TRIPLES", (".nt",), "nt"),
        Format("xml", "RDF/XML", "application/rdf+xml", "RDF_XML", (".rdf", ".owl"), "xml"),
        Format("trig", "TriG", "application/trig", "RDF_TRIG", (".trig",), "trig"),
        Format("nquads", "N-Quads", "application/n-quads", "RDF_N_QUADS", (".nq",), "nquads"),
        Format("node-link", "node-link JSON", "application/json", "JSON", (".json",), None),
    )
}
# The files `ucn export --dcat` lists when none are named: ucn.ttl, ucn.nt.gz, ucn.json, ...
DEFAULT_DISTRIBUTION_NAMES = tuple(
    f"ucn{suffix}{gz}" for f in FORMATS.values() for suffix in f.suffixes for gz in ("", ".gz")
)


@dataclass(frozen=True)
class Distribution:
    path: Path
    format: Format
    compressed: bool  # gzip


def format_of(path: Path) -> tuple[Format, bool]:
    """The format a file's name says (`ucn.ttl`, `ucn.nt.gz`), and whether it is gzipped."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[: -len(".gz")]
    for fmt in FORMATS.values():
        if name.endswith(fmt.suffixes):
            return fmt, compressed
    known = ", ".join(s for f in FORMATS.values() for s in f.suffixes)
    raise UcnError(f"{path}: cannot tell the format from the file name (known: {known}, .gz)")


def distribution(item: Path | str | tuple[str, Path | str]) -> Distribution:
    if isinstance(item, tuple):
        name, where = item
        path = Path(where)
        if name not in FORMATS:
            raise UcnError(f"{path}: unknown format {name!r} (known: {', '.join(FORMATS)})")
        fmt, compressed = FORMATS[name], path.name.lower().endswith(".gz")
    else:
        path = Path(item)
        fmt, compressed = format_of(path)
    if not path.is_file():
        raise UcnError(f"{path}: no such file")
    return Distribution(path, fmt, compressed)


def find_distributions(folder: Path, exclude: Path | None = None) -> list[Path]:
    """The exports in `folder` named like `ucn export` names them (ucn.ttl, ucn.nt, ...)."""
    skip = exclude.resolve() if exclude is not None else None
    return [
        folder / name
        for name in DEFAULT_DISTRIBUTION_NAMES
        if (folder / name).is_file() and (folder / name).resolve() != skip
    ]


def _open(dist: Distribution) -> IO[bytes]:
    if dist.compressed:
        # a binary stream, though typeshed does not make GzipFile an IO[bytes]
        return cast(IO[bytes], gzip.open(dist.path, "rb"))
    return dist.path.open("rb")


def count_triples(dist: Distribution) -> int:
    """The distinct triples in an RDF file: N-Triples by lines, the others parsed."""
    if dist.format.rdflib is None:
        raise UcnError(f"{dist.path}: not RDF")
    if dist.format.name == "nt":
        with _open(dist) as f:
            return sum(1 for line in f if line.strip() and not line.lstrip().startswith(b"#"))
    from rdflib import Dataset, Graph

    quads = dist.format.name in ("trig", "nquads")
    data = Dataset() if quads else Graph()
    try:
        with _open(dist) as f:
            data.parse(f, format=dist.format.rdflib)
    except Exception as exc:
        raise UcnError(f"{dist.path}: not {dist.format.label}: {exc}") from None
    if isinstance(data, Dataset):  # a triple in several named graphs counts once
        return len({(s, p, o) for s, p, o, _ in data.quads()})
    return len(data)


def sha256_hex(dist: Distribution) -> str:
    digest = hashlib.sha256()
    with dist.path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
