"""Check OpenSearch request bodies against the official OpenAPI specification.

The specification (opensearch-project/opensearch-api-specification, Apache-2.0) is a multi-file
OpenAPI 3.1 document, whose schemas are JSON Schema 2020-12; the files the checked requests
need are copied under ``tests/sample_data/opensearch-api-spec`` (see its ``NOTE.md``). Two
changes are made in memory when loading:

- every ``oneOf`` becomes ``anyOf``: the specification's unions overlap, so a valid body often
  matches two branches and ``oneOf`` would reject it;
- objects are closed (``unevaluatedProperties: false``) wherever the schema names their
  properties and has no free-form branch, so that a misspelled key (``multimatch``, ``gtee``,
  ``analyser``) is an error rather than silently allowed. Index settings stay open: the
  specification's settings model is incomplete and would reject real settings.

This checks that a body is well-formed OpenSearch, not that it does the right thing; the
conformance suite on a real node does that.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import jsonschema
import yaml
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SPEC_DIR = Path(__file__).parent.parent / "sample_data" / "opensearch-api-spec" / "spec"


def _body(file: str, name: str, media: str = "application/json") -> tuple[str, str]:
    escaped = name.replace("~", "~0").replace("/", "~1")
    return file, f"/components/requestBodies/{escaped}/content/{media.replace('/', '~1')}/schema"


REQUEST_BODIES: dict[str, tuple[str, str]] = {
    "search": _body("namespaces/_core.yaml", "search"),
    "indices.create": _body("namespaces/indices.yaml", "indices.create"),
    "indices.update_aliases": _body("namespaces/indices.yaml", "indices.update_aliases"),
}
"""Request kind -> (file, JSON pointer) of its body's schema."""

BULK_ACTION = ("schemas/_core.bulk.yaml", "/components/schemas/OperationContainer")
"""The schema of one action line of a ``_bulk`` body (the document lines are free JSON)."""

OPEN_SCHEMAS = ("schemas/indices._common.yaml#/components/schemas/IndexSettings",)
"""Schemas left open in strict mode (see the module docstring)."""

_OBJECT_KEYWORDS = ("properties", "patternProperties", "additionalProperties")


class _YamlLoader(yaml.SafeLoader):
    """YAML 1.2 scalars: only true/false are booleans (not yes/no/on/off); no timestamps."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [
        (tag, pattern)
        for tag, pattern in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@dataclass(eq=False)
class ApiSpec:
    """The loaded specification; ``errors(kind, body)`` checks one request body."""

    root: Path
    registry: Registry
    _validators: dict[tuple[str, str, bool], Any] = field(default_factory=dict)

    @classmethod
    @functools.cache
    def load(cls, root: Path = SPEC_DIR) -> ApiSpec:
        """Load and tighten the specification (~3 s; cached per process)."""
        root = root.resolve()
        documents = {
            path.as_uri(): yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
            for path in sorted(root.rglob("*.yaml"))
        }
        for document in documents.values():
            _any_of(document)
        schemas = _Schemas(documents)
        open_ids = schemas.reachable(
            [schemas.resolve(root.as_uri() + "/", ref) for ref in OPEN_SCHEMAS]
        )
        for uri, document in documents.items():
            schemas.close_objects(uri, document, entry=False, open_ids=open_ids)
        registry = Registry().with_resources(
            (uri, DRAFT202012.create_resource(document)) for uri, document in documents.items()
        )
        return cls(root, registry)

    def errors(self, kind: str, body: Any) -> list[str]:
        """What is wrong with ``body`` as the body of a ``kind`` request; ``[]`` when valid.

        Args:
            kind: A key of ``REQUEST_BODIES``, or ``bulk`` (a list of lines, or NDJSON text).
            body: The request body as sent.
        """
        if kind == "bulk":
            return self._bulk_errors(body)
        if kind not in REQUEST_BODIES:
            return [f"no schema for {kind} requests"]
        if kind == "search" and isinstance(body, dict):
            return self._search_errors(body)
        return _explain(self._validator(*REQUEST_BODIES[kind]), body)

    def _search_errors(self, body: dict[str, Any], where: str = "") -> list[str]:
        """Check sub-aggregations one level at a time, as bodies of their own.

        ``jsonschema`` re-evaluates nested schemas for every ``unevaluatedProperties``, so
        checking time grows exponentially with the nesting of aggregations (0.005 s for one
        level, 0.5 s for two, 40 s for three). Each level is valid on its own exactly when the
        whole is: sub-aggregations are ``AggregationContainer`` maps at every depth.
        """
        top, nested = _detach_sub_aggregations(body)
        problems = [
            f"{message} (in {where})" if where else message
            for message in _explain(self._validator(*REQUEST_BODIES["search"]), top)
        ]
        for path, aggregations in nested:
            problems += self._search_errors({"aggs": aggregations}, f"{where}{path}")
        return problems

    def _bulk_errors(self, body: Any) -> list[str]:
        lines = body
        if isinstance(body, bytes | str):
            text = body.decode() if isinstance(body, bytes) else body
            lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        validator = self._validator(*BULK_ACTION, closed=True)
        problems = []
        pending = iter(lines)
        for number, line in enumerate(pending, start=1):
            found = _explain(validator, line)
            problems += [f"line {number}: {message}" for message in found]
            if not found and set(line) & {"index", "create", "update"}:
                next(pending, None)  # the document line: free JSON
        return problems

    def _validator(self, file: str, pointer: str, closed: bool = False) -> Any:
        key = (file, pointer, closed)
        if key not in self._validators:
            schema: dict[str, Any] = {"$ref": (self.root / file).as_uri() + "#" + pointer}
            if closed:  # a component schema checked directly: its root is closed too
                schema["unevaluatedProperties"] = False
            self._validators[key] = jsonschema.Draft202012Validator(schema, registry=self.registry)
        return self._validators[key]


def _detach_sub_aggregations(
    body: dict[str, Any],
) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """``body`` without the sub-aggregations of its aggregations, and those (path, map)."""
    key = "aggs" if "aggs" in body else "aggregations"
    aggregations = body.get(key)
    if not isinstance(aggregations, dict):
        return body, []
    nested: list[tuple[str, Any]] = []
    stripped: dict[str, Any] = {}
    for name, container in aggregations.items():
        if isinstance(container, dict):
            inner = "aggs" if "aggs" in container else "aggregations"
            if inner in container:
                nested.append((f"/{key}/{name}/{inner}", container[inner]))
                container = {k: v for k, v in container.items() if k != inner}
        stripped[name] = container
    return {**body, key: stripped}, nested


def request_kind(method: str, url: str) -> str:
    """The kind of an HTTP request as ``ApiSpec.errors`` names it."""
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last == "_search":
        return "search"
    if last == "_bulk":
        return "bulk"
    if last == "_aliases" and method == "POST":
        return "indices.update_aliases"
    if method == "PUT" and path.count("/") == 1 and not last.startswith("_"):
        return "indices.create"
    return f"{method} {path}"


# Loading -----------------------------------------------------------------------------------


def _any_of(node: Any) -> None:
    """Rewrite every ``oneOf`` to ``anyOf`` in place."""
    if isinstance(node, dict):
        if "oneOf" in node and "anyOf" not in node:
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _any_of(value)
    elif isinstance(node, list):
        for value in node:
            _any_of(value)


class _Schemas:
    """The specification's documents by URI, with ``$ref`` resolution and object closing."""

    def __init__(self, documents: dict[str, Any]) -> None:
        self.documents = documents

    def resolve(self, base: str, ref: str) -> tuple[str, Any]:
        uri, fragment = urldefrag(urljoin(base, ref))
        node = self.documents[uri]
        for part in (part for part in fragment.split("/") if part):
            part = unquote(part).replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return uri, node

    def reachable(self, roots: list[tuple[str, Any]]) -> frozenset[int]:
        """Ids of the schema nodes reachable through ``$ref`` from ``roots`` (included)."""
        seen: set[int] = set()
        stack = list(roots)
        while stack:
            base, node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack += [self.resolve(base, ref) for ref in _refs(node)]
        return frozenset(seen)

    def kind(self, base: str, node: Any, seen: frozenset[tuple[str, int]] = frozenset()) -> str:
        """``strict`` if the schema names an object's properties, ``free`` if some branch
        allows any object, else ``none``."""
        if not isinstance(node, dict) or (base, id(node)) in seen:
            return "none"
        seen = seen | {(base, id(node))}
        kinds = []
        if "$ref" in node:
            uri, target = self.resolve(base, node["$ref"])
            kinds.append(self.kind(uri, target, seen))
        if any(keyword in node for keyword in (*_OBJECT_KEYWORDS, "unevaluatedProperties")):
            extra = node.get("additionalProperties")
            named = "properties" in node or "patternProperties" in node
            kinds.append("strict" if named or isinstance(extra, dict) or extra is False else "free")
        for keyword in ("anyOf", "oneOf"):
            if keyword in node:
                branches = [self.kind(base, branch, seen) for branch in node[keyword]]
                kinds.append(_strongest(branches, free_wins=True))
        if "allOf" in node:
            # A free-form member of an allOf does not free the whole.
            members = [self.kind(base, member, seen) for member in node["allOf"]]
            kinds.append("strict" if "strict" in members else "none")
        if not kinds:
            kind = node.get("type")
            is_object = kind == "object" or (isinstance(kind, list) and "object" in kind)
            return "free" if is_object else "none"
        return _strongest(kinds, free_wins=True)

    def close_objects(self, base: str, node: Any, *, entry: bool, open_ids: frozenset[int]) -> None:
        """Add ``unevaluatedProperties: false`` where an instance enters a named-object schema."""
        if isinstance(node, list):
            for value in node:
                self.close_objects(base, value, entry=False, open_ids=open_ids)
            return
        if not isinstance(node, dict) or id(node) in open_ids:
            return
        if "$ref" in node and id(self.resolve(base, node["$ref"])[1]) in open_ids:
            entry = False
        if (
            entry
            and "additionalProperties" not in node
            and "unevaluatedProperties" not in node
            and self.kind(base, node) == "strict"
        ):
            node["unevaluatedProperties"] = False
        for key, value in list(node.items()):
            if key == "unevaluatedProperties" and value is False:
                continue
            if key in ("properties", "patternProperties") and isinstance(value, dict):
                for schema in value.values():
                    self.close_objects(base, schema, entry=True, open_ids=open_ids)
            elif key in ("additionalProperties", "items", "schema") and isinstance(value, dict):
                # ``schema`` is an OpenAPI media type's: the root of a request body.
                self.close_objects(base, value, entry=True, open_ids=open_ids)
            elif key == "prefixItems" and isinstance(value, list):
                for schema in value:
                    self.close_objects(base, schema, entry=True, open_ids=open_ids)
            else:
                self.close_objects(base, value, entry=False, open_ids=open_ids)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _strongest(kinds: list[str], *, free_wins: bool) -> str:
    if free_wins and "free" in kinds:
        return "free"
    return "strict" if "strict" in kinds else "none"


# Reporting ---------------------------------------------------------------------------------


def _flatten(errors: Any) -> Iterator[jsonschema.ValidationError]:
    for error in errors:
        yield error
        if error.context:
            yield from _flatten(error.context)


def _explain(validator: Any, instance: Any, limit: int = 3) -> list[str]:
    """The most specific errors first (deepest instance path).

    ``best_match`` misleads on closed objects: a nested failure fails the enclosing branch,
    whose ``unevaluatedProperties`` then calls every key unexpected.
    """
    errors = list(_flatten(validator.iter_errors(instance)))
    if not errors:
        return []

    def is_discriminator(error: jsonschema.ValidationError) -> bool:
        path = error.absolute_path
        return error.validator in ("enum", "const") and bool(path) and path[-1] == "type"

    allowed: dict[tuple[Any, ...], set[str]] = {}
    for error in errors:
        if is_discriminator(error):
            values = error.validator_value if error.validator == "enum" else [error.validator_value]
            allowed.setdefault(tuple(error.absolute_path), set()).update(map(str, values))

    def rank(error: jsonschema.ValidationError) -> tuple[Any, ...]:
        discriminator = is_discriminator(error)
        vague = (
            error.validator == "unevaluatedProperties"
            and "were unexpected" in error.message
            and len(list(error.instance)) > 1
        )
        return (
            len(error.absolute_path) - discriminator,
            discriminator,
            not vague,
            error.validator != "required",
            error.validator not in ("anyOf", "oneOf"),
        )

    messages: list[str] = []
    for error in sorted(errors, key=rank, reverse=True):
        where = "/" + "/".join(map(str, error.absolute_path))
        if is_discriminator(error):
            options = sorted(allowed[tuple(error.absolute_path)])
            message = f"{error.instance!r} is not one of {options[:8]} @ {where}"
        else:
            message = f"{error.message[:140]} @ {where}"
        if message not in messages:
            messages.append(message)
        if len(messages) >= limit:
            break
    return messages
