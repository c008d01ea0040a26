"""SHACL validation of the RDF export with ontology/shapes.ttl (pySHACL), as a readable report.

Violations make the graph fail; warnings (an event without a known date) are reported but do
not: an event whose articles give no date, or a day without a year, is still an event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .vocab import NAMESPACES

SH = NAMESPACES["sh"]
SEVERITIES = {f"{SH}Violation": "violation", f"{SH}Warning": "warning", f"{SH}Info": "info"}


@dataclass(frozen=True)
class Finding:
    severity: str  # violation, warning or info
    focus: str
    path: str
    value: str
    message: str

    def line(self) -> str:
        where = f"{self.focus} {self.path}".rstrip()
        value = f" (value: {self.value})" if self.value and self.value != self.focus else ""
        return f"{self.severity}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    triples: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self, limit: int = 50) -> str:
        """A summary line, then one line per finding (violations first, at most `limit`)."""
        v, w = len(self.violations), len(self.warnings)
        head = (
            f"conforms to ontology/shapes.ttl: {self.triples} triples"
            if self.conforms
            else f"does not conform to ontology/shapes.ttl: {self.triples} triples"
        )
        head += f", {v} violation{'s' * (v != 1)}, {w} warning{'s' * (w != 1)}"
        findings = sorted(
            self.findings, key=lambda f: (f.severity != "violation", f.message, f.focus)
        )
        lines = [head, *(f"  {f.line()}" for f in findings[:limit])]
        if len(findings) > limit:
            lines.append(f"  ... and {len(findings) - limit} more")
        return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def shapes_graph() -> Any:
    from rdflib import Graph

    from . import SHAPES

    return Graph().parse(SHAPES, format="turtle")


def validate_graph(data: Any) -> ValidationReport:
    """Validate an rdflib Graph (the export, or RDF read from a file) against the shapes."""
    from pyshacl import validate
    from rdflib import RDF, Graph, Namespace

    sh = Namespace(SH)
    _, results, _ = validate(
        data,
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
        abort_on_first=False,
    )
    assert isinstance(results, Graph)

    def show(term: Any) -> str:
        if term is None:
            return ""
        try:
            return term.n3(data.namespace_manager)
        except Exception:
            return str(term)

    report = ValidationReport(len(data))
    for result in results.subjects(RDF.type, sh.ValidationResult):
        severity = str(results.value(result, sh.resultSeverity))
        message = results.value(result, sh.resultMessage)
        report.findings.append(
            Finding(
                SEVERITIES.get(severity, severity),
                show(results.value(result, sh.focusNode)),
                show(results.value(result, sh.resultPath)),
                show(results.value(result, sh.value)),
                str(message) if message is not None else "",
            )
        )
    return report
