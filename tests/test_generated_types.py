"""The generated record types: current with the spec and the declarations, and lazy views
that read each property the way its spec type says."""

from __future__ import annotations

import filecmp
from decimal import Decimal
from pathlib import Path
from typing import Any

import strawberry

from gateway.resources.generate import OUTPUT, write
from gateway.resources.registry import BY_NAME
from gateway.resources.spec import load_schemas
from schema.generated import FIELDS
from schema.generated.supplier_invoice import SupplierInvoiceFields
from schema.types.node import decode_id, encode_id
from schema.types.record import RECORDS_CONFIG

SCHEMAS = load_schemas()


def test_the_committed_output_is_what_the_generator_writes(tmp_path: Path) -> None:
    write(tmp_path)

    names = sorted(p.name for p in OUTPUT.glob("*.py"))
    assert names == sorted(p.name for p in tmp_path.glob("*.py"))
    _, mismatch, errors = filecmp.cmpfiles(OUTPUT, tmp_path, names, shallow=False)
    assert (mismatch, errors) == ([], []), "run `make generate` and commit schema/generated"


def test_every_declared_resource_has_a_type_with_every_property_of_its_dto() -> None:
    for name, kind in FIELDS.items():
        dto = BY_NAME[name].dto
        definition = kind.__strawberry_definition__  # type: ignore[attr-defined]
        exposed = {f.graphql_name or f.python_name for f in definition.fields}
        properties = set(SCHEMAS[dto]["properties"]) - {"id"}
        assert properties <= exposed, sorted(properties - exposed)
        assert {"id", "vismaId"} <= exposed


def _sample(dto: str, depth: int = 0) -> dict[str, Any]:
    """A record of ``dto`` with a value of its spec type in every property."""
    out: dict[str, Any] = {}
    for name, prop in SCHEMAS[dto]["properties"].items():
        items = prop.get("items") if prop.get("type") == "array" else None
        target = items or prop
        ref = target.get("$ref") or next(
            (p["$ref"] for p in target.get("allOf", []) if "$ref" in p), None
        )
        if ref is not None:
            value: Any = _sample(ref.rsplit("/", 1)[-1], depth + 1) if depth < 3 else {}
        elif target.get("enum"):
            value = target["enum"][0]
        else:
            timestamp = target.get("format") == "date-time"
            value = {
                "string": "2024-05-01T10:00:00+02:00" if timestamp else "x",
                "number": 1234.5,
                "integer": 7,
                "boolean": True,
            }.get(str(target.get("type")), {"free": "form"})
        out[name] = [value] if items is not None else value
    return out


def _selection(kind: Any, depth: int = 0) -> str:
    parts = []
    for f in kind.__strawberry_definition__.fields:
        if f.python_name == "_data":  # private, filtered out when the schema is built
            continue
        if f.base_resolver is not None and f.base_resolver.is_async:
            continue  # an edge the engine adds (read through the loaders: tests/schema/)
        inner = getattr(f.type, "of_type", f.type)
        inner = getattr(inner, "of_type", inner)
        if hasattr(inner, "__strawberry_definition__") and depth < 4:
            parts.append(f"{f.graphql_name or f.python_name} {{ {_selection(inner, depth + 1)} }}")
        elif not hasattr(inner, "__strawberry_definition__"):
            parts.append(f.graphql_name or f.python_name)
    return " ".join(parts) or "__typename"


def _schema(kind: Any, record: dict[str, Any]) -> strawberry.Schema:
    """A schema whose ``record`` field answers ``record`` as ``kind``."""

    def resolve() -> Any:
        return kind(_data=record)

    query = type("Query", (), {"record": strawberry.field(resolver=resolve, graphql_type=kind)})
    return strawberry.Schema(query=strawberry.type(query), config=RECORDS_CONFIG)


def test_every_field_of_every_generated_type_reads_a_record_shaped_as_the_spec_says() -> None:
    for name, kind in FIELDS.items():
        resource = BY_NAME[name]
        record = _sample(resource.dto)

        result = _schema(kind, record).execute_sync(f"{{ record {{ {_selection(kind)} }} }}")

        assert result.errors is None, (name, result.errors)
        assert result.data is not None
        node_id = result.data["record"]["id"]
        assert decode_id(node_id) == (resource, resource.record_key(record))


def test_amounts_stay_exact_dates_read_as_utc_and_unknown_enum_values_read_unknown() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def invoice(self) -> SupplierInvoiceFields:
            return SupplierInvoiceFields(
                _data={
                    "documentType": "Invoice",
                    "referenceNumber": "100001",
                    "amount": 0.1,
                    "status": "SomethingNew",
                    "date": "2024-05-01T00:30:00+02:00",
                }
            )

    result = strawberry.Schema(query=Query, config=RECORDS_CONFIG).execute_sync(
        "{ invoice { id vismaId referenceNumber amount status date hold } }"
    )

    assert result.errors is None
    assert result.data == {
        "invoice": {
            "id": encode_id(BY_NAME["SupplierInvoice"], ("Invoice", "100001")),
            "vismaId": "Invoice/100001",
            "referenceNumber": "100001",
            "amount": str(Decimal("0.1")),
            "status": "UNKNOWN",
            "date": "2024-04-30T22:30:00+00:00",
            "hold": None,
        }
    }


def test_ids_that_the_gateway_did_not_write_are_refused() -> None:
    invoice = BY_NAME["SupplierInvoice"]

    assert decode_id(encode_id(invoice, ("Invoice", "1/2"))) == (invoice, ("Invoice", "1/2"))
    for bad in ("", "!!", "U3VwcGxpZXI", encode_id(invoice, ("Invoice",)), "Tm9wZTpbIjEiXQ"):
        assert decode_id(bad) is None
