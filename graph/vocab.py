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
