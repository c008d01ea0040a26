"""The DCAT catalog: official DCAT-AP 3.0.1 shapes, and the values it states about the graph."""

from __future__ import annotations

import gzip
import hashlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SH, VOID

from ucn.cli import main
from ucn.graph import GraphStore, open_store
from ucn.graph.errors import UcnError
from ucn.loaders import load_paths
from ucn.ontology.dcat import (
    DCATAP,
    SPDX,
    build_catalog,
    class_iri,
    date_range,
    property_iri,
)
from ucn.ontology.vocab import DEFAULT_BASE, LICENSE_IRI, ONTOLOGY_IRI

from conftest import ROOT, SHARED, document, write_json

SAMPLES = ROOT / "samples" / "documents"
# Plain namespaces: pytest probes module attributes, which rdflib's closed ones warn about.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
DCAT_AP = SHARED / "eval" / "dcat-ap-3.0.1"
BASE = "https://data.example.org/ucn"
IANA = "http://www.iana.org/assignments/media-types/"
EU = "http://publications.europa.eu/resource/authority/"
WIKIDATA = "http://www.wikidata.org/entity/"
DATASET = URIRef(f"{BASE}/dataset")
CATALOG = URIRef(f"{BASE}/catalog")
TURTLE = """@prefix ucn: <https://w3id.org/ucn/ontology#> .
<https://data.example.org/ucn/city/da-nang> a ucn:City ;
    ucn:memberOf <https://data.example.org/ucn/network/citynet> .
<https://data.example.org/ucn/network/citynet> a ucn:Network .
"""

needs_shapes = pytest.mark.skipif(
    not (DCAT_AP / "dcat-ap-SHACL.ttl").is_file(),
    reason=f"the official DCAT-AP 3.0.1 shapes are not at {DCAT_AP} (../shared is absent)",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    db = tmp_path_factory.mktemp("dcat") / "graph.db"
    with open_store(db=db) as opened:
        report = load_paths(opened, [SAMPLES])
        assert report.ok, report.failures
        yield opened


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    (folder / "ucn.ttl").write_text(TURTLE, encoding="utf-8")
    (folder / "ucn.json").write_text('{"nodes": [], "edges": []}\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def catalog(store: GraphStore, exports: Path) -> Graph:
    built = build_catalog(
        store,
        base=BASE,
        distributions=[exports / "ucn.ttl", ("node-link", exports / "ucn.json")],
    )
    # What is checked is what is written: the Turtle, read back.
    return Graph().parse(data=built.serialize(format="turtle"), format="turtle")


def validate(data: Graph, shapes: str) -> Counter[tuple[str, str]]:
    """Validate with pySHACL as ../shared/eval/dcat-ap-3.0.1/SOURCE.md says; the results by
    (path, severity)."""
    from pyshacl import validate as shacl

    ranges = Graph().parse(DCAT_AP / "ranges.ttl") if shapes == "dcat-ap-SHACL.ttl" else None
    _, report, _ = shacl(
        data,
        shacl_graph=Graph().parse(DCAT_AP / shapes),
        ont_graph=ranges,
        allow_warnings=True,
    )
    results: Counter[tuple[str, str]] = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        severity = report.value(result, SH.resultSeverity)
        results[(data.namespace_manager.normalizeUri(path), str(severity).split("#")[-1])] += 1
    return results


def distribution(catalog: Graph, name: str) -> URIRef:
    found = [d for d in catalog.objects(DATASET, DCAT.distribution) if str(d).endswith(f"/{name}")]
    assert len(found) == 1, found
    return found[0]  # type: ignore[return-value]


# -- the official shapes ----------------------------------------------------------------------


@needs_shapes
def test_the_catalog_conforms_to_dcat_ap(catalog: Graph) -> None:
    assert validate(catalog, "dcat-ap-SHACL.ttl") == Counter()


@needs_shapes
def test_recommended_properties_are_there_except_country_geometry(
    store: GraphStore, exports: Path
) -> None:
    built = build_catalog(
        store,
        base=BASE,
        distributions=[exports / "ucn.ttl"],
        homepage="https://data.example.org/",
        contact="opendata@example.org",
        publisher_type="NonProfitOrganisation",
    )
    warnings = validate(built, "shapes_recommended.ttl")
    # The graph keeps no coordinates, so the countries have no bounding box or centroid.
    assert set(warnings) == {("dcat:bbox", "Warning"), ("dcat:centroid", "Warning")}
    assert validate(built, "dcat-ap-SHACL.ttl") == Counter()


@needs_shapes
def test_without_contact_homepage_and_publisher_type_only_those_are_missing(
    catalog: Graph,
) -> None:
    warnings = {path for path, _ in validate(catalog, "shapes_recommended.ttl")}
    assert warnings == {
        "dcat:bbox",
        "dcat:centroid",
        "dcat:contactPoint",
        "foaf:homepage",
        "dcterms:type",
    }


@needs_shapes
def test_the_shapes_catch_a_broken_catalog(catalog: Graph) -> None:
    broken = Graph()
    for triple in catalog:
        broken.add(triple)
    broken.remove((DATASET, DCTERMS.title, None))
    ttl = distribution(catalog, "ucn.ttl")
    broken.remove((ttl, DCAT.accessURL, None))
    broken.remove((ttl, DCAT.byteSize, None))
    broken.add((ttl, DCAT.byteSize, Literal("big")))
    violations = validate(broken, "dcat-ap-SHACL.ttl")
    assert {path for path, severity in violations if severity == "Violation"} == {
        "dcterms:title",
        "dcat:accessURL",
        "dcat:byteSize",
    }


# -- what it says -----------------------------------------------------------------------------


def test_dataset_and_catalog(catalog: Graph) -> None:
    assert (CATALOG, RDF.type, DCAT.Catalog) in catalog
    assert (CATALOG, DCAT.dataset, DATASET) in catalog
    assert (DATASET, RDF.type, DCAT.Dataset) in catalog
    assert (DATASET, RDF.type, VOID.Dataset) in catalog
    for subject in (CATALOG, DATASET):
        for prop in (DCTERMS.title, DCTERMS.description):
            langs = {lit.language for lit in catalog.objects(subject, prop)}
            assert langs == {"en", "vi"}, (subject, prop)
        publisher = catalog.value(subject, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in catalog
        assert str(catalog.value(publisher, FOAF.name)) == "ucn developers"
        for prop in (DCTERMS.issued, DCTERMS.modified):
            assert catalog.value(subject, prop).datatype == XSD.dateTime
    assert (DATASET, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)) in catalog
    assert (CATALOG, DCTERMS.license, URIRef(LICENSE_IRI)) in catalog
    assert (URIRef(LICENSE_IRI), RDF.type, DCTERMS.LicenseDocument) in catalog
    assert set(catalog.objects(DATASET, DCTERMS.language)) == {
        URIRef(f"{EU}language/VIE"),
        URIRef(f"{EU}language/ENG"),
    }


def test_overrides(store: GraphStore) -> None:
    built = build_catalog(
        store,
        base=BASE,
        title={"en": "Cooperation of Đà Nẵng", "vi": "Hợp tác của Đà Nẵng"},
        description="Only English.",
        publisher="Sở Thông tin và Truyền thông Đà Nẵng",
        publisher_iri="https://example.org/org/dict",
    )
    assert set(built.objects(DATASET, DCTERMS.title)) == {
        Literal("Cooperation of Đà Nẵng", lang="en"),
        Literal("Hợp tác của Đà Nẵng", lang="vi"),
    }
    assert set(built.objects(DATASET, DCTERMS.description)) == {Literal("Only English.", lang="en")}
    agent = URIRef("https://example.org/org/dict")
    assert (DATASET, DCTERMS.publisher, agent) in built
    assert str(built.value(agent, FOAF.name)) == "Sở Thông tin và Truyền thông Đà Nẵng"
    with pytest.raises(UcnError, match="publisher type"):
        build_catalog(store, base=BASE, publisher_type="Guild")


def test_distributions(catalog: Graph, exports: Path) -> None:
    ttl = distribution(catalog, "ucn.ttl")
    path = exports / "ucn.ttl"
    size = catalog.value(ttl, DCAT.byteSize)
    assert size.datatype == XSD.nonNegativeInteger
    assert int(size) == path.stat().st_size
    assert catalog.value(ttl, DCAT.mediaType) == URIRef(IANA + "text/turtle")
    assert catalog.value(ttl, DCTERMS.format) == URIRef(f"{EU}file-type/RDF_TURTLE")
    assert catalog.value(ttl, DCAT.downloadURL) == URIRef(f"{BASE}/ucn.ttl")
    assert catalog.value(ttl, DCAT.accessURL) == URIRef(f"{BASE}/ucn.ttl")
    assert catalog.value(ttl, DCTERMS.license) == URIRef(LICENSE_IRI)
    assert catalog.value(ttl, DCTERMS.conformsTo) == URIRef(ONTOLOGY_IRI)
    assert catalog.value(ttl, DCATAP.availability) is not None
    checksum = catalog.value(ttl, SPDX.checksum)
    assert str(catalog.value(checksum, SPDX.checksumValue)) == (
        hashlib.sha256(path.read_bytes()).hexdigest()
    )
    json = distribution(catalog, "ucn.json")
    assert catalog.value(json, DCAT.mediaType) == URIRef(IANA + "application/json")
    assert catalog.value(json, DCTERMS.conformsTo) is None  # node-link JSON is not RDF
    assert set(catalog.objects(DATASET, VOID.dataDump)) == {URIRef(f"{BASE}/ucn.ttl")}


def test_compressed_and_named_formats(store: GraphStore, tmp_path: Path) -> None:
    nt = tmp_path / "ucn.nt.gz"
    lines = [f"<http://e.org/s{i}> <http://e.org/p> <http://e.org/o> .\n" for i in range(5)]
    with gzip.open(nt, "wt", encoding="utf-8") as f:
        f.write("# five triples\n" + "".join(lines))
    plain = tmp_path / "dump.txt"
    plain.write_text(TURTLE, encoding="utf-8")
    built = build_catalog(store, base=BASE, distributions=[nt, ("turtle", plain)])
    gz = distribution(built, "ucn.nt.gz")
    assert built.value(gz, DCAT.mediaType) == URIRef(IANA + "application/n-triples")
    assert built.value(gz, DCAT.compressFormat) == URIRef(IANA + "application/gzip")
    assert int(built.value(gz, DCAT.byteSize)) == nt.stat().st_size
    assert built.value(distribution(built, "dump.txt"), DCAT.mediaType) == URIRef(
        IANA + "text/turtle"
    )
    assert int(built.value(DATASET, VOID.triples)) == 5  # counted in the N-Triples
    with pytest.raises(UcnError, match="cannot tell the format"):
        build_catalog(store, base=BASE, distributions=[plain])
    with pytest.raises(UcnError, match="no such file"):
        build_catalog(store, base=BASE, distributions=[tmp_path / "ucn.ttl"])


def test_temporal_coverage_spans_article_and_event_dates(catalog: Graph) -> None:
    # Articles 2018-04-30 .. 2024-05-02; events from 2017 (a year) to 2022.
    period = catalog.value(DATASET, DCTERMS.temporal)
    assert (period, RDF.type, DCTERMS.PeriodOfTime) in catalog
    assert catalog.value(period, DCAT.startDate) == Literal("2017", datatype=XSD.gYear)
    assert catalog.value(period, DCAT.endDate) == Literal("2024-05-02", datatype=XSD.date)


def test_unknown_years_are_ignored_and_precision_is_kept(tmp_path: Path) -> None:
    events = [
        ("event/a", "XXXX-09-21", None),
        ("event/b", "2019", None),
        ("event/c", "2020-03", "2021-02"),
        ("event/d", "2021-02-10", None),
    ]
    doc = document(
        "art-dates",
        entities=[
            {"id": i, "type": "Event", "name": i, "properties": {"date": d, "end_date": e or ""}}
            for i, d, e in events
        ],
        relations=[],
    )
    doc["article"]["date"] = "2020-01-15"
    unknown = document("art-unknown", relations=[])
    unknown["article"]["date"] = "XXXX-05-01"
    unknown["entities"] = [
        {"id": "event/x", "type": "Event", "name": "x", "properties": {"date": "XXXX"}}
    ]
    with open_store(db=tmp_path / "only-unknown.db") as only_unknown:
        assert load_paths(only_unknown, [write_json(tmp_path / "u.json", unknown)]).ok
        assert date_range(only_unknown) is None
        assert build_catalog(only_unknown, base=BASE).value(DATASET, DCTERMS.temporal) is None
    with open_store(db=tmp_path / "dates.db") as dated:
        assert load_paths(dated, [write_json(tmp_path / "d.json", doc)]).ok
        start, end = date_range(dated)  # type: ignore[misc]
        assert start.literal() == Literal("2019", datatype=XSD.gYear)
        # February 2021 ends after the 10th of February.
        assert end.literal() == Literal("2021-02", datatype=XSD.gYearMonth)


def test_spatial_coverage_is_the_countries_of_the_graph(catalog: Graph) -> None:
    places = set(catalog.objects(DATASET, DCTERMS.spatial))
    # Country nodes (Sri Lanka, Malaysia) and the countries of cities (VN, SG, JP, ...).
    codes = {str(catalog.value(p, DCTERMS.identifier)) for p in places}
    assert {"VN", "SG", "JP", "LK", "MY"} <= codes
    assert URIRef(WIKIDATA + "Q881") in places  # Việt Nam
    for place in places:
        assert (place, RDF.type, DCTERMS.Location) in catalog
        assert not isinstance(place, BNode)


def test_void_statistics_are_the_store_counts(catalog: Graph, store: GraphStore) -> None:
    stats = store.stats()
    assert int(catalog.value(DATASET, VOID.entities)) == sum(stats["nodes"].values())
    classes = {
        catalog.value(part, VOID["class"]): int(catalog.value(part, VOID.entities))
        for part in catalog.objects(DATASET, VOID.classPartition)
    }
    assert classes == {class_iri(label): n for label, n in stats["nodes"].items()}
    properties = {
        catalog.value(part, VOID.property): int(catalog.value(part, VOID.triples))
        for part in catalog.objects(DATASET, VOID.propertyPartition)
    }
    assert properties == {property_iri(rel): n for rel, n in stats["relations"].items()}
    assert property_iri("MEMBER_OF") == URIRef("https://w3id.org/ucn/ontology#memberOf")
    # The Turtle distribution holds three triples.
    assert int(catalog.value(DATASET, VOID.triples)) == 3


# -- the command ----------------------------------------------------------------------------


def test_export_dcat_lists_the_exports_beside_it(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "graph.db")
    assert runner.invoke(main, ["--db", db, "load", str(SAMPLES)]).exit_code == 0
    (tmp_path / "ucn.ttl").write_text(TURTLE, encoding="utf-8")
    (tmp_path / "other.ttl").write_text(TURTLE, encoding="utf-8")
    out = tmp_path / "catalog.ttl"
    result = runner.invoke(main, ["--db", db, "export", "--dcat", "--base", BASE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = Graph().parse(out, format="turtle")
    assert {str(d) for d in written.objects(DATASET, DCAT.distribution)} == {
        f"{BASE}/distribution/ucn.ttl"
    }
    # Named explicitly instead; a bad one fails on one line and writes nothing.
    out.unlink()
    bad = tmp_path / "notes.txt"
    bad.write_text("x", encoding="utf-8")
    result = runner.invoke(
        main,
        ["--db", db, "export", "--dcat", "--distribution", str(bad), "-o", str(out)],
    )
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {bad}: cannot tell the format from the file name (known: .ttl, .jsonld, "
        ".json-ld, .nt, .rdf, .owl, .trig, .nq, .json, .gz)"
    ]
    assert not out.exists()
    assert not list(tmp_path.glob(".catalog.ttl.*"))
    result = runner.invoke(
        main,
        ["--db", db, "export", "--dcat", "--distribution", str(tmp_path / "other.ttl")],
    )
    assert result.exit_code == 0
    printed = Graph().parse(data=result.stdout, format="turtle")
    # Without --base, the default one.
    dataset = URIRef(f"{DEFAULT_BASE}/dataset")
    assert {str(d) for d in printed.objects(dataset, DCAT.distribution)} == {
        f"{DEFAULT_BASE}/distribution/other.ttl"
    }
