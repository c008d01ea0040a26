"""What the store says of the dataset's coverage, for the DCAT catalog: the span of its article
and event dates, the languages of its articles and the countries it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from rdflib import Literal
from rdflib.namespace import XSD

from ..graph.model import MODEL
from ..graph.store import GraphStore

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T ])")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month or a day, ordered by its first and last day."""

    first: date
    last: date
    text: str

    @classmethod
    def parse(cls, text: str) -> PartialDate | None:
        match = _ISO_DATE.match(text.strip())
        if match is None:
            return None
        year = int(match.group(1))
        month, day = (int(g) if g else None for g in match.groups()[1:])
        try:
            if month is None:
                return cls(date(year, 1, 1), date(year, 12, 31), f"{year:04d}")
            if day is None:
                first = date(year, month, 1)
                following = date(year + month // 12, month % 12 + 1, 1)
                last = date.fromordinal(following.toordinal() - 1)
                return cls(first, last, f"{year:04d}-{month:02d}")
            exact = date(year, month, day)
            return cls(exact, exact, exact.isoformat())
        except ValueError:
            return None

    def literal(self) -> Literal:
        datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(self.text), XSD.date)
        return Literal(self.text, datatype=datatype)


# Dates with an unknown part are written with X (EDTF: `XXXX-09-21`); they bound nothing.
_UNKNOWN = "X"


def date_range(store: GraphStore) -> tuple[PartialDate, PartialDate] | None:
    """The earliest and the latest article or event date, or None when there is none."""
    queries = [
        "MATCH (a:Article) WITH a.date AS d WHERE d IS NOT NULL AND d <> '' "
        "AND NOT d CONTAINS $unknown RETURN DISTINCT d",
        "MATCH (e:Event) UNWIND [e.date, e.end_date] AS d WITH d WHERE d IS NOT NULL "
        "AND d <> '' AND NOT d CONTAINS $unknown RETURN DISTINCT d",
    ]
    dates = [
        parsed
        for query in queries
        for row in store.run(query, {"unknown": _UNKNOWN})
        if (parsed := PartialDate.parse(str(row["d"]))) is not None
    ]
    if not dates:
        return None
    start = min(dates, key=lambda d: (d.first, d.last))
    end = max(dates, key=lambda d: (d.last, d.first))
    return start, end


def article_languages(store: GraphStore) -> list[str]:
    rows = store.run(
        "MATCH (a:Article) WITH a.lang AS lang WHERE lang IS NOT NULL AND lang <> '' "
        "RETURN DISTINCT lang"
    )
    return sorted({str(r["lang"]).lower() for r in rows})


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, or "" when unknown
    name: str
    wikidata: str  # Q..., or ""
    node_id: str  # country/..., or "" when only a code names it


def _gazetteer_countries() -> list[Any]:
    # The shipped gazetteer knows every country's code, name and Wikidata id.
    from ..graph.names import GAZETTEER_DIR, read_entries

    return [e for e in read_entries(GAZETTEER_DIR / "countries.tsv") if e.type == "Country"]


def countries(store: GraphStore) -> list[Country]:
    """The countries the graph names: Country nodes, and the codes of cities and others."""
    known = _gazetteer_countries()
    by_id = {e.id: e for e in known}
    by_code = {e.country.upper(): e for e in known if e.country}
    found: dict[str, Country] = {}

    def add(node_id: str, name: str, code: str, wikidata: str) -> None:
        entry = by_id.get(node_id) or by_code.get(code.upper())
        if entry is not None:
            node_id = node_id or entry.id
            name = name or entry.name
            code = code or entry.country
            wikidata = wikidata or entry.wikidata
        code = code.upper()
        key = code or node_id
        if key and key not in found:
            found[key] = Country(code, name or code, wikidata, node_id)

    for row in store.run(
        "MATCH (c:Country) RETURN c.id AS id, c.name AS name, c.code AS code, "
        "c.wikidata AS wikidata"
    ):
        add(row["id"], row["name"] or "", row["code"] or "", row["wikidata"] or "")
    for label in MODEL.labels:
        if label == "Country" or "country" not in {p.name for p in MODEL.node_columns(label)}:
            continue
        rows = store.run(
            f"MATCH (n:{label}) WITH n.country AS code WHERE code IS NOT NULL AND code <> '' "
            "RETURN DISTINCT code"
        )
        for row in rows:
            add("", "", str(row["code"]), "")
    return sorted(found.values(), key=lambda c: (c.code or "~", c.node_id))
