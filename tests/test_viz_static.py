"""Static pictures of a map: `ucn viz --png/--svg` and `write_picture`. A PNG is a PNG of the
stated size, an SVG keeps its words as text (the title, the legend, Vietnamese names), the
same map gives the same bytes, big maps are capped and say so, and nothing is written when
there is nothing to draw."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import matplotlib.image
import networkx as nx
import pytest
from click.testing import CliRunner
from test_queries import build

from ucn.cli import main
from ucn.graph import open_store
from ucn.viz import MapData, build_map
from ucn.viz.maps import make_map
from ucn.viz.static import DPI, FIGSIZE, chosen_nodes, font_families, write_picture

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
WIDTH, HEIGHT = round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[str]:
    """An embedded database holding the hand-built graph of tests/test_queries.py."""
    path = tmp_path / "db" / "viz.db"
    path.parent.mkdir()
    with open_store(db=path) as store:
        build(store)
    yield str(path)


@pytest.fixture
def data(db: str) -> MapData:
    with open_store(db=db) as store:
        return make_map(store)


@pytest.fixture
def out_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory, to see every file a command writes."""
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == PNG_SIGNATURE
    assert content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def svg_texts(content: bytes) -> list[str]:
    """The text of every <text> element of an SVG (which must parse as XML)."""
    root = ET.fromstring(content)
    assert root.tag == f"{SVG_NS}svg"
    return ["".join(element.itertext()) for element in root.iter(f"{SVG_NS}text")]


def picture(data: MapData, fmt: str, **options: int) -> bytes:
    out = io.BytesIO()
    write_picture(data, out, fmt, **options)
    return out.getvalue()


def synthetic_map(entities: int, focus: str | None = None) -> MapData:
    """A star of cities around one network, and a chain among the cities, through build_map."""
    graph = nx.MultiDiGraph()
    graph.add_node("network/hub", label="Network", name="Mạng lưới Đô thị")
    for i in range(entities - 1):
        city = f"city/c{i:03d}"
        graph.add_node(city, label="City", name=f"Thành phố {i}")
        if i % 3:
            graph.add_edge(city, "network/hub", key="MEMBER_OF", sources=["a1"], evidence=["x"])
        if i:
            graph.add_edge(city, f"city/c{i - 1:03d}", key="PARTNER_OF", sources=["a1"])
    return build_map(graph, {}, title="Synthetic", focus=[focus] if focus else [])


# -- through the command ---------------------------------------------------------------------
def test_png_without_html_writes_only_the_picture(db: str, out_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--db", db, "viz", "--png", "map.png"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote map.png: 17 entities, 24 relations\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["map.png"]
    content = (out_dir / "map.png").read_bytes()
    assert png_size(content) == (WIDTH, HEIGHT)
    pixels = matplotlib.image.imread(out_dir / "map.png")
    assert pixels.shape[:2] == (HEIGHT, WIDTH)
    assert pixels.std() > 0  # something is drawn on the white


def test_svg_keeps_its_words_as_text(db: str, out_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["--db", db, "viz", "--network", "CityNet", "--svg", "citynet.svg", "-o", "citynet.html"],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out_dir.iterdir()) == ["citynet.html", "citynet.svg"]
    texts = svg_texts((out_dir / "citynet.svg").read_bytes())
    assert "CityNet: members and their events" in texts  # the title
    assert "10 entities and 17 relations; node size: degree; all named" in texts
    # the legend: types present, with their counts, in the ontology's words
    assert {"Entities", "city (5)", "city network (1)", "event (3)", "organisation (1)"} <= set(
        texts
    )
    assert {"Relations", "member of (6)", "hosted (2)", "partner of (1)"} <= set(texts)
    assert "person (1)" not in texts and "country (1)" not in texts  # none on this map
    assert "works for (1)" not in texts
    # names, Vietnamese included
    assert {"Đà Nẵng", "Huế", "Thành phố Hồ Chí Minh", "CityNet"} <= set(texts)


def test_svg_to_stdout(db: str, out_dir: Path) -> None:
    result = CliRunner().invoke(main, ["--db", db, "viz", "--focus", "Huế", "--svg", "-"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "wrote -: 3 entities, 3 relations\n"
    texts = svg_texts(result.stdout_bytes)
    assert "Huế: ties within 1" in texts and "Huế" in texts
    assert list(out_dir.iterdir()) == []


def test_nothing_to_draw_is_one_line_and_writes_nothing(db: str, out_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--db",
            db,
            "viz",
            "--query",
            "MATCH (c:City {id: 'nowhere'}) RETURN c",
            "--png",
            "empty.png",
            "--svg",
            "empty.svg",
        ],
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nothing to draw" in lines[0]
    assert list(out_dir.iterdir()) == []


# -- write_picture ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_same_map_gives_the_same_bytes(data: MapData, fmt: str) -> None:
    first = picture(data, fmt)
    assert picture(data, fmt) == first
    if fmt == "svg":
        assert b"<dc:date>" not in first
    else:
        assert png_size(first) == (WIDTH, HEIGHT)


# A chain of six cities and a crowd of loose ones: networkx lists the chain's nodes in the order
# of a set of strings, which changes with PYTHONHASHSEED.
HASHED = """
import hashlib, io, networkx as nx
from ucn.viz import build_map
from ucn.viz.static import write_picture
graph = nx.MultiDiGraph()
for i in range(30):
    graph.add_node(f"city/c{i:02d}", label="City", name=f"Thành phố {i}")
for i in range(5):
    graph.add_edge(f"city/c{i:02d}", f"city/c{i + 1:02d}", key="PARTNER_OF")
graph.add_edge("city/c00", "city/c03", key="PARTNER_OF")
out = io.BytesIO()
write_picture(build_map(graph, {}), out, "svg")
print(hashlib.sha256(out.getvalue()).hexdigest())
"""


def test_the_same_bytes_whatever_the_string_hashing() -> None:
    digests = {
        subprocess.run(
            [sys.executable, "-c", HASHED],
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_vietnamese_letters_have_glyphs(data: MapData) -> None:
    assert font_families()  # at least DejaVu Sans, which matplotlib ships
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail
        picture(data, "png")


def test_a_big_map_is_capped_and_says_so() -> None:
    big = synthetic_map(60)
    texts = svg_texts(picture(big, "svg", max_nodes=20, labelled=5))
    assert "Showing the 20 most central of 60 entities (by degree): 40 left out." in texts
    assert "Mạng lưới Đô thị" in texts  # the hub is the most central, and named
    shown = [t for t in texts if t.startswith("Thành phố ")]
    assert 1 <= len(shown) <= 4  # at most `labelled` names in all


def test_the_focus_is_kept_and_named() -> None:
    focused = synthetic_map(60, focus="city/c058")
    kept = [n["id"] for n in chosen_nodes(focused, 10)]
    assert len(kept) == 10 and "city/c058" in kept and "network/hub" in kept
    texts = svg_texts(picture(focused, "svg", max_nodes=10, labelled=3))
    assert "Thành phố 58" in texts


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="png, svg"):
        write_picture(synthetic_map(3), io.BytesIO(), "gif")
