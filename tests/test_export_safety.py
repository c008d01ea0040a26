"""Exports that read back whatever text the graph holds (issue 11), through the `ucn` command.

- RDF: a database may hold text that the loader now refuses (older loads, Neo4j written by
  others), so these tests write it straight through the store. Each format either escapes it
  (the file is read back, with the same text, by rdflib and by rapper when installed) or fails
  with one line naming the node or relation and the property, and writes no file.
- node-link: the same graph gives the same bytes, whatever order the inputs were loaded in.
- static maps: names are drawn as written, `$` and `<script>` included.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Graph, Literal, URIRef

from ucn.cli import EXPORT_FORMATS, main
from ucn.graph import open_store
from ucn.ontology.rdf import RDF_FORMATS
from ucn.ontology.vocab import DEFAULT_BASE, expand

from conftest import document, write_json

RAPPER = shutil.which("rapper")
NO_RAPPER = "rapper (Debian raptor2-utils) is not installed: only rdflib reads the exports back"
# raptor's names of the formats; it has no JSON-LD parser, so JSON-LD is read by rdflib only.
RAPPER_SYNTAX = {
    "turtle": "turtle",
    "nt": "ntriples",
    "xml": "rdfxml",
    "trig": "trig",
    "nquads": "nquads",
}
CITY, NETWORK = "city/da-nang", "network/citynet"
CITY_IRI = f"{DEFAULT_BASE}/{CITY}"
RDFS_LABEL, SKOS_ALT = expand("rdfs:label"), expand("skos:altLabel")
EVIDENCE = expand("ucn:evidence")
# The controls of the finding (SOH, BEL, ESC, VT), and DEL, NEL, LINE SEPARATOR and tab.
CONTROLS = "Bad\x01 bell\x07 esc\x1b vt\x0b DEL\x7f NEL\x85 LS\u2028 tab\t end"
# What XML 1.0 can hold: tab, CR LF, DEL, NEL, LINE SEPARATOR, markup characters.
XML_SAFE = "tab\t CR LF\r\n DEL\x7f NEL\x85 LS\u2028 <script>alert(1)</script> & ]]>"
C0_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def readable_text(fmt: str) -> str:
    """Text with characters beyond the printable that `fmt` can carry."""
    return XML_SAFE if fmt == "xml" else CONTROLS


# -- a database holding such text --------------------------------------------------------------
@pytest.fixture
def db(tmp_path: Path) -> Path:
    """An embedded database loaded, through the loader, from the Đà Nẵng document."""
    path = tmp_path / "graph.db"
    write_json(tmp_path / "doc.json", document())
    result = CliRunner().invoke(main, ["--db", str(path), "load", str(tmp_path / "doc.json")])
    assert result.exit_code == 0, result.output
    return path


def set_text(
    db: Path,
    name: str | None = None,
    aliases: list[str] | None = None,
    evidence: list[str] | None = None,
) -> None:
    """Write text into the graph straight through the store, past the loader's checks."""
    with open_store(db=db) as store:
        if name is not None:
            store.run(
                "MATCH (n:City {id: $id}) SET n.name = $name",
                {"id": CITY, "name": name},
                write=True,
            )
        if aliases is not None:
            store.run(
                "MATCH (n:City {id: $id}) SET n.aliases = $aliases",
                {"id": CITY, "aliases": aliases},
                write=True,
            )
        if evidence is not None:
            store.run(
                "MATCH (a {id: $source})-[r:MEMBER_OF]->(b {id: $target}) SET r.evidence = $e",
                {"source": CITY, "target": NETWORK, "e": evidence},
                write=True,
            )


def export(db: Path, fmt: str, target: Path | str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), "export", "--format", fmt, "-o", str(target)])


def rdflib_read(path: Path, fmt: str) -> Graph:
    """The file as parsed by rdflib (the union of its graphs)."""
    container: Any = Dataset() if fmt in ("trig", "nquads") else Graph()
    container.parse(str(path), format=RDF_FORMATS[fmt][0])
    union = Graph()
    for s, p, o, *_ in container.quads() if isinstance(container, Dataset) else container:
        union.add((s, p, o))
    return union


def rapper_read(path: Path, fmt: str) -> Graph:
    """The file as parsed by raptor, which must report no error, as rdflib reads raptor's
    N-Triples."""
    assert RAPPER is not None
    done = subprocess.run(
        [RAPPER, "-q", "-i", RAPPER_SYNTAX[fmt], "-o", "ntriples", str(path), DEFAULT_BASE + "/"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr.decode(errors="replace")
    graph = Graph()
    graph.parse(data=done.stdout.decode("utf-8"), format="nt")
    return graph


def texts(graph: Graph, predicate: str, subject: Any = None) -> set[str]:
    subject = URIRef(subject) if isinstance(subject, str) else subject
    return {str(o) for o in graph.objects(subject, URIRef(predicate)) if isinstance(o, Literal)}


def assert_refused(result: Result, target: Path, *words: str) -> None:
    """Exit status 1, one line on stderr holding `words`, and the file as it was."""
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: cannot export ")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    assert target.read_text() == "the previous export\n"
    leftovers = [p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}")]
    assert leftovers == []


# -- RDF: what each format can carry is read back ----------------------------------------------
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_text_a_format_can_carry_is_read_back_by_rdflib(db: Path, tmp_path: Path, fmt: str) -> None:
    text = readable_text(fmt)
    set_text(db, name=text, aliases=[f"alias {text}"], evidence=[f"evidence {text}"])
    path = tmp_path / f"out{RDF_FORMATS[fmt][1]}"
    result = export(db, fmt, path)
    assert result.exit_code == 0, result.output
    if fmt != "xml":  # the controls are escaped (\uXXXX, JSON's \u00XX), not written raw
        assert not C0_BYTES.search(path.read_bytes())
    if fmt in ("turtle", "trig", "nt", "nquads"):
        assert b"\\u0001" in path.read_bytes() and b"\x7f" not in path.read_bytes()
    graph = rdflib_read(path, fmt)
    assert texts(graph, RDFS_LABEL, CITY_IRI) == {text}
    assert texts(graph, SKOS_ALT, CITY_IRI) == {f"alias {text}"}
    assert f"evidence {text}" in texts(graph, EVIDENCE)


@pytest.mark.skipif(RAPPER is None, reason=NO_RAPPER)
@pytest.mark.parametrize("fmt", sorted(RAPPER_SYNTAX))
def test_text_a_format_can_carry_is_read_back_by_rapper(db: Path, tmp_path: Path, fmt: str) -> None:
    text = readable_text(fmt)
    set_text(db, name=text, aliases=[f"alias {text}"], evidence=[f"evidence {text}"])
    path = tmp_path / f"out{RDF_FORMATS[fmt][1]}"
    assert export(db, fmt, path).exit_code == 0
    graph = rapper_read(path, fmt)
    assert texts(graph, RDFS_LABEL, CITY_IRI) == {text}
    assert texts(graph, SKOS_ALT, CITY_IRI) == {f"alias {text}"}
    assert f"evidence {text}" in texts(graph, EVIDENCE)
    assert len(graph) == len(rdflib_read(path, fmt))


# -- RDF: what a format cannot carry fails, in one line, writing nothing ------------------------
@pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x0b", "\x0c", "\x1f"])
def test_rdf_xml_refuses_a_control_character(db: Path, tmp_path: Path, char: str) -> None:
    set_text(db, name=f"Đà{char}Nẵng")
    target = tmp_path / "graph.rdf"
    target.write_text("the previous export\n")
    result = export(db, "xml", target)
    assert_refused(result, target, f"'{CITY}'", "'name'", f"U+{ord(char):04X}", "XML")


def test_rdf_xml_names_an_alias_and_a_relation_property(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "graph.rdf"
    target.write_text("the previous export\n")
    set_text(db, aliases=["ok", "es\x1bc"])
    assert_refused(export(db, "xml", target), target, f"node '{CITY}'", "'aliases'", "U+001B")
    set_text(db, aliases=[], evidence=["a bell\x07 in a sentence"])
    assert_refused(
        export(db, "xml", target),
        target,
        f"relation MEMBER_OF '{CITY}' -> '{NETWORK}'",
        "'evidence'",
        "U+0007",
    )


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_a_refused_export_to_stdout_writes_nothing(db: Path, fmt: str) -> None:
    """Every format is streamed, but the first megabyte is held back: text refused in it
    leaves stdout empty."""
    set_text(db, name="Bad\x01" if fmt == "xml" else "Bad\x00")
    result = export(db, fmt, "-")
    assert result.exit_code == 1
    assert result.stdout_bytes == b""
    assert result.stderr.count("\n") == 1 and "'name'" in result.stderr


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("char", ["\x00", "\ufffe", "\uffff"])
def test_text_no_reader_takes_back_fails_in_every_format(
    db: Path, tmp_path: Path, fmt: str, char: str
) -> None:
    """NUL, U+FFFE and U+FFFF: legal in N-Triples, Turtle and JSON, but raptor cuts a literal at
    NUL and rejects the noncharacters, escaped or not."""
    set_text(db, name=f"Đà{char}Nẵng")
    target = tmp_path / f"graph{RDF_FORMATS[fmt][1]}"
    target.write_text("the previous export\n")
    result = export(db, fmt, target)
    assert_refused(result, target, f"'{CITY}'", "'name'", f"U+{ord(char):04X}")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_a_lone_surrogate_fails_in_every_format(
    db: Path, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No store here can hold half a surrogate pair, but another might hand one over: UTF-8
    cannot encode it, so it is named, not a traceback."""
    with open_store(db=db) as store:
        kind = type(store)
    original = kind.scan_nodes  # what the export reads

    def with_surrogate(self: Any, label: str, *args: Any, **kwargs: Any) -> Any:
        for rows in original(self, label, *args, **kwargs):
            yield [dict(r, name="half \ud800 pair") if r["id"] == CITY else r for r in rows]

    monkeypatch.setattr(kind, "scan_nodes", with_surrogate)
    target = tmp_path / f"graph{RDF_FORMATS[fmt][1]}"
    target.write_text("the previous export\n")
    result = export(db, fmt, target)
    assert_refused(result, target, f"'{CITY}'", "'name'", "U+D800", "surrogate")


# -- node-link: the same graph, the same bytes -------------------------------------------------
def second_document() -> dict[str, Any]:
    """Another article on the same entities: the same names, other aliases, other sentences."""
    doc = document("art-2")
    doc["entities"][0]["aliases"] = ["Da Nang", "Đà Nẵng City"]
    doc["relations"][0]["evidence"] = "Đà Nẵng is a CityNet member."
    doc["relations"][0]["confidence"] = 0.7
    doc["relations"][1]["evidence"] = "AMC joined CityNet."
    return doc


def node_link(tmp_path: Path, name: str, docs: list[dict[str, Any]]) -> list[bytes]:
    """Two node-link exports of a database loaded with `docs`, one `ucn load` each, in order."""
    folder = tmp_path / name
    folder.mkdir()
    db = str(folder / "graph.db")
    runner = CliRunner()
    for i, doc in enumerate(docs):
        path = write_json(folder / f"doc{i}.json", doc)
        assert runner.invoke(main, ["--db", db, "load", str(path)]).exit_code == 0
    exports = []
    for i in range(2):
        out = folder / f"export{i}.json"
        result = runner.invoke(main, ["--db", db, "export", "-o", str(out)])
        assert result.exit_code == 0, result.output
        exports.append(out.read_bytes())
    return exports


def test_node_link_is_the_same_bytes_whatever_the_load_order(tmp_path: Path) -> None:
    first, second = document(), second_document()
    forward = node_link(tmp_path, "forward", [first, second])
    backward = node_link(tmp_path, "backward", [second, first])
    assert forward[0] == forward[1] == backward[0] == backward[1]


def test_node_link_is_sorted(tmp_path: Path) -> None:
    data = json.loads(node_link(tmp_path, "sorted", [second_document(), document()])[0])
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids) and CITY in ids
    ends = [(e["source"], e["target"], e["key"]) for e in data["edges"]]
    assert ends == sorted(ends)
    city = next(n for n in data["nodes"] if n["id"] == CITY)
    assert city["aliases"] == sorted(city["aliases"]) and city["sources"] == ["art-1", "art-2"]
    member = next(e for e in data["edges"] if e["source"] == CITY and e["key"] == "MEMBER_OF")
    assert member["sources"] == ["art-1", "art-2"]  # each with its own sentence and confidence
    assert member["evidence"][1] == "Đà Nẵng is a CityNet member."
    assert member["confidences"] == [0.9, 0.7]
    for item in [data, *data["nodes"], *data["edges"]]:
        assert list(item) == sorted(item)


# -- static maps: names as written -------------------------------------------------------------
NAMES = [
    "Cost $5$ and $x^2$",
    "US$ 5 million",
    "a $ b $$ c",
    "a $^$ b",  # was math text that does not parse: the picture failed
    "<script>alert(1)</script>",
]
TITLE = "Prices $5 and $x^2$ <b>bold</b>"


@pytest.fixture
def dollar_db(tmp_path: Path) -> str:
    """A graph whose entities are named with `$` and markup."""
    doc = document()
    doc["entities"] += [
        {"id": f"organization/o{i}", "type": "Organization", "name": name}
        for i, name in enumerate(NAMES[2:])
    ]
    doc["entities"][0]["name"], doc["entities"][1]["name"] = NAMES[:2]
    path = tmp_path / "dollars.db"
    write_json(tmp_path / "dollars.json", doc)
    result = CliRunner().invoke(main, ["--db", str(path), "load", str(tmp_path / "dollars.json")])
    assert result.exit_code == 0, result.output
    return str(path)


def svg_texts(content: bytes) -> list[str]:
    root = ET.fromstring(content)
    return ["".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_draws_dollar_signs_and_markup_as_written(dollar_db: str, tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    args = ["--db", dollar_db, "viz", "--title", TITLE, "--svg", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    content = out.read_bytes()
    found = svg_texts(content)
    assert TITLE in found
    assert set(NAMES) <= set(found)
    assert b"<script" not in content and b"<b>" not in content  # escaped, so inert
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_png_with_dollar_signs_is_drawn(dollar_db: str, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    result = CliRunner().invoke(
        main, ["--db", dollar_db, "viz", "--title", TITLE, "--png", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_text_of_the_picture_is_literal(dollar_db: str) -> None:
    from matplotlib.text import Text

    from ucn.viz.maps import make_map
    from ucn.viz.static import draw

    with open_store(db=dollar_db) as store:
        data = make_map(store)
    data.title = TITLE
    figure = draw(data)
    shown: list[Text] = [t for t in figure.findobj(Text) if t.get_text() and t.get_visible()]
    assert {t.get_text() for t in shown} >= {TITLE, *NAMES}
    assert [t.get_text() for t in shown if t.get_parse_math() or t.get_usetex()] == []
