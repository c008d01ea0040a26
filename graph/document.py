"""Extraction documents: one article, its entities and relations, validated against the model.

The JSON form is the one `ucn extract` prints (see the eval README): ``article``, ``entities``,
``relations``. `parse_document` turns it into typed objects or raises `DocumentError` naming the
file and the field.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .errors import DocumentError
from .model import ENTITY_LABELS, MODEL

# ISO 8601 with reduced precision, and EDTF's XXXX for an unknown year (`2017`, `2018-11`,
# `XXXX-09-21`).
DATE_PATTERN = re.compile(r"^(\d{4}|XXXX)(-(0[1-9]|1[0-2]|XX)(-(0[1-9]|[12]\d|3[01]|XX))?)?$")
_YEAR = re.compile(r"^(\d{4})(?:$|-)")


def year_of(value: Any) -> int | None:
    """The year an ISO 8601 date of reduced precision starts with (`2005-10-11`, `2018-11`,
    `2017`); None when it has none (`XXXX`, `XXXX-07-11`, missing)."""
    match = _YEAR.match(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


ARTICLE_FIELDS = ("id", "title", "date", "lang", "source", "url")
COMMON_ENTITY_PROPERTIES = ("kind", "wikidata")
DATE_PROPERTIES = ("date", "end_date", "since")


@dataclass(frozen=True)
class Article:
    id: str
    title: str | None = None
    date: str | None = None
    lang: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Relation:
    type: str
    source: str
    target: str
    evidence: str
    confidence: float = 1.0
    properties: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    article: Article
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    origin: str = "<document>"


def is_extraction_document(data: Any) -> bool:
    """True when `data` has the shape of an extraction document rather than an article record."""
    return (
        isinstance(data, dict) and "article" in data and ("entities" in data or "relations" in data)
    )


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Characters no text of a document may hold: the C0 controls but tab, newline and carriage
# return, the non-characters U+FFFE and U+FFFF, and lone surrogates. XML 1.0 (and so the RDF/XML
# export) cannot write them, and no name or sentence needs them.
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
SHOWN_CHARS = 60  # of a value quoted in an error message


def shown(value: Any) -> str:
    """`value` for a one-line error message: short, quoted, escaped; a list or object by type."""
    if isinstance(value, str):
        return repr(value) if len(value) <= SHOWN_CHARS else repr(value[:SHOWN_CHARS]) + "…"
    if value is None or isinstance(value, bool | int | float):
        try:
            text = repr(value)
        except ValueError:  # an integer of thousands of digits
            return "a very long number"
        return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
    return f"a {type(value).__name__}"


def _field(key: Any) -> str:
    """A property name as part of a field path, quoted when it is not plain short text."""
    if isinstance(key, str) and key.isprintable() and len(key) <= SHOWN_CHARS:
        return key
    return shown(key)


def _kind_of(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "the lone surrogate"
    if code in (0xFFFE, 0xFFFF):
        return "the noncharacter"
    return "the control character"


_SCALAR_TYPES = (str, int, float)


def _text(value: Any, origin: str, where: str) -> str | None:
    """A string value, NFC-normalised and stripped; None when absent or blank."""
    if type(value) is str:  # nearly every value: the checks below cost more than the work
        text = value
    elif value is None:
        return None
    elif isinstance(value, bool) or not isinstance(value, _SCALAR_TYPES):
        raise DocumentError(origin, where, f"must be a string, not {type(value).__name__}")
    else:
        try:
            text = str(value)
        except ValueError:  # an integer of thousands of digits
            raise DocumentError(origin, where, "must be a string, not a very long number") from None
    bad = CONTROL_CHARS.search(text)
    if bad:
        raise DocumentError(
            origin,
            where,
            f"contains {_kind_of(bad.group())} U+{ord(bad.group()):04X} "
            f"(at character {bad.start() + 1}), which no text may hold",
        )
    return unicodedata.normalize("NFC", text).strip() or None


def _required(value: Any, origin: str, where: str) -> str:
    text = _text(value, origin, where)
    if text is None:
        raise DocumentError(origin, where, "is missing" if value is None else "must not be empty")
    return text


def _date(value: str | None, origin: str, where: str) -> str | None:
    if value is not None and not DATE_PATTERN.match(value):
        raise DocumentError(
            origin,
            where,
            f"{shown(value)} is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, XXXX)",
        )
    return value


def _object(value: Any, origin: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DocumentError(origin, where, f"must be an object, not {type(value).__name__}")
    return value


def _list(value: Any, origin: str, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DocumentError(origin, where, f"must be a list, not {type(value).__name__}")
    return value


def _properties(raw: Any, allowed: tuple[str, ...], origin: str, where: str) -> dict[str, str]:
    props = {}
    for key, value in _object(raw if raw is not None else {}, origin, where).items():
        if key not in allowed:
            names = ", ".join(allowed) or "none"
            raise DocumentError(
                origin, f"{where}.{_field(key)}", f"unknown property (allowed: {names})"
            )
        text = _text(value, origin, f"{where}.{key}")
        if key in DATE_PROPERTIES:
            text = _date(text, origin, f"{where}.{key}")
        if text is not None:
            props[key] = text
    return props


def _parse_article(raw: Any, origin: str) -> Article:
    raw = _object(raw, origin, "article")
    values = {name: _text(raw.get(name), origin, f"article.{name}") for name in ARTICLE_FIELDS}
    article_id = _required(raw.get("id"), origin, "article.id")
    values["date"] = _date(values["date"], origin, "article.date")
    return Article(
        article_id, values["title"], values["date"], values["lang"], values["source"], values["url"]
    )


def _parse_entity(raw: Any, origin: str, where: str) -> Entity:
    raw = _object(raw, origin, where)
    type_ = _required(raw.get("type"), origin, f"{where}.type")
    if type_ not in ENTITY_LABELS:
        raise DocumentError(
            origin, f"{where}.type", f"{shown(type_)} is not one of {', '.join(ENTITY_LABELS)}"
        )
    entity_id = _required(raw.get("id"), origin, f"{where}.id")
    prefix = f"{type_.lower()}/"
    if not entity_id.startswith(prefix) or entity_id == prefix:
        raise DocumentError(
            origin, f"{where}.id", f"{shown(entity_id)} must have the form '{prefix}slug'"
        )
    name = _required(raw.get("name"), origin, f"{where}.name")
    aliases = []
    for i, alias in enumerate(_list(raw.get("aliases"), origin, f"{where}.aliases")):
        text = _text(alias, origin, f"{where}.aliases[{i}]")
        if text and text != name and text not in aliases:
            aliases.append(text)
    label_props = tuple(p.name for p in MODEL.labels[type_].properties)
    props = _properties(
        raw.get("properties"),
        COMMON_ENTITY_PROPERTIES + label_props,
        origin,
        f"{where}.properties",
    )
    return Entity(entity_id, type_, name, tuple(aliases), props)


def _parse_relation(raw: Any, origin: str, where: str, entities: dict[str, Entity]) -> Relation:
    raw = _object(raw, origin, where)
    type_ = _required(raw.get("type"), origin, f"{where}.type")
    rel = MODEL.relations.get(type_)
    if rel is None or type_ == "MENTIONS":
        stated = ", ".join(t for t in MODEL.relations if t != "MENTIONS")
        raise DocumentError(origin, f"{where}.type", f"{shown(type_)} is not one of {stated}")
    ends = []
    for end in ("source", "target"):
        ref = _required(raw.get(end), origin, f"{where}.{end}")
        if ref not in entities:
            raise DocumentError(
                origin, f"{where}.{end}", f"{shown(ref)} is not an entity of this document"
            )
        ends.append(entities[ref])
    source, target = ends
    if not rel.allows(source.type, target.type):
        raise DocumentError(
            origin,
            where,
            f"{type_} cannot link {source.type} {shown(source.id)} to "
            f"{target.type} {shown(target.id)} "
            f"(allowed: {', '.join(rel.sources)} -> {', '.join(rel.targets)})",
        )
    evidence = _required(raw.get("evidence"), origin, f"{where}.evidence")
    confidence = raw.get("confidence", 1.0)
    if (
        isinstance(confidence, bool)
        or not isinstance(confidence, int | float)
        or not math.isfinite(confidence)
        or not 0.0 <= confidence <= 1.0
    ):
        raise DocumentError(
            origin, f"{where}.confidence", f"{shown(confidence)} is not a number in [0, 1]"
        )
    props = _properties(
        raw.get("properties"), tuple(p.name for p in rel.properties), origin, f"{where}.properties"
    )
    if rel.symmetric and target.id < source.id:
        source, target = target, source
    return Relation(type_, source.id, target.id, evidence, float(confidence), props)


def parse_document(data: Any, origin: str = "<document>") -> Document:
    """Validate an extraction document against the domain model.

    >>> doc = parse_document({"article": {"id": "a1"}, "entities": [
    ...     {"id": "city/hue", "type": "City", "name": "Huế"}], "relations": []})
    >>> doc.entities[0].name
    'Huế'
    """
    data = _object(data, origin, "")
    if not is_extraction_document(data):
        raise DocumentError(
            origin, "", "not an extraction document (needs 'article' and 'entities')"
        )
    article = _parse_article(data["article"], origin)
    entities: dict[str, Entity] = {}
    for i, raw in enumerate(_list(data.get("entities"), origin, "entities")):
        entity = _parse_entity(raw, origin, f"entities[{i}]")
        if entity.id in entities:
            raise DocumentError(origin, f"entities[{i}].id", f"{shown(entity.id)} appears twice")
        entities[entity.id] = entity
    relations = tuple(
        _parse_relation(raw, origin, f"relations[{i}]", entities)
        for i, raw in enumerate(_list(data.get("relations"), origin, "relations"))
    )
    return Document(article, tuple(entities.values()), relations, origin)
