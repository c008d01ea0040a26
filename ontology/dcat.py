"""A DCAT-AP 3.0.1 description of the graph as an open dataset, with VoID statistics.

`build_catalog` describes one `dcat:Catalog` holding one `dcat:Dataset` (the cooperation graph),
which is also a `void:Dataset`, and one `dcat:Distribution` per exported file. What the store
holds decides the coverage:

- temporal: a `dcterms:PeriodOfTime` from the earliest to the latest article or event date,
  each bound typed as precisely as the date is known (`xsd:date`, `xsd:gYearMonth`,
  `xsd:gYear`); dates with an unknown part (`XXXX-09-21`) are left out;
- spatial: every country the graph names (Country nodes and the `country` codes of cities and
  organisations), as its Wikidata entity (`http://www.wikidata.org/entity/Q881`) when the node
  or the shipped gazetteer knows it, else as the graph's own IRI for that country; each one a
  `dcterms:Location` with its name and ISO 3166-1 code. The EU country authority table would
  need ISO alpha-3 codes, which the graph does not keep; Wikidata is also what the ontology
  links to with owl:sameAs;
- language: the languages of the articles, as EU language authority IRIs;
- VoID: entities and a class partition per node label, a property partition per relation type
  (one direct-property triple per relation), from `store.stats()`, with the classes and
  properties of the RDF mapping in graph/model.py; `void:triples` counted in a distribution.

The output conforms to the official DCAT-AP 3.0.1 SHACL shapes (mandatory and range shapes).
Of the recommended ones, only bounding box and centroid of the countries are always missing;
contact point, homepage and publisher type appear when given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, VOID, XSD

from ..graph.errors import UcnError
from ..graph.store import GraphStore

# The names imported `as` themselves are also named here, where callers have always found them.
from .dcat_coverage import article_languages, countries
from .dcat_coverage import date_range as date_range
from .dcat_files import distribution, sha256_hex
from .dcat_files import find_distributions as find_distributions
from .dcat_texts import (
    CATALOG_DESCRIPTION,
    CATALOG_TITLE,
    DEFAULT_DESCRIPTION,
    DEFAULT_TITLE,
    KEYWORDS,
    PROVENANCE,
    THEMES,
    Text,
)
from .dcat_texts import DEFAULT_PUBLISHER as DEFAULT_PUBLISHER
from .dcat_void import add_void_statistics
from .dcat_void import class_iri as class_iri
from .dcat_void import property_iri as property_iri
from .vocab import (
    DEFAULT_BASE,
    LICENSE_IRI,
    ONTOLOGY_IRI,
    UCN,
    WIKIDATA_ENTITY,
    node_iri,
)

ADMS = Namespace("http://www.w3.org/ns/adms#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "http://www.iana.org/assignments/media-types/"

# ISO 639-1 (as articles carry it) -> EU language authority code (ISO 639-2/B style).
LANGUAGES = {
    "vi": "VIE",
    "en": "ENG",
    "fr": "FRA",
    "de": "DEU",
    "es": "SPA",
    "ja": "JPN",
    "ko": "KOR",
    "zh": "ZHO",
    "th": "THA",
    "id": "IND",
    "ms": "MSA",
    "lo": "LAO",
    "km": "KHM",
    "ru": "RUS",
}
# ADMS publisher types, for `publisher_type`.
PUBLISHER_TYPES = (
    "Academia-ScientificOrganisation",
    "Company",
    "IndustryConsortium",
    "LocalAuthority",
    "NationalAuthority",
    "NonGovernmentalOrganisation",
    "NonProfitOrganisation",
    "PrivateIndividual(s)",
    "RegionalAuthority",
    "StandardisationBody",
    "SupraNationalAuthority",
)


# -- literals ---------------------------------------------------------------------------------


def _texts(text: Text) -> dict[str, str]:
    """A text override: a plain string is English and replaces every language."""
    return {"en": text} if isinstance(text, str) else dict(text)


def _timestamp(value: date | datetime) -> Literal:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return Literal(value.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


# -- the catalog ----------------------------------------------------------------------------


def build_catalog(
    store: GraphStore,
    *,
    base: str = DEFAULT_BASE,
    distributions: Sequence[Path | str | tuple[str, Path | str]] = (),
    title: Text | None = None,
    description: Text | None = None,
    publisher: str = DEFAULT_PUBLISHER,
    publisher_iri: str | None = None,
    publisher_type: str | None = None,
    homepage: str | None = None,
    contact: str | None = None,
    issued: date | datetime | None = None,
    modified: date | datetime | None = None,
    triples: int | None = None,
) -> Graph:
    """A DCAT-AP 3.0.1 catalog of the graph in `store` and its exported files.

    `distributions`: the exported files, each a path whose name tells its format (`ucn.ttl`,
    `ucn.nt.gz`) or a `(format, path)` pair (`("turtle", "dump.txt")`); each is published at
    `{base}/{file name}`. `title` and `description` replace the defaults: a string is English,
    a mapping gives one text per language tag. The publisher is a foaf:Agent named `publisher`
    (a blank node unless `publisher_iri`), with an ADMS `publisher_type` when given
    (`NonProfitOrganisation`). `homepage` is the catalogue's home page and the dataset's
    landing page; `contact` (an email address or a URL) its contact point. `modified` defaults
    to now, `issued` to `modified`. `triples` (void:triples) is counted in a distribution when
    not given, and left out when there is no RDF distribution.
    """
    base = base.rstrip("/")
    dists = [distribution(item) for item in distributions]
    names = [d.path.name for d in dists]
    if len(set(names)) < len(names):
        raise UcnError("two distributions have the same file name, hence the same download URL")
    modified = modified or datetime.now(UTC)
    issued = issued or modified

    g = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("skos", SKOS),
        ("vcard", VCARD),
        ("void", VOID),
        ("xsd", XSD),
        ("adms", ADMS),
        ("dcatap", DCATAP),
        ("spdx", SPDX),
        ("ucn", UCN),
    ):
        g.bind(prefix, ns)

    catalog = URIRef(node_iri(base, "catalog"))
    dataset = URIRef(node_iri(base, "dataset"))
    license_doc = URIRef(LICENSE_IRI)
    ontology = URIRef(ONTOLOGY_IRI)

    def concept(iri: str, labels: Mapping[str, str], scheme: str | None = None) -> URIRef:
        node = URIRef(iri)
        g.add((node, RDF.type, SKOS.Concept))
        for lang, text in labels.items():
            g.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
        if scheme:
            g.add((node, SKOS.inScheme, URIRef(scheme)))
        return node

    def texts(subject: URIRef | BNode, predicate: URIRef, text: Text) -> None:
        for lang, value in _texts(text).items():
            g.add((subject, predicate, Literal(value, lang=lang)))

    # Who publishes.
    agent: URIRef | BNode = URIRef(publisher_iri) if publisher_iri else BNode()
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, FOAF.name, Literal(publisher)))
    if publisher_type:
        kind = publisher_type.rsplit("/", 1)[-1]
        if kind not in PUBLISHER_TYPES:
            raise UcnError(
                f"unknown publisher type {publisher_type!r} (known: {', '.join(PUBLISHER_TYPES)})"
            )
        g.add(
            (
                agent,
                DCTERMS.type,
                concept(
                    f"http://purl.org/adms/publishertype/{kind}",
                    {"en": kind},
                    "http://purl.org/adms/publishertype/1.0",
                ),
            )
        )

    # The licence and the ontology the RDF conforms to.
    g.add((license_doc, RDF.type, DCTERMS.LicenseDocument))
    g.add((license_doc, RDFS.label, Literal("Creative Commons Attribution 4.0", lang="en")))
    g.add(
        (
            license_doc,
            DCTERMS.type,
            concept(
                "http://purl.org/adms/licencetype/Attribution",
                {"en": "Attribution"},
                "http://purl.org/adms/licencetype/1.0",
            ),
        )
    )
    g.add((ontology, RDF.type, DCTERMS.Standard))
    g.add((ontology, DCTERMS.title, Literal("ucn ontology", lang="en")))

    # The catalogue.
    g.add((catalog, RDF.type, DCAT.Catalog))
    texts(catalog, DCTERMS.title, CATALOG_TITLE)
    texts(catalog, DCTERMS.description, CATALOG_DESCRIPTION)
    g.add((catalog, DCTERMS.publisher, agent))
    g.add((catalog, DCTERMS.issued, _timestamp(issued)))
    g.add((catalog, DCTERMS.modified, _timestamp(modified)))
    g.add((catalog, DCTERMS.license, license_doc))
    g.add((catalog, DCAT.dataset, dataset))
    if homepage:
        page = URIRef(homepage)
        g.add((page, RDF.type, FOAF.Document))
        g.add((catalog, FOAF.homepage, page))
        g.add((dataset, DCAT.landingPage, page))
    themes = URIRef(f"{EU}data-theme")
    g.add((themes, RDF.type, SKOS.ConceptScheme))
    g.add((themes, DCTERMS.title, Literal("Data theme", lang="en")))
    g.add((catalog, DCAT.themeTaxonomy, themes))

    # The dataset.
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, RDF.type, VOID.Dataset))
    texts(dataset, DCTERMS.title, title if title is not None else DEFAULT_TITLE)
    texts(
        dataset,
        DCTERMS.description,
        description if description is not None else DEFAULT_DESCRIPTION,
    )
    g.add((dataset, DCTERMS.publisher, agent))
    g.add((dataset, DCTERMS.issued, _timestamp(issued)))
    g.add((dataset, DCTERMS.modified, _timestamp(modified)))
    g.add((dataset, DCTERMS.conformsTo, ontology))
    for lang, words in KEYWORDS.items():
        for word in words:
            g.add((dataset, DCAT.keyword, Literal(word, lang=lang)))
    for code, labels in THEMES.items():
        g.add((dataset, DCAT.theme, concept(f"{EU}data-theme/{code}", labels, str(themes))))
    access = concept(f"{EU}access-right/PUBLIC", {"en": "public"}, f"{EU}access-right")
    g.add((access, RDF.type, DCTERMS.RightsStatement))
    g.add((dataset, DCTERMS.accessRights, access))
    statement = BNode()
    g.add((statement, RDF.type, DCTERMS.ProvenanceStatement))
    g.add((statement, RDFS.label, Literal(PROVENANCE, lang="en")))
    g.add((dataset, DCTERMS.provenance, statement))
    if contact:
        point = BNode()
        g.add((point, RDF.type, VCARD.Organization))
        g.add((point, RDF.type, VCARD.Kind))
        g.add((point, VCARD.fn, Literal(publisher)))
        if "@" in contact and not contact.startswith(("http:", "https:")):
            address = contact if contact.startswith("mailto:") else f"mailto:{contact}"
            g.add((point, VCARD.hasEmail, URIRef(address)))
        else:
            g.add((point, VCARD.hasURL, URIRef(contact)))
        g.add((dataset, DCAT.contactPoint, point))

    for code in article_languages(store):
        if code in LANGUAGES:
            lang = URIRef(f"{EU}language/{LANGUAGES[code]}")
            g.add((lang, RDF.type, DCTERMS.LinguisticSystem))
            g.add((dataset, DCTERMS.language, lang))
    for lang in (URIRef(f"{EU}language/ENG"), URIRef(f"{EU}language/VIE")):
        g.add((lang, RDF.type, DCTERMS.LinguisticSystem))
        g.add((catalog, DCTERMS.language, lang))  # the languages of this description

    span = date_range(store)
    if span is not None:
        period = BNode()
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, span[0].literal()))
        g.add((period, DCAT.endDate, span[1].literal()))
        g.add((dataset, DCTERMS.temporal, period))

    for country in countries(store):
        if country.wikidata:
            place: URIRef | BNode = URIRef(WIKIDATA_ENTITY + country.wikidata)
        elif country.node_id:
            place = URIRef(node_iri(base, country.node_id))
        else:
            place = BNode()
        g.add((place, RDF.type, DCTERMS.Location))
        g.add((place, SKOS.prefLabel, Literal(country.name)))
        if country.code:
            g.add((place, DCTERMS.identifier, Literal(country.code)))
        g.add((dataset, DCTERMS.spatial, place))
        g.add((catalog, DCTERMS.spatial, place))

    # The distributions.
    availability = concept(
        f"{EU}planned-availability/AVAILABLE", {"en": "available"}, f"{EU}planned-availability"
    )
    for dist in dists:
        node = URIRef(node_iri(base, f"distribution/{dist.path.name}"))
        url = URIRef(node_iri(base, dist.path.name))
        fmt = dist.format
        stat = dist.path.stat()
        g.add((dataset, DCAT.distribution, node))
        g.add((node, RDF.type, DCAT.Distribution))
        what = f"{fmt.label}{', gzip-compressed' if dist.compressed else ''}"
        g.add((node, DCTERMS.title, Literal(f"{dist.path.name} ({what})", lang="en")))
        g.add(
            (
                node,
                DCTERMS.description,
                Literal(f"The whole graph as {what}.", lang="en"),
            )
        )
        g.add((node, DCAT.accessURL, url))
        g.add((node, DCAT.downloadURL, url))
        media = URIRef(IANA + fmt.media_type)
        g.add((media, RDF.type, DCTERMS.MediaType))
        g.add((node, DCAT.mediaType, media))
        file_type = URIRef(f"{EU}file-type/{fmt.file_type}")
        g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))
        g.add((node, DCTERMS.format, file_type))
        if dist.compressed:
            gz = URIRef(IANA + "application/gzip")
            g.add((gz, RDF.type, DCTERMS.MediaType))
            g.add((node, DCAT.compressFormat, gz))
        g.add((node, DCAT.byteSize, Literal(str(stat.st_size), datatype=XSD.nonNegativeInteger)))
        g.add((node, DCTERMS.modified, _timestamp(datetime.fromtimestamp(stat.st_mtime, UTC))))
        g.add((node, DCTERMS.license, license_doc))
        g.add((node, DCATAP.availability, availability))
        if fmt.rdflib:
            g.add((node, DCTERMS.conformsTo, ontology))
            g.add((dataset, VOID.dataDump, url))
        checksum = BNode()
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(sha256_hex(dist), datatype=XSD.hexBinary)))
        g.add((node, SPDX.checksum, checksum))
    g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))

    add_void_statistics(g, dataset, store, base, dists, triples)
    return g


def catalog_turtle(store: GraphStore, **options: Any) -> str:
    """`build_catalog` written as Turtle."""
    return build_catalog(store, **options).serialize(format="turtle")
