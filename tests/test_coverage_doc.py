"""docs/coverage.md: current with the declarations, the schema and the spec, and honest about
which operations the graph reads and writes."""

from __future__ import annotations

from pathlib import Path

from gateway.resources.coverage import (
    NOT_DECLARED,
    Operation,
    exposures,
    graphql_schema,
    normalise,
    operations,
    render,
)
from gateway.resources.registry import RESOURCES
from gateway.resources.spec import load_spec

DOC = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"
SPEC = load_spec()
SCHEMA = graphql_schema()


def _find(ops: list[Operation], method: str, path: str) -> Operation:
    return next(op for op in ops if op.method == method and op.path == path)


def test_the_committed_document_is_what_the_generator_writes() -> None:
    assert DOC.read_text() == render(SPEC, SCHEMA), "run `make coverage-doc` and commit it"


def test_every_declared_resource_is_read_by_some_field() -> None:
    exposed = exposures(SCHEMA)
    for resource in RESOURCES:
        assert ("get", normalise(resource.path)) in exposed, resource.name
        if resource.record_path is not None:
            assert ("get", normalise(resource.record_path)) in exposed, resource.name


def test_operations_are_marked_by_the_field_that_exposes_them_or_a_reason() -> None:
    ops = operations(SPEC, SCHEMA)

    assert _find(ops, "GET", "/v1/supplier").exposed_by == "`suppliers` (root connection)"
    assert _find(ops, "POST", "/v1/supplierPayment/{paymentNumber}/action/release").exposed_by
    assert "Supplier.invoices" in str(_find(ops, "GET", "/v1/supplierInvoice").exposed_by)
    printout = _find(ops, "GET", "/v1/PurchaseReceipt/{receiptNumber}/print")
    assert (printout.exposed_by, "printout" in str(printout.reason)) == (None, True)
    assert _find(ops, "GET", "/v1/contact").exposed_by == (
        "`contacts` (root connection), `Supplier.contacts` (nested), `Customer.contacts` (nested)"
    )
    assert _find(ops, "GET", "/v1/unitofmeasure").exposed_by == "`unitsOfMeasure` (root connection)"
    assert _find(ops, "GET", "/v1/attachment/{attachmentId}").exposed_by == (
        "`Attachment.downloadUrl` (`GET /attachments/{id}`)"
    )
    assert _find(ops, "PUT", "/v1/attachment/{attachmentId}").reason == NOT_DECLARED
    assert all((op.exposed_by is None) != (op.reason is None) for op in ops)
    assert {op.tag for op in ops} >= {"Supplier", "Attachment", "FinancialPeriod"}
