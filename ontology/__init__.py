"""The published ontology of the graph, its SHACL shapes and the JSON-LD context of the export.

The three files are generated from the RDF mapping in graph/model.py (`make ontology`, or
`python -m ucn.ontology.owl`); a test fails when they differ from what the mapping gives.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY = HERE / "ucn.ttl"
SHAPES = HERE / "shapes.ttl"
CONTEXT = HERE / "context.jsonld"
