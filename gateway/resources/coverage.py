"""How much of Visma's accounts-payable neighbourhood the gateway exposes: ``make coverage-doc``.

``python -m gateway.resources.coverage`` prints docs/coverage.md, read from the declarations
(``registry``), the GraphQL schema as ``build_schema`` builds it, and the vendored spec. An
operation is exposed when a declared resource's list or record path is read by a root
connection, a lookup or a nested field, or when a mutation ``<verb><Resource>`` writes it
(``create``: POST on the list path, ``update``: PUT on the record path, any other verb: POST on
``<record path>/action/<verb>``). A test fails when the committed document differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLObjectType, GraphQLSchema
from graphql import build_schema as parse_sdl

from gateway.resources.declaration import Resource
from gateway.resources.described import described
from gateway.resources.registry import RESOURCES
from gateway.resources.spec import load_spec
from gateway.settings import Settings
from schema import build_schema

# The spec's tags that make up what a payables frontend needs (issue 11's neighbourhood).
NEIGHBOURHOOD = (
    "Supplier",
    "SupplierInvoice",
    "SupplierPayment",
    "PurchaseOrder",
    "PurchaseReceipt",
    "SupplierDocument",
    "SupplierLocation",
    "Account",
    "Subaccount",
    "CashAccount",
    "Branch",
    "Currency",
    "CreditTerm",
    "PaymentMethod",
    "VatCategory",
    "VatZone",
    "Project",
    "ProjectTask",
    "Inventory",
    "Warehouse",
    "UnitOfMeasure",
    "Country",
    "FinancialPeriod",
    "Contact",
    "Attachment",
)
NOT_DECLARED = "not yet declared"
_METHODS = ("get", "post", "put", "patch", "delete")
_PARAM = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Operation:
    """One operation of the spec and the GraphQL field that exposes it (None: not exposed)."""

    tag: str
    method: str
    path: str
    exposed_by: str | None
    reason: str | None


def normalise(path: str) -> str:
    """A path compared with a declaration's: parameters as ``{}``, lowercased."""
    return _PARAM.sub("{}", path).lower()


def graphql_schema(settings: Settings | None = None) -> GraphQLSchema:
    """The gateway's schema as clients see it (its SDL, parsed)."""
    return parse_sdl(build_schema(settings or Settings()).as_str())


def _fields(schema: GraphQLSchema, type_name: str) -> set[str]:
    named = schema.get_type(type_name)
    return set(named.fields) if isinstance(named, GraphQLObjectType) else set()


def _reads(resource: Resource, schema: GraphQLSchema) -> Iterator[tuple[str, str, str]]:
    """(method, normalised path, GraphQL field) of every read the schema exposes."""
    root = _fields(schema, "Query")
    if resource.plural in root:
        yield "get", normalise(resource.path), f"`{resource.plural}` (root connection)"
    for link in resource.parents:
        if link.field not in _fields(schema, link.parent):
            continue
        nested = f"`{link.parent}.{link.field}` (nested)"
        # A nested connection filters the list by its parent; a single record per parent
        # (``many=False``) is read by the parent's key, or the whole list at once.
        yield "get", normalise(resource.path), nested
        if not link.many:
            yield "get", normalise(resource.single_path), nested
    if resource.singular in root:
        yield "get", normalise(resource.single_path), f"`{resource.singular}` (lookup)"


def _writes(schema: GraphQLSchema) -> Iterator[tuple[str, str, str]]:
    """(method, normalised path, GraphQL field) of every mutation named ``<verb><Resource>``."""
    for name in sorted(_fields(schema, "Mutation")):
        for resource in RESOURCES:
            if not name.endswith(resource.name) or name == resource.name:
                continue
            verb = name[: -len(resource.name)]
            label = f"`{name}` (mutation)"
            if verb == "create":
                yield "post", normalise(resource.path), label
            elif verb == "update":
                yield "put", normalise(resource.single_path), label
            else:
                yield "post", normalise(f"{resource.single_path}/action/{verb}"), label


def _files(schema: GraphQLSchema) -> Iterator[tuple[str, str, str]]:
    """(method, normalised path, label) of the files the gateway serves and uploads."""
    if "downloadUrl" in _fields(schema, "Attachment"):
        label = "`Attachment.downloadUrl` (`GET /attachments/{id}`)"
        yield "get", normalise("/v1/attachment/{attachmentId}"), label
    if "uploadSupplierInvoiceAttachment" in _fields(schema, "Mutation"):
        path = "/v1/supplierInvoice/documentType/{documentType}/{invoiceNumber}/attachment"
        yield "post", normalise(path), "`uploadSupplierInvoiceAttachment` (mutation)"


def exposures(schema: GraphQLSchema) -> dict[tuple[str, str], str]:
    """Every exposed (method, normalised path), with the fields that expose it."""
    found: dict[tuple[str, str], list[str]] = {}
    pairs = [read for r in RESOURCES for read in _reads(r, schema)]
    for method, path, label in [*pairs, *_writes(schema), *_files(schema)]:
        labels = found.setdefault((method, path), [])
        if label not in labels:
            labels.append(label)
    return {key: ", ".join(labels) for key, labels in found.items()}


def reason(method: str, path: str) -> str:
    """Why an operation is not exposed."""
    lowered = path.lower()
    if lowered.endswith("/print"):
        return "a printout (PDF) rather than data; not part of the graph"
    if "/barcode/" in lowered:
        return "barcode lookup for scanning devices; not part of the graph"
    if lowered.endswith("/attachment"):
        return "file upload: not yet exposed for this record"
    declared = {r.segment for r in RESOURCES}
    if lowered.split("/")[2] in declared:
        if method == "delete":
            return "deletion not yet exposed as a mutation"
        if "/action/" in lowered:
            return "action not yet exposed as a mutation"
        return "an operation of a declared resource not yet wired"
    return NOT_DECLARED


def operations(spec: dict[str, Any], schema: GraphQLSchema) -> list[Operation]:
    """The neighbourhood's operations in tag order, then in the spec's order."""
    exposed = exposures(schema)
    found: list[Operation] = []
    for tag in NEIGHBOURHOOD:
        for path, item in spec["paths"].items():
            for method in _METHODS:
                op = item.get(method)
                if op is None or tag not in op.get("tags", ()):
                    continue
                by = exposed.get((method, normalise(path)))
                why = None if by is not None else reason(method, path)
                found.append(Operation(tag, method.upper(), path, by, why))
    return found


@dataclass(frozen=True)
class DtoCoverage:
    """The properties of a declared resource's DTO that its GraphQL type exposes."""

    resource: str
    dto: str
    covered: tuple[str, ...]
    missing: tuple[str, ...]


def dto_coverage(spec: dict[str, Any], schema: GraphQLSchema) -> list[DtoCoverage]:
    """Per declared resource, its DTO's properties with and without a GraphQL field."""
    result = []
    for resource in RESOURCES:
        props = list(spec["components"]["schemas"][resource.dto].get("properties") or {})
        fields = _fields(schema, resource.name)
        covered = tuple(p for p in props if p in fields)
        missing = tuple(p for p in props if p not in fields)
        result.append(DtoCoverage(resource.name, resource.dto, covered, missing))
    return result


def render(spec: dict[str, Any], schema: GraphQLSchema) -> str:
    """docs/coverage.md."""
    ops = operations(spec, schema)
    exposed = sum(op.exposed_by is not None for op in ops)
    lines = [
        "# Coverage of Visma.net's accounts-payable neighbourhood",
        "",
        "Generated by `make coverage-doc` (`python -m gateway.resources.coverage`) from the",
        "resource declarations, the gateway's GraphQL schema and spec/visma-erp-openapi.json;",
        "do not edit. A test fails when it is out of date.",
        "",
        f"The neighbourhood is every operation tagged {', '.join(NEIGHBOURHOOD)}.",
        "",
        f"**{exposed} of {len(ops)} operations exposed.**",
        "",
        "## Operations",
        "",
        "| Tag | Method | Path | Exposed by | Not exposed because |",
        "| --- | --- | --- | --- | --- |",
    ]
    for op in ops:
        lines.append(
            f"| {op.tag} | {op.method} | `{op.path}` | {op.exposed_by or ''} | {op.reason or ''} |"
        )
    lines += [
        "",
        "## DTO properties per declared resource",
        "",
        "| Resource | DTO | Covered | Missing |",
        "| --- | --- | --- | --- |",
    ]
    for cov in dto_coverage(spec, schema):
        total = len(cov.covered) + len(cov.missing)
        missing = ", ".join(f"`{name}`" for name in cov.missing) or "none"
        lines.append(f"| {cov.resource} | {cov.dto} | {len(cov.covered)} of {total} | {missing} |")
    shares = described(schema)
    lines += [
        "",
        "## Descriptions",
        "",
        "What of the schema carries a description (Visma's from the spec where it has one):",
        "",
        "| Of the schema's | Described |",
        "| --- | --- |",
        f"| types | {shares.types} |",
        f"| fields (object, interface and input types) | {shares.fields} |",
        f"| arguments | {shares.arguments} |",
        f"| enum values | {shares.enum_values} |",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(load_spec(), graphql_schema()), end="")
