"""Reading what changed from the payload shapes Visma may send."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.events.notifications import ALL_KINDS, Change, notification_id, read_change

T = "tenant-1"


@pytest.mark.parametrize(
    ("body", "entity", "key"),
    [
        ({"resourceUri": "https://x.example/v1/supplier/10001"}, "supplier", ("10001",)),
        ({"resourceUri": "/v1/purchaseorder/PO000001"}, "purchaseOrder", ("PO000001",)),
        (
            {"resourceUri": "/v1/supplierInvoice/Invoice/100001"},
            "supplierInvoice",
            ("Invoice", "100001"),
        ),
        ({"resourceUri": "/v1/supplier/b64(SU1QLzIwMjQ)/balance"}, "supplier", None),
        ({"resourceUri": "/v1/supplier"}, "supplier", None),
        ({"eventType": "Supplier Changed", "entityId": "10001"}, "supplier", ("10001",)),
        ({"event": "supplier_changed", "number": 10001}, "supplier", ("10001",)),
        ({"event": "Purchase Order Status Changed", "id": "PO1"}, "purchaseOrder", ("PO1",)),
        ({"eventType": "AP Invoice Status Changed"}, "supplierInvoice", None),
        ({"eventType": "Customer Changed", "entityId": "1"}, "customer", ("1",)),
        ({"resourceUri": "/v1/customer/1"}, "customer", ("1",)),
        ({"resourceUri": "/v1/customer/1/balance"}, "customer", None),
        ({"eventType": "AR Invoice Status Changed", "id": "7"}, "customerInvoice", ("7",)),
        ({"resourceUri": "/v1/customerinvoice/7"}, "customerInvoice", ("7",)),
        ({"event": "salesorder_changed", "id": "SO1"}, "salesOrder", ("SO1",)),
        ({"eventType": "Employee Changed", "entityId": "1"}, None, None),
        ({"resourceUri": "/v1/employee/1"}, None, None),
        (
            {"resourceUri": "http://[broken/v1/supplier/1", "event": "Supplier Changed"},
            "supplier",
            None,
        ),
        ([1, 2, 3], None, None),
        (None, None, None),
    ],
)
def test_payload_shapes(body: Any, entity: str | None, key: tuple[str, ...] | None) -> None:
    change = read_change(body, T)

    assert change is not None
    assert (change.tenant, change.entity, change.key) == (T, entity, key)


def test_an_unknown_entity_invalidates_every_kind_and_a_known_one_only_its_own() -> None:
    assert Change(T, None, None, "").kinds == ALL_KINDS
    assert Change(T, "supplier", None, "").kinds == ("supplier", "supplierBalance")
    assert Change(T, "purchaseOrder", None, "").kinds == ("purchaseOrder", "supplierPoBalance")
    assert Change(T, "supplierInvoice", None, "").kinds == (
        "supplierInvoice",
        "supplierBalance",
        "supplierDocument",
    )


def test_the_tenant_comes_from_the_signed_body_else_the_header_and_must_look_like_one() -> None:
    assert read_change({"tenantId": "from-body"}, None) == Change("from-body", None, None, "")
    assert read_change({"contextId": "ctx"}, "hdr") == Change("ctx", None, None, "")
    assert read_change({}, "hdr") == Change("hdr", None, None, "")
    assert read_change({}, None) is None
    assert read_change({}, "bad tenant/../x") is None


def test_a_change_survives_its_json_form_and_junk_does_not_pass() -> None:
    change = Change(T, "supplierInvoice", ("Invoice", "1"), "AP Invoice Status Changed")

    assert Change.from_json(change.to_json()) == change
    assert Change.from_json({"entity": "supplier"}) is None
    assert Change.from_json({"tenant": T, "entity": "nope", "key": [1]}) == Change(
        T, None, None, ""
    )


def test_notification_id_from_the_body() -> None:
    assert notification_id({"notificationId": "abc"}) == "abc"
    assert notification_id("abc") is None
