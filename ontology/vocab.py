"""IRIs shared by the RDF export, the ontology and the DCAT catalog."""

from __future__ import annotations

# The ontology's namespace and version; ontology/ucn.ttl declares the same.
ONTOLOGY_IRI = "https://w3id.org/ucn/ontology"
UCN = f"{ONTOLOGY_IRI}#"
ONTOLOGY_VERSION = "0.1.0"
ONTOLOGY_VERSION_IRI = f"{ONTOLOGY_IRI}/{ONTOLOGY_VERSION}"
LICENSE_IRI = "http://creativecommons.org/licenses/by/4.0/"

# Where the graph's own resources live unless `--base` says otherwise: `{base}/city/da-nang`,
# `{base}/article/0123456789abcdef`.
DEFAULT_BASE = "https://w3id.org/ucn/id"


def node_iri(base: str, node_id: str) -> str:
    """The IRI of a node (`city/da-nang`) under `base`, percent-encoded where needed."""
    from urllib.parse import quote

    return f"{base.rstrip('/')}/{quote(node_id, safe='/-._~')}"


# The SHACL shapes of the export (ontology/shapes.ttl).
SHAPES_NS = f"{ONTOLOGY_IRI}/shapes#"

# Prefixes of the vocabularies the ontology aligns to and the export uses (Turtle, the JSON-LD
# @context; the RDF mapping in graph/model.py writes terms as `prefix:local`).
NAMESPACES = {
    "ucn": UCN,
    "ucnsh": SHAPES_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "vann": "http://purl.org/vocab/vann/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}
WIKIDATA_ENTITY = NAMESPACES["wd"]


def expand(curie: str) -> str:
    """`schema:City` -> `https://schema.org/City`; anything else is returned as it is."""
    prefix, sep, local = curie.partition(":")
    if sep and prefix in NAMESPACES and not local.startswith("//"):
        return NAMESPACES[prefix] + local
    return curie
