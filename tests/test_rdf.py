"""The RDF export, its SHACL validation and RDF import, on a graph with awkward names."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, SKOS

from ucn.graph import MODEL, Batch, GraphStore, UcnError, open_store
from ucn.graph.document import Article, Document, Entity, Relation
from ucn.ontology.rdf import (
    RDF_FORMATS,
    export_rdf,
    fact_key,
    name_language,
    store_graph,
    typed_date,
)
from ucn.ontology.rdf_read import import_rdf, parse_rdf
from ucn.ontology.shacl import validate_graph
from ucn.ontology.vocab import DEFAULT_BASE, UCN, node_iri

from conftest import SHARED

U = Namespace(UCN)
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(
    RAPPER is None, reason="rapper not installed (apt-get install raptor2-utils; .ci/run does)"
)
RAPPER_SYNTAX = {"turtle": "turtle", "nt": "ntriples", "xml": "rdfxml", "trig": "trig"}
RAPPER_SYNTAX["nquads"] = "nquads"

# Decomposed (NFD) on purpose: the export must keep combining marks as they are.
DA_NANG = unicodedata.normalize("NFD", "Đà Nẵng")
AWKWARD = 'Ủy ban "Đà Nẵng" <test> & co.\nsecond line\ttab \\ back 🎉 ' + unicodedata.normalize(
    "NFD", "Hà Nội"
)
AWKWARD_ID = 'organization/a b#c?d<é>"x'
PERSON = "Nguyễn Văn A 👩\u200d💼"


def doc(article: str, *relations: Relation, date: str = "2024-04-24") -> Document:
    entities = (
        Entity("city/da-nang", "City", DA_NANG, (AWKWARD, "Da Nang"), {"country": "VN"}),
        Entity("network/citynet", "Network", "CityNet", (), {"wikidata": "Q1092147"}),
        Entity(AWKWARD_ID, "Organization", AWKWARD, (), {"kind": 'say "hi"'}),
        Entity("person/a", "Person", PERSON),
        Entity("event/month", "Event", "Meeting", (), {"date": "2018-11"}),
        Entity("event/no-year", "Event", "Hội thảo", (), {"date": "XXXX-09-21"}),
        Entity("event/day", "Event", "Signing", (), {"date": "2019-05-04", "end_date": "2019"}),
    )
    return Document(
        Article(
            article, f"Title of {article}", date, "vi", "test", f"https://example.org/{article}"
        ),
        entities,
        relations,
    )


MEMBER = Relation(
    "MEMBER_OF",
    "city/da-nang",
    "network/citynet",
    'Đà Nẵng là thành viên "chính thức" <CityNet>\nfrom 2005.',
    0.9,
    {"since": "2005-10-11", "role": "full member"},
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[GraphStore]:
    with open_store(db=tmp_path / "graph.db") as s:
        s.write(
            Batch.of(
                [
                    doc(
                        "article/one",
                        MEMBER,
                        Relation(
                            "MEMBER_OF",
                            AWKWARD_ID,
                            "network/citynet",
                            "AMC 🎉",
                            0.5,
                            {"since": "2017"},
                        ),
                        Relation("HOSTED", "city/da-nang", "event/month", "hosted", 0.7),
                        Relation("PARTICIPATED_IN", "person/a", "event/no-year", "went", 0.6),
                        Relation(
                            "PARTNER_OF",
                            "city/da-nang",
                            AWKWARD_ID,
                            "partners",
                            0.8,
                            {"kind": "MoU"},
                        ),
                    ),
                    doc(
                        "article/two",
                        Relation(*MEMBER.__dict__.values()),
                        Relation("LOCATED_IN", "event/day", "city/da-nang", "in Đà Nẵng", 1.0),
                        date="XXXX-03",
                    ),
                ]
            )
        )
        yield s


def export(store: GraphStore, fmt: str, **kwargs: Any) -> bytes:
    out = io.BytesIO()
    export_rdf(store, fmt, out, **kwargs)
    return out.getvalue()


def parse(data: bytes, fmt: str) -> Graph:
    return parse_rdf(io.BytesIO(data), fmt)


def iri(node_id: str) -> URIRef:
    return URIRef(node_iri(DEFAULT_BASE, node_id))


def fact(rel_type: str, source: str, target: str) -> URIRef:
    slug = rel_type.lower().replace("_", "-")
    return URIRef(f"{DEFAULT_BASE}/fact/{slug}/{fact_key(rel_type, source, target)}")


# -- values ------------------------------------------------------------------------------------
def test_name_language() -> None:
    assert name_language("Đà Nẵng") == "vi"
    assert name_language(DA_NANG) == "vi"  # decomposed marks count the same
    assert name_language("Huế") == "vi"
    assert name_language("Lào Cai") == "vi"
    assert name_language("Da Nang") == "en"
    assert name_language("CityNet") == "en"
    assert name_language("Düsseldorf") == "en"  # ü is no Vietnamese letter
    assert name_language("Zürich và Huế") == "en"
    assert name_language("東京") == "en"
    assert name_language("🎉") == "en"


def test_typed_dates_are_as_precise_as_known_and_never_invented() -> None:
    assert typed_date("2005-10-11") == (("2005-10-11", str(XSD.date), None))
    assert typed_date("2018-11") == ("2018-11", str(XSD.gYearMonth), None)
    assert typed_date("2018-11-XX") == ("2018-11", str(XSD.gYearMonth), None)
    assert typed_date("2017") == ("2017", str(XSD.gYear), None)
    assert typed_date("2017-XX") == ("2017", str(XSD.gYear), None)
    assert typed_date("XXXX-09-21") is None
    assert typed_date("XXXX") is None
    assert typed_date("2018-13") is None


# -- every format ------------------------------------------------------------------------------
@pytest.fixture
def reference(store: GraphStore) -> Graph:
    return parse(export(store, "nt"), "nt")


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_every_format_parses_back_to_the_same_graph(
    store: GraphStore, reference: Graph, fmt: str
) -> None:
    graph = parse(export(store, fmt), fmt)
    assert len(graph) == len(reference)
    assert isomorphic(graph, reference)


@needs_rapper
@pytest.mark.parametrize("fmt", list(RAPPER_SYNTAX))
def test_rapper_reads_every_format_it_knows(
    store: GraphStore, reference: Graph, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"graph{RDF_FORMATS[fmt][1]}"
    path.write_bytes(export(store, fmt))
    quads = fmt in ("trig", "nquads")
    result = subprocess.run(
        [
            "rapper",
            "-q",
            "-i",
            RAPPER_SYNTAX[fmt],
            "-o",
            "nquads" if quads else "ntriples",
            str(path),
            DEFAULT_BASE + "/",
        ],
        capture_output=True,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert not result.stderr, result.stderr.decode()
    graph = parse(result.stdout, "nquads" if quads else "nt")
    assert isomorphic(graph, reference)


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_awkward_names_round_trip_exactly(store: GraphStore, fmt: str) -> None:
    graph = parse(export(store, fmt), fmt)
    assert graph.value(iri("city/da-nang"), SKOS.prefLabel) == Literal(DA_NANG, lang="vi")
    aliases = {str(a) for a in graph.objects(iri("city/da-nang"), SKOS.altLabel)}
    assert aliases == {AWKWARD, "Da Nang"}
    assert str(graph.value(iri(AWKWARD_ID), SKOS.prefLabel)) == AWKWARD
    assert str(graph.value(iri("person/a"), SKOS.prefLabel)) == PERSON
    sentences = {str(o) for o in graph.objects(None, U.evidence)}
    assert MEMBER.evidence in sentences and "AMC 🎉" in sentences


@needs_rapper
def test_rapper_reads_awkward_names_exactly(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_bytes(export(store, "turtle"))
    out = subprocess.run(
        ["rapper", "-q", "-i", "turtle", "-o", "ntriples", str(path)],
        capture_output=True,
        check=True,
    ).stdout
    graph = parse(out, "nt")
    assert str(graph.value(iri(AWKWARD_ID), SKOS.prefLabel)) == AWKWARD
    assert graph.value(iri("city/da-nang"), SKOS.prefLabel) == Literal(DA_NANG, lang="vi")


RFC3986 = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-F]{2})*"
)


def test_iris_are_valid_and_percent_encoded(reference: Graph) -> None:
    iris = {t for triple in reference for t in triple if isinstance(t, URIRef)}
    bad = [i for i in iris if not RFC3986.fullmatch(i)]
    assert not bad
    assert iri(AWKWARD_ID) == URIRef(f"{DEFAULT_BASE}/organization/a%20b%23c%3Fd%3C%C3%A9%3E%22x")
    assert (iri(AWKWARD_ID), DCTERMS.identifier, Literal(AWKWARD_ID)) in reference


def test_base_must_be_an_absolute_iri(store: GraphStore) -> None:
    with pytest.raises(UcnError, match="not an absolute IRI"):
        export(store, "nt", base="not a base")
    graph = parse(export(store, "nt", base="http://example.org/kg/"), "nt")
    assert (URIRef("http://example.org/kg/city/da-nang"), RDF.type, U.City) in graph


# -- what the export says ----------------------------------------------------------------------
def test_nodes(reference: Graph) -> None:
    city = iri("city/da-nang")
    assert {U.City, SCHEMA.City} <= set(reference.objects(city, RDF.type))
    assert reference.value(city, U.countryCode) == Literal("VN")
    net = iri("network/citynet")
    assert reference.value(net, OWL.sameAs) == URIRef("http://www.wikidata.org/entity/Q1092147")
    assert reference.value(net, U.wikidata) == Literal("Q1092147")
    article = iri("article/one")
    assert {U.Article, SCHEMA.NewsArticle, PROV.Entity} <= set(reference.objects(article, RDF.type))
    assert reference.value(article, SCHEMA.url) == Literal(
        "https://example.org/article/one", datatype=XSD.anyURI
    )
    assert reference.value(article, SCHEMA.datePublished) == Literal(
        "2024-04-24", datatype=XSD.date
    )
    # An article dated with an unknown year has no date rather than an invented one.
    assert reference.value(iri("article/two"), SCHEMA.datePublished) is None


def test_event_dates(reference: Graph) -> None:
    def start(node_id: str) -> object:
        return reference.value(iri(node_id), SCHEMA.startDate)

    assert start("event/month") == Literal("2018-11", datatype=XSD.gYearMonth)
    assert start("event/day") == Literal("2019-05-04", datatype=XSD.date)
    assert reference.value(iri("event/day"), SCHEMA.endDate) == Literal("2019", datatype=XSD.gYear)
    assert start("event/no-year") is None


def test_relations_are_direct_and_qualified_with_provenance(reference: Graph) -> None:
    city, net = iri("city/da-nang"), iri("network/citynet")
    assert (city, U.memberOf, net) in reference
    f = fact("MEMBER_OF", "city/da-nang", "network/citynet")
    assert (f, RDF.type, U.Fact) in reference
    assert (f, RDF.subject, city) in reference
    assert (f, RDF.predicate, U.memberOf) in reference
    assert (f, RDF.object, net) in reference
    assert reference.value(f, U.role) == Literal("full member")
    assert reference.value(f, U.since) == Literal("2005-10-11", datatype=XSD.date)
    assert set(reference.objects(f, PROV.wasDerivedFrom)) == {
        iri("article/one"),
        iri("article/two"),
    }
    derivations = list(reference.objects(f, PROV.qualifiedDerivation))
    assert len(derivations) == 2
    for d in derivations:
        assert reference.value(d, U.evidence) == Literal(MEMBER.evidence)
        assert reference.value(d, U.confidence) == Literal("0.9", datatype=XSD.decimal)
    assert {reference.value(d, PROV.entity) for d in derivations} == {
        iri("article/one"),
        iri("article/two"),
    }
    # Mentions are not qualified: the article is their subject.
    assert (iri("article/one"), U.mentions, city) in reference
    assert not list(reference.subjects(RDF.predicate, U.mentions))


def test_memberships_in_org_and_owl_time(reference: Graph) -> None:
    city, net = iri("city/da-nang"), iri("network/citynet")
    [m] = [m for m in reference.subjects(ORG.member, city)]
    assert (m, RDF.type, ORG.Membership) in reference
    assert reference.value(m, ORG.organization) == net
    role = reference.value(m, ORG.role)
    assert (role, RDF.type, ORG.Role) in reference
    assert str(reference.value(role, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) == (
        "full member"
    )
    interval = reference.value(m, ORG.memberDuring)
    assert (interval, RDF.type, TIME.Interval) in reference
    start = reference.value(interval, TIME.hasBeginning)
    assert reference.value(start, TIME.inXSDDate) == Literal("2005-10-11", datatype=XSD.date)
    [m2] = list(reference.subjects(ORG.member, iri(AWKWARD_ID)))
    start = reference.value(reference.value(m2, ORG.memberDuring), TIME.hasBeginning)
    assert reference.value(start, TIME.inXSDgYear) == Literal("2017", datatype=XSD.gYear)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_each_articles_statements_are_in_its_named_graph(store: GraphStore, fmt: str) -> None:
    ds = Dataset()
    ds.parse(data=export(store, fmt), format=RDF_FORMATS[fmt][0])
    one, two = ds.graph(iri("article/one")), ds.graph(iri("article/two"))
    city, net = iri("city/da-nang"), iri("network/citynet")
    # Stated by both articles: in both graphs.
    assert (city, U.memberOf, net) in one and (city, U.memberOf, net) in two
    assert (city, U.hosted, iri("event/month")) in one
    assert (city, U.hosted, iri("event/month")) not in two
    assert (iri("article/one"), U.mentions, city) in one
    assert any(one.subjects(RDF.type, ORG.Membership))
    default = ds.default_graph
    f = fact("MEMBER_OF", "city/da-nang", "network/citynet")
    assert (f, RDF.type, U.Fact) in default
    assert (city, RDF.type, U.City) in default
    assert (city, U.memberOf, net) not in default


def test_symmetric_partnership_is_stated_once(reference: Graph) -> None:
    pairs = list(reference.subject_objects(U.partnerOf))
    assert len(pairs) == 1


# -- streaming ---------------------------------------------------------------------------------
def test_scans_read_every_row_that_the_ordered_pages_read(store: GraphStore) -> None:
    def rows(pages: Any) -> list[str]:
        return sorted(repr(sorted(row.items())) for page in pages for row in page)

    for label in MODEL.labels:
        assert rows(store.scan_nodes(label, 2)) == rows(store.iter_nodes(label))
    for rel_type in MODEL.relations:
        assert rows(store.scan_relations(rel_type, 2)) == rows(store.iter_relations(rel_type))
    # with columns, only those (and the id, or the ends) are read
    names = [sorted(row) for page in store.scan_nodes("City", 2, ["name"]) for row in page]
    assert names == [["id", "name"]]
    ends = [sorted(row) for page in store.scan_relations("HOSTED", 2, ["sources"]) for row in page]
    assert ends == [["source", "sources", "target"]]


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_every_format_reads_the_store_a_page_at_a_time(
    store: GraphStore, reference: Graph, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    pages: list[tuple[str, int]] = []
    kind = type(store)

    def spy(method: str) -> Any:
        original = getattr(kind, method)

        def pages_of(self: Any, name: str, *args: Any) -> Iterator[list[dict[str, Any]]]:
            for rows in original(self, name, *args):
                pages.append((method, len(rows)))
                yield rows

        return pages_of

    for method in ("scan_nodes", "scan_relations"):
        monkeypatch.setattr(kind, method, spy(method))
    data = export(store, fmt, batch=2)
    node_pages = [n for method, n in pages if method == "scan_nodes"]
    relation_pages = [n for method, n in pages if method == "scan_relations"]
    assert node_pages and max(node_pages) <= 2
    # A page of facts holds the facts of whole source nodes: 2, or those of one node that
    # alone has more (article/one mentions 7 entities).
    degrees = Counter(
        (rel_type, row["source"])
        for rel_type in MODEL.relations
        for page in store.iter_relations(rel_type)
        for row in page
    )
    assert relation_pages and max(relation_pages) <= max(2, *degrees.values()) == 7
    assert len(pages) > 10
    assert isomorphic(parse(data, fmt), reference)


def test_nquads_lines_are_one_statement_each(store: GraphStore) -> None:
    lines = export(store, "nquads").decode("utf-8").splitlines()
    assert all(line.endswith(" .") for line in lines)
    assert not any(line.count(" <") < 1 for line in lines)


# -- SHACL -------------------------------------------------------------------------------------
def test_the_export_conforms_and_an_event_without_a_date_is_a_warning(store: GraphStore) -> None:
    report = validate_graph(store_graph(store))
    assert report.conforms, report.text()
    assert [f.focus for f in report.warnings] == [f"<{iri('event/no-year')}>"]
    assert "Event without a date" in report.text()


def test_a_broken_graph_fails_with_useful_messages(store: GraphStore) -> None:
    graph = store_graph(store)
    city, net = iri("city/da-nang"), iri("network/citynet")
    graph.remove((city, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), None))
    graph.add((iri("event/day"), U.memberOf, iri("article/one")))  # wrong ends
    graph.remove((fact("HOSTED", "city/da-nang", "event/month"), PROV.wasDerivedFrom, None))
    graph.remove((iri(AWKWARD_ID), U.memberOf, net))  # a fact whose statement is gone
    graph.add((iri("event/month"), SCHEMA.startDate, Literal("someday")))
    report = validate_graph(graph)
    assert not report.conforms
    text = report.text()
    assert text.startswith("does not conform")
    assert "Every node has a name: an rdfs:label" in text
    assert "The subject of ucn:memberOf must be a City, Country, Organization, Network" in text
    assert "The object of ucn:memberOf must be a Network or Organization" in text
    assert "A fact has provenance: prov:wasDerivedFrom" in text
    assert "The statement of this fact is not asserted" in text
    assert "schema:startDate is a date typed xsd:date, xsd:gYearMonth or xsd:gYear" in text
    assert str(city) in text


@pytest.mark.skipif(
    not (SHARED / "corpus" / "seeds").is_dir(), reason="../shared/corpus/seeds is not here"
)
def test_the_seed_corpus_validates(tmp_path: Path) -> None:
    from ucn.loaders import load_paths

    with open_store(db=tmp_path / "seeds.db") as s:
        report = load_paths(s, [str(SHARED / "corpus" / "seeds")])
        assert report.loaded and not report.failures
        result = validate_graph(store_graph(s))
        assert result.conforms, result.text()
        assert result.triples > 500


# -- import ------------------------------------------------------------------------------------
def rows(store: GraphStore) -> tuple[dict[str, Any], dict[Any, Any]]:
    """Nodes and relations, list properties as sets (RDF keeps no order)."""

    def plain(data: dict[str, Any]) -> dict[str, Any]:
        return {k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()}

    graph = store.to_networkx()
    nodes = {n: plain(d) for n, d in graph.nodes(data=True)}
    edges = {
        (s, t, k): plain(
            {
                **d,
                "provenance": list(zip(d["sources"], d["evidence"], d["confidences"], strict=True)),
            }
        )
        for s, t, k, d in graph.edges(keys=True, data=True)
    }
    return nodes, edges


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld", "xml"])
def test_export_import_export_is_isomorphic(store: GraphStore, tmp_path: Path, fmt: str) -> None:
    first = export(store, "turtle")
    path = tmp_path / f"export{RDF_FORMATS[fmt][1]}"
    path.write_bytes(export(store, fmt))
    with open_store(db=tmp_path / "empty.db") as empty:
        result = import_rdf(empty, path)
        assert not result.skipped
        assert isomorphic(parse(export(empty, "turtle"), "turtle"), parse(first, "turtle"))
        # What the store holds comes back too, except what RDF cannot say: a date whose year is
        # unknown, and the order of lists.
        nodes, edges = rows(store)
        nodes["event/no-year"]["date"] = None
        nodes["article/two"]["date"] = None
        assert rows(empty) == (nodes, edges)
        again = import_rdf(empty, path)
        assert not again.written.changed


def test_import_reports_what_it_cannot_read(store: GraphStore, tmp_path: Path) -> None:
    graph = store_graph(store)
    graph.add((iri("city/da-nang"), U.memberOf, iri(AWKWARD_ID)))  # no ucn:Fact
    path = tmp_path / "extra.ttl"
    graph.serialize(path, format="turtle")
    with open_store(db=tmp_path / "a.db") as empty:
        result = import_rdf(empty, path)
    assert result.skipped == [f"<{iri('city/da-nang')}> <{U.memberOf}> <{iri(AWKWARD_ID)}>"]

    graph.remove((iri("event/day"), DCTERMS.identifier, None))
    graph.serialize(path, format="turtle")
    with open_store(db=tmp_path / "b.db") as empty, pytest.raises(UcnError, match="identifier"):
        import_rdf(empty, path)
    (tmp_path / "bad.ttl").write_text("<a> <b> .\n")
    with open_store(db=tmp_path / "c.db") as empty, pytest.raises(UcnError, match="not valid"):
        import_rdf(empty, tmp_path / "bad.ttl")
    with open_store(db=tmp_path / "d.db") as empty, pytest.raises(UcnError, match="suffix"):
        import_rdf(empty, tmp_path / "graph.data")
