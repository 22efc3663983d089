"""Every type of the schema is described, and at least 90% of its fields and arguments: each
with Visma's description from the spec where it has one, the gateway's own otherwise."""

from __future__ import annotations

from gateway.resources.coverage import dto_coverage, graphql_schema
from gateway.resources.described import described
from gateway.resources.spec import load_spec

SCHEMA = graphql_schema()
MAIN = ("Supplier", "SupplierInvoice", "PurchaseOrder", "SupplierPayment")


def test_types_enum_values_and_most_fields_and_arguments_are_described() -> None:
    shares = described(SCHEMA)
    main = {c.resource: c for c in dto_coverage(load_spec(), SCHEMA) if c.resource in MAIN}
    print(f"\ntypes {shares.types}, fields {shares.fields}, arguments {shares.arguments}, ")
    print(f"enum values {shares.enum_values}")
    for name, cov in main.items():
        print(f"{name}: {len(cov.covered)} of {len(cov.covered) + len(cov.missing)} DTO properties")

    assert shares.types.missing == ()
    assert shares.enum_values.missing == ()
    assert shares.fields.ratio >= 0.90, shares.fields.missing
    assert shares.arguments.ratio >= 0.90, shares.arguments.missing
