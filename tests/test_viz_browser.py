"""The maps of `ucn viz` in a real browser (headless Chromium, driven by Playwright): every
network request is blocked and recorded, and each test checks that none was attempted, that
nothing went to the console as an error, and that no dialog opened.

Three maps are drawn through the CLI from graphs written through the public API:

- the main map (8 entities, 8 relations, worked out below): Đà Nẵng and CityNet, two events a
  year filter can tell apart, and two entities whose names are markup (`<img ... onerror>`,
  `</script><script>...`), under a title that is markup too;
- a star of 60 entities drawn with `--max-nodes 20` (the notice says 40 were left out);
- a star of 600 entities (past the 100 past which the map comes with its positions and draws
  with physics off).

A screenshot of each map goes to $UCN_TEST_ARTIFACTS when set, else to a folder under pytest's
temporary directory; the path is printed and recorded as a property of the test (junit XML).

Chromium is Debian's (`chromium`, or $UCN_CHROMIUM); Playwright never downloads its own. The
module skips when either is missing (.ci/run installs chromium and fonts-noto-core).
"""

from __future__ import annotations

import os
import re
import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ucn.cli import main
from ucn.graph import Batch, open_store, parse_document

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the browser tests need Playwright's Python package (pip install -e '.[dev]')",
)
CHROMIUM = (
    os.environ.get("UCN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
if not CHROMIUM:
    pytest.skip(
        "the browser tests need Chromium: apt-get install chromium fonts-noto-core "
        "(or set UCN_CHROMIUM to a Chromium binary)",
        allow_module_level=True,
    )

# -- the graphs ----------------------------------------------------------------------------------

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>window.__pwned=1</script>"
MAP_TITLE = "Đà Nẵng <b>map</b> & <img src=x onerror=alert(2)>"
ART_1 = "Đà Nẵng và CityNet"
ART_2 = "<img src=x onerror=alert(3)> partners"
EVIDENCE = "Đà Nẵng trở thành thành viên chính thức của CityNet ngày 11/10/2005."
HOSTILE_EVIDENCE = f"{IMG} signed with Đà Nẵng{SCRIPT}."
HOSTILE_JOB = "<img src=x onerror=alert(4)>"


def _entity(id_: str, name: str, aliases: tuple[str, ...] = (), **props: str) -> dict[str, Any]:
    type_ = id_.split("/")[0].capitalize()
    return {"id": id_, "type": type_, "name": name, "aliases": list(aliases), "properties": props}


def _rel(type_: str, source: str, target: str, evidence: str = "", **props: str) -> dict[str, Any]:
    return {
        "type": type_,
        "source": source,
        "target": target,
        "properties": props,
        "evidence": evidence or f"{source} {type_} {target}.",
        "confidence": 0.9,
    }


def _doc(article: str, title: str, entities: list[dict], relations: list[dict]) -> dict[str, Any]:
    return {
        "article": {"id": article, "title": title, "date": "2024-04-24", "lang": "vi"},
        "entities": entities,
        "relations": relations,
    }


DA_NANG = _entity("city/da-nang", "Đà Nẵng", ("TP Đà Nẵng", "Da Nang"), country="VN")
MAIN_DOCS = [
    _doc(
        "art-1",
        ART_1,
        [
            DA_NANG,
            _entity("city/hue", "Huế", country="VN"),
            _entity("network/citynet", "CityNet"),
            _entity("organization/amc", "Học viện Cán bộ quản lý xây dựng và đô thị", ("AMC",)),
            _entity("event/excom-2018", "Executive Committee 2018", date="2018-11-21"),
            _entity("event/congress-2012", "CityNet Congress 2012", date="2012"),
        ],
        [
            _rel("MEMBER_OF", "city/da-nang", "network/citynet", EVIDENCE, since="2005-10-11"),
            _rel("MEMBER_OF", "city/hue", "network/citynet", since="2010"),
            _rel("MEMBER_OF", "organization/amc", "network/citynet", since="2017"),
            _rel("HOSTED", "city/da-nang", "event/excom-2018"),  # 2018, the event's year
            _rel("ORGANIZED", "network/citynet", "event/congress-2012"),  # 2012
            _rel("PARTICIPATED_IN", "city/hue", "event/congress-2012"),  # 2012
        ],
    ),
    _doc(
        "art-2",
        ART_2,
        [DA_NANG, _entity("organization/img", IMG), _entity("person/script", SCRIPT)],
        [
            _rel("PARTNER_OF", "organization/img", "city/da-nang", HOSTILE_EVIDENCE),  # undated
            _rel("WORKS_FOR", "person/script", "organization/img", title=HOSTILE_JOB),  # undated
        ],
    ),
]
MAIN_NODES = {
    "city/da-nang",
    "city/hue",
    "network/citynet",
    "organization/amc",
    "organization/img",
    "person/script",
    "event/excom-2018",
    "event/congress-2012",
}
MAIN_EDGES = 8
# Within 2015-2017: the 2012 congress and the 2018 committee go, and so do the ties dated 2005,
# 2010, 2012 (two) and 2018; AMC's membership (2017) and the two undated ties stay.
IN_2015_2017 = MAIN_NODES - {"event/congress-2012", "event/excom-2018"}
EDGES_2015_2017 = 3


def _star(size: int) -> list[dict[str, Any]]:
    """One network and size - 1 member cities: size entities, size - 1 relations."""
    cities = [_entity(f"city/c{i:03d}", f"City {i}") for i in range(size - 1)]
    return [
        _doc(
            "star",
            "A star",
            [_entity("network/hub", "Hub"), *cities],
            [_rel("MEMBER_OF", c["id"], "network/hub") for c in cities],
        )
    ]


@dataclass(frozen=True)
class Map:
    path: Path
    nodes: int  # drawn
    edges: int


def _draw(folder: Path, docs: list[dict[str, Any]], *options: str) -> Path:
    """Write the documents to a new store, then draw it with `ucn viz` (the real command)."""
    db = folder / "graph.db"
    with open_store(db=db) as store:
        store.write(Batch.of(parse_document(d, f"{d['article']['id']}.json") for d in docs))
    out = folder / "map.html"
    result = CliRunner().invoke(main, ["--db", str(db), "viz", "-o", str(out), *options])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def maps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Map]:
    main_map = _draw(tmp_path_factory.mktemp("main"), MAIN_DOCS, "--title", MAP_TITLE)
    limited = _draw(tmp_path_factory.mktemp("limited"), _star(60), "--max-nodes", "20")
    big = _draw(tmp_path_factory.mktemp("big"), _star(600))
    return {
        "main": Map(main_map, len(MAIN_NODES), MAIN_EDGES),
        "limited": Map(limited, 20, 19),  # the hub and the first 19 cities
        "big": Map(big, 600, 599),
    }


# -- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("UCN_TEST_ARTIFACTS")
    if folder:
        path = Path(folder) / "viz-screenshots"
        path.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path_factory.mktemp("viz-screenshots")


@dataclass
class Visit:
    """One map open in its own browser context, with what it attempted and reported."""

    page: Any
    errors: list[str] = field(default_factory=list)
    attempted: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        # the page's events reach us after the call that caused them: one more round trip
        self.page.evaluate("() => new Promise(r => setTimeout(r, 50))")
        assert self.attempted == [], "the map tried to reach the network"
        assert self.errors == [], "console or page errors"
        assert self.dialogs == [], "a dialog opened"


@pytest.fixture
def open_map(
    browser: Any, screenshots: Path, request: pytest.FixtureRequest, record_property: Any
) -> Iterator[Callable[[Map], Visit]]:
    """Open a map, wait until its layout has stabilised; at the end, take a screenshot."""
    contexts: list[tuple[Any, Visit]] = []

    def visit(drawn: Map) -> Visit:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        seen = Visit(page)
        contexts.append((context, seen))

        def route(route: Any) -> None:
            url = route.request.url
            if url.startswith("file:"):
                route.continue_()
            else:
                seen.attempted.append(url)
                route.abort()

        context.route("**/*", route)
        # also what routing does not see: any request at all, and web sockets
        page.on(
            "request",
            lambda r: (
                None if r.url.startswith(("file:", "data:")) else seen.attempted.append(r.url)
            ),
        )
        page.on("websocket", lambda ws: seen.attempted.append(ws.url))
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(f"page error: {e}"))

        def dialog(d: Any) -> None:
            seen.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(drawn.path.as_uri())
        page.wait_for_function("window.ucnMap && window.ucnMap.stabilized", timeout=30_000)
        return seen

    yield visit
    for number, (context, seen) in enumerate(contexts):
        if not seen.page.is_closed():
            name = re.sub(r"[^\w.-]+", "_", request.node.name) + (f"-{number}" if number else "")
            shot = screenshots / f"{name}.png"
            seen.page.screenshot(path=str(shot))
            record_property("screenshot", str(shot))
            print(f"screenshot: {shot}")
        context.close()


# -- the checks ----------------------------------------------------------------------------------


def _visible(visit: Visit) -> tuple[set[str], int]:
    """The ids in nodeView, and how many edges edgeView holds; the network draws the same."""
    ids, edges, drawn, drawn_edges = visit.js(
        """() => [ucnMap.nodeView.getIds(), ucnMap.edgeView.length,
                  ucnMap.network.body.nodeIndices.length, ucnMap.network.body.data.edges.length]"""
    )
    assert drawn == len(ids)
    assert drawn_edges == edges
    return set(ids), edges


def test_map_loads_offline_with_every_node_and_edge(open_map, maps) -> None:
    visit = open_map(maps["main"])
    counts = visit.js(
        """() => ({
            data: [ucnMap.data.nodes.length, ucnMap.data.edges.length],
            sets: [ucnMap.nodes.length, ucnMap.edges.length],
            views: [ucnMap.nodeView.length, ucnMap.edgeView.length],
            network: [ucnMap.network.body.data.nodes.length,
                      ucnMap.network.body.data.edges.length,
                      ucnMap.network.body.nodeIndices.length],
            stats: ucnMap.data.stats, physics: ucnMap.data.physics,
            notice: document.getElementById("notice").textContent})"""
    )
    n, e = maps["main"].nodes, maps["main"].edges
    assert counts["data"] == counts["sets"] == counts["views"] == [n, e]
    assert counts["network"] == [n, e, n]
    assert set(visit.js("() => ucnMap.nodeView.getIds()")) == MAIN_NODES
    assert counts["stats"]["left_out"] == 0
    assert counts["notice"] == ""
    assert counts["physics"] is True
    visit.page.wait_for_function("ucnMap.drawn")
    visit.assert_clean()


def test_search_selects_da_nang_and_shows_its_evidence(open_map, maps) -> None:
    visit = open_map(maps["main"])
    page = visit.page
    page.fill("#search", "da nang")
    assert visit.js("() => ucnMap.network.getSelectedNodes()") == ["city/da-nang"]
    assert visit.js("() => ucnMap.selected") == "city/da-nang"
    assert page.text_content("#matches li button") == "Đà Nẵng (City)"
    panel = page.locator("#panel")
    assert panel.locator("h3").text_content() == "Đà Nẵng"
    text = panel.text_content()
    assert "3 relations" in text
    assert "member of → CityNet" in text
    fact = panel.locator(".fact").filter(has_text=EVIDENCE)
    assert fact.locator(".sentence").text_content() == EVIDENCE
    assert fact.locator(".source").text_content().startswith(ART_1)
    # the other ways of writing it find the same city
    for query in ("Đà Nẵng", unicodedata.normalize("NFD", "Đà Nẵng"), "TP DA NANG", "nẵng"):
        page.fill("#search", query)
        assert visit.js("() => ucnMap.network.getSelectedNodes()") == ["city/da-nang"], query
    assert visit.js("(q) => ucnMap.find(q).map(n => n.id)", "hue") == ["city/hue"]
    visit.assert_clean()


def test_vietnamese_names_come_through_intact(open_map, maps) -> None:
    html = maps["main"].path.read_text(encoding="utf-8")
    assert "Đà Nẵng" in html and "Học viện Cán bộ quản lý xây dựng và đô thị" in html
    visit = open_map(maps["main"])
    assert visit.js("() => document.characterSet") == "UTF-8"
    labels = visit.js("() => Object.fromEntries(ucnMap.data.nodes.map(n => [n.id, n.label]))")
    assert labels["city/da-nang"] == "Đà Nẵng"
    assert labels["city/hue"] == "Huế"
    assert visit.js("() => ucnMap.nodes.get('city/da-nang').label") == "Đà Nẵng"
    assert visit.js("() => document.title") == MAP_TITLE
    assert visit.page.text_content("#title") == MAP_TITLE
    visit.js("() => ucnMap.showPanel('organization/amc')")
    assert visit.page.text_content("#panel h3") == "Học viện Cán bộ quản lý xây dựng và đô thị"
    types = visit.js(
        "() => [...document.querySelectorAll('#node-types input')].map(b => b.dataset.type)"
    )
    assert set(types) == {"City", "Network", "Organization", "Person", "Event"}
    visit.assert_clean()


def test_markup_in_names_shows_as_text(open_map, maps) -> None:
    html = maps["main"].path.read_text(encoding="utf-8")
    assert SCRIPT not in html and IMG not in html  # escaped in the data, in the title
    visit = open_map(maps["main"])
    page = visit.page
    data = visit.js("() => Object.fromEntries(ucnMap.data.nodes.map(n => [n.id, n.label]))")
    assert data["organization/img"] == IMG and data["person/script"] == SCRIPT

    page.fill("#search", "onerror")
    assert visit.js("() => ucnMap.network.getSelectedNodes()") == ["organization/img"]
    assert page.text_content("#matches li button") == f"{IMG} (Organization)"
    assert page.text_content("#panel h3") == IMG
    panel = page.text_content("#panel")
    assert HOSTILE_EVIDENCE in panel and ART_2 in panel
    assert f"← works for {SCRIPT}" in panel
    assert f"title: {HOSTILE_JOB}" in panel

    # the tooltip of the selected node (the view is centred on it)
    box = page.locator("#network").bounding_box()
    x, y = visit.js(
        """() => { const n = ucnMap.network, p = n.getPositions(['organization/img']);
                   const d = n.canvasToDOM(p['organization/img']); return [d.x, d.y]; }"""
    )
    page.mouse.move(box["x"] + x + 30, box["y"] + y + 30)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().split("\n")[0] == IMG
    # innerText, not innerHTML: line breaks become <br>, and nothing else is an element
    assert visit.js(
        "() => [...document.querySelectorAll('div.vis-tooltip *')].map(e => e.tagName)"
    ) == ["BR"] * (tooltip.inner_text().count("\n"))

    page.fill("#search", "pwned")
    assert visit.js("() => ucnMap.network.getSelectedNodes()") == ["person/script"]
    assert page.text_content("#panel h3") == SCRIPT
    assert page.text_content("#matches li button") == f"{SCRIPT} (Person)"
    assert page.text_content("#title") == MAP_TITLE

    assert visit.js("() => window.__pwned") is None
    assert visit.js("() => document.querySelectorAll('img, b').length") == 0
    assert visit.js("() => document.scripts.length") == 3  # data, vis-network, ours
    visit.assert_clean()


def test_filters_hide_and_reset_restores(open_map, maps) -> None:
    visit = open_map(maps["main"])
    page = visit.page
    assert _visible(visit) == (MAIN_NODES, MAIN_EDGES)

    page.uncheck('#node-types input[data-type="Event"]')
    ids, _ = _visible(visit)
    assert ids == MAIN_NODES - {"event/excom-2018", "event/congress-2012"}
    page.check('#node-types input[data-type="Event"]')
    assert _visible(visit) == (MAIN_NODES, MAIN_EDGES)

    page.uncheck('#edge-types input[data-type="MEMBER_OF"]')
    assert _visible(visit) == (MAIN_NODES, MAIN_EDGES - 3)

    page.click("#reset")
    assert _visible(visit) == (MAIN_NODES, MAIN_EDGES)

    page.fill("#year-from", "2015")
    page.press("#year-from", "Tab")  # a change event, as a person leaving the field
    page.fill("#year-until", "2017")
    page.press("#year-until", "Tab")
    assert _visible(visit) == (IN_2015_2017, EDGES_2015_2017)
    page.uncheck('#node-types input[data-type="City"]')
    ids, _ = _visible(visit)
    assert ids == IN_2015_2017 - {"city/da-nang", "city/hue"}
    page.fill("#search", "amc")  # still shown
    assert visit.js("() => ucnMap.network.getSelectedNodes()") == ["organization/amc"]

    page.click("#reset")
    assert _visible(visit) == (MAIN_NODES, MAIN_EDGES)
    assert visit.js(
        """() => [...document.querySelectorAll('#controls input[type=checkbox]')]
                 .every(b => b.checked)"""
    )
    assert page.input_value("#year-from") == page.input_value("#year-until") == ""
    assert page.input_value("#search") == ""
    assert visit.js("() => ucnMap.network.getSelectedNodes()") == []
    assert page.locator("#panel .hint").count() == 1
    visit.assert_clean()


def test_map_past_the_node_limit_says_how_many_were_left_out(open_map, maps) -> None:
    visit = open_map(maps["limited"])
    notice = visit.page.text_content("#notice")
    assert "20 most central of 60" in notice
    assert "40 left out" in notice
    assert visit.js("() => [ucnMap.nodeView.length, ucnMap.edgeView.length]") == [20, 19]
    assert visit.js("() => ucnMap.nodeView.get('network/hub') !== null")
    visit.assert_clean()


def test_physics_is_off_on_a_big_map(open_map, maps) -> None:
    visit = open_map(maps["big"])
    assert visit.js("() => ucnMap.data.physics") is False
    assert visit.js("() => [ucnMap.nodeView.length, ucnMap.edgeView.length]") == [600, 599]
    assert visit.js("() => ucnMap.network.physics.options.enabled") is False
    before = visit.js("() => ucnMap.network.getPositions()")
    time.sleep(0.5)
    assert visit.js("() => ucnMap.network.getPositions()") == before
    assert visit.js("() => ucnMap.network.physics.physicsEnabled") is False
    visit.assert_clean()


def test_a_positioned_map_draws_at_once_with_the_central_names_readable(open_map, maps) -> None:
    visit = open_map(maps["big"])  # waits for ucnMap.stabilized
    state = visit.js(
        """() => ({drawn: ucnMap.drawn, stabilized: ucnMap.stabilized,
                  positioned: ucnMap.data.positioned, fit: ucnMap.fitScale,
                  scale: ucnMap.network.getScale(), named: ucnMap.named,
                  times: [ucnMap.drawnAt, ucnMap.stabilizedAt]})"""
    )
    assert state["drawn"] and state["stabilized"] and state["positioned"]
    assert 0 < state["times"][0] <= state["times"][1]
    # the page drew the positions it came with, and keeps them
    given = visit.js("() => Object.fromEntries(ucnMap.data.nodes.map(n => [n.id, [n.x, n.y]]))")
    drawn = visit.js("() => ucnMap.network.getPositions()")
    assert len(given) == 600
    assert all(drawn[node] == {"x": x, "y": y} for node, (x, y) in given.items())
    # the page foresaw the scale of vis-network's first fit, and named the hub (the only entity
    # more central than the least) in letters of about 13 px at that scale
    assert abs(state["fit"] / state["scale"] - 1) < 0.1
    assert state["named"] == ["network/hub"]
    hub_px = visit.js("() => ucnMap.network.body.nodes['network/hub'].options.font.size")
    assert 11 <= hub_px * state["scale"] <= 16
    # the evidence is there on click
    visit.js("() => ucnMap.showPanel('city/c007')")
    assert "city/c007 MEMBER_OF network/hub." in visit.page.text_content("#panel")
    visit.assert_clean()


def test_physics_stays_on_for_a_small_map(open_map, maps) -> None:
    visit = open_map(maps["main"])
    assert visit.js("() => ucnMap.network.physics.options.enabled") is True
    visit.assert_clean()


def test_search_for_an_entity_the_filters_hide(open_map, maps) -> None:
    visit = open_map(maps["main"])
    visit.page.uncheck('#node-types input[data-type="City"]')
    assert visit.js("() => ucnMap.nodeView.getIds().includes('city/da-nang')") is False
    visit.page.fill("#search", "da nang")
    # the match is shown again (its type's filter lifted) and selected
    assert visit.js("() => ucnMap.network.getSelectedNodes()") == ["city/da-nang"]
    assert visit.page.is_checked('#node-types input[data-type="City"]')
    visit.assert_clean()


def test_edges_of_hidden_entities_are_hidden(open_map, maps) -> None:
    visit = open_map(maps["main"])
    visit.page.uncheck('#node-types input[data-type="Event"]')
    shown = visit.js("() => ucnMap.edgeView.getIds().length")
    drawn = visit.js("() => ucnMap.network.body.edgeIndices.length")
    assert shown == drawn
    visit.assert_clean()


# -- hostile text: every payload drawn, none run ---------------------------------------------------

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "</script><script>window.__pwned=2</script>",
    "<img src=x onerror=window.__pwned=3>",
    "<svg onload=window.__pwned=4>",
    "<svg><script>window.__pwned=5</script></svg>",
    "<iframe src=javascript:window.parent.__pwned=6>",
    "<body onload=window.__pwned=7>",
    "<details open ontoggle=window.__pwned=8>",
    "<a href=javascript:window.__pwned=9>click</a>",
    '"><img src=x onerror=window.__pwned=10>',
    "'><img src=x onerror=window.__pwned=11>",
    "<style>@import 'http://example.invalid/x.css';</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=13>",
    "<!--<img src=x onerror=window.__pwned=14>-->",
    "]]><script>window.__pwned=15</script>",
    "&lt;script&gt;window.__pwned=16&lt;/script&gt;",
    "javascript:window.__pwned=17",
    "${window.__pwned=18}{{constructor.constructor('window.__pwned=18')()}}",
]


def _hostile_docs() -> list[dict[str, Any]]:
    entities = [_entity("network/hub", PAYLOADS[0])]
    relations = []
    for i, payload in enumerate(PAYLOADS[1:], start=1):
        entities.append(_entity(f"organization/p{i:02d}", payload, (PAYLOADS[-i],)))
        relations.append(
            _rel("MEMBER_OF", f"organization/p{i:02d}", "network/hub", f"{payload} joined.")
        )
    return [_doc("hostile", PAYLOADS[2], entities, relations)]


def test_hostile_names_titles_and_sentences_are_drawn_not_run(
    open_map, tmp_path: Path, browser: Any
) -> None:
    out = _draw(tmp_path, _hostile_docs(), "--title", PAYLOADS[1], "--svg", str(tmp_path / "m.svg"))
    visit = open_map(Map(out, len(PAYLOADS), len(PAYLOADS) - 1))
    labels = set(visit.js("() => ucnMap.data.nodes.map(n => n.label)"))
    assert labels == set(PAYLOADS)
    for payload in PAYLOADS[1:]:  # each panel shows the names and sentences as text
        visit.page.fill("#search", payload)
        assert payload in visit.page.locator("#panel").text_content()
        visit.page.locator("#matches li button").first.click()
    assert visit.js("() => window.__pwned") is None
    visit.assert_clean()
    # the SVG of the same graph, opened on its own, runs nothing either
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((tmp_path / "m.svg").as_uri())
    page.wait_for_timeout(100)
    assert page.evaluate("() => window.__pwned") is None and dialogs == []
    page.close()


def test_a_browser_that_cannot_unpack_the_sentences_says_so_and_keeps_the_sources(
    browser: Any, maps: dict[str, Map]
) -> None:
    """DecompressionStream came with Chrome 80, Firefox 113 and Safari 16.4: an older browser
    still draws the map and lists every relation's articles and confidences, and says why the
    sentences are missing."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script("delete window.DecompressionStream")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    try:
        page.goto(maps["main"].path.as_uri())
        page.wait_for_function("window.ucnMap && window.ucnMap.stabilized", timeout=30_000)
        page.fill("#search", "da nang")
        panel = page.text_content("#panel")
        assert "The sentences could not be unpacked" in panel
        assert "3 relations" in panel and f"{ART_1} (2024-04-24, confidence 0.9)" in panel
        assert EVIDENCE not in panel
        assert errors == []
    finally:
        context.close()
