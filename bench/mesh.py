"""GraphQL Mesh as a Q1 peer: its OpenAPI source over Visma's spec, built and served from npm.

``bench/peers/`` holds the npm project (package.json, package-lock.json) and Mesh's
configuration (``.meshrc.yaml``): one OpenAPI source, the caller's ``Authorization`` header
forwarded on every call, and three additional resolvers that give ``SupplierDto`` its
``invoices``, ``purchaseOrders`` and ``payments``, each one filtered REST call per supplier,
the way Mesh's documentation writes such a join. Mesh reads a trimmed copy of the spec
(:func:`write_spec`), written next to the configuration and ignored by git.
"""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).with_name("peers")
MESH = PROJECT / "node_modules" / ".bin" / "mesh"
SPEC = Path(__file__).parent.parent / "spec" / "visma-erp-openapi.json"
TRIMMED_SPEC = PROJECT / "visma-q1.json"
# The four list operations Q1 reads: suppliers, then per supplier its invoices, orders, payments.
Q1_PATHS = ("/v1/supplier", "/v1/supplierInvoice", "/v1/purchaseorder", "/v1/supplierPayment")
_SCHEMA_REF = "#/components/schemas/"

Q1 = """{ Supplier_GetAll(pageNumber: 1, pageSize: 50) { number name metadata { totalCount }
  invoices { referenceNumber amount balance status }
  purchaseOrders { orderNbr status orderTotal }
  payments { refNbr paymentAmount } } }"""
"""Q1 as a Mesh user writes it against the schema Mesh generates (Visma's names)."""


def write_spec(target: Path = TRIMMED_SPEC) -> None:
    """Write Visma's spec, cut down to the GET operations of :data:`Q1_PATHS`, to ``target``.

    Only what Q1 needs stays: with all 383 paths Mesh would build and hold a schema about
    twenty times larger, which only slows its start. Of each operation the 200 answer is
    kept and the 202 answer and the ``erp-api-background`` header parameter (Visma's
    background execution) are dropped: with them Mesh types every list as a union of the DTO
    and ``BackgroundApiResponse``, and Q1 would need inline fragments. The schemas kept are
    those the operations reach through ``$ref``.
    """
    spec = json.loads(SPEC.read_text())
    paths: dict[str, Any] = {}
    for path in Q1_PATHS:
        operation = dict(spec["paths"][path]["get"])
        operation["responses"] = {"200": operation["responses"]["200"]}
        operation["parameters"] = [p for p in operation["parameters"] if p.get("in") != "header"]
        paths[path] = {"get": operation}
    schemas = spec["components"]["schemas"]
    reached: set[str] = set()
    pending: list[Any] = [paths]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(_SCHEMA_REF):
                name = ref.removeprefix(_SCHEMA_REF)
                if name not in reached:
                    reached.add(name)
                    pending.append(schemas[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    trimmed = {key: value for key, value in spec.items() if key not in ("paths", "components")}
    trimmed["paths"] = paths
    trimmed["components"] = {
        "schemas": {name: schemas[name] for name in sorted(reached)},
        "securitySchemes": spec["components"]["securitySchemes"],
    }
    target.write_text(json.dumps(trimmed))


def build() -> None:
    """Trim the spec and let Mesh build its artifacts (``bench/peers/.mesh``)."""
    if not MESH.exists():
        raise SystemExit(f"{MESH} is missing: run `make bench-peers` (npm ci in {PROJECT})")
    write_spec()
    subprocess.run(  # noqa: S603 - the locally installed Mesh CLI, fixed arguments
        [str(MESH), "build", "--dir", str(PROJECT)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def serve_command(port: int) -> list[str]:
    """The command that serves the built Mesh on ``port`` (one process, no cluster)."""
    return [str(MESH), "start", "--dir", str(PROJECT), "--port", str(port)]


Answer = list[tuple[str, str, int, list[tuple[Any, ...]], list[tuple[Any, ...]], list[Any]]]
"""Q1's answer in a form both peers reduce to: per supplier (in order) its number, name, the
supplier total, and its invoices, orders and payments as sorted tuples."""


def mesh_answer(body: dict[str, Any]) -> Answer:
    """Mesh's Q1 answer in the comparable form."""
    return [
        (
            supplier["number"],
            supplier["name"],
            supplier["metadata"]["totalCount"],
            sorted(
                (
                    i["referenceNumber"],
                    Decimal(str(i["amount"])),
                    Decimal(str(i["balance"])),
                    _status(i["status"]),
                )
                for i in supplier["invoices"]
            ),
            sorted(
                (o["orderNbr"], _status(o["status"]), Decimal(str(o["orderTotal"])))
                for o in supplier["purchaseOrders"]
            ),
            sorted((p["refNbr"], Decimal(str(p["paymentAmount"]))) for p in supplier["payments"]),
        )
        for supplier in body["data"]["Supplier_GetAll"]
    ]


def gateway_answer(body: dict[str, Any]) -> Answer:
    """The gateway's Q1 answer (``bench.q1.Q1``) in the comparable form."""
    suppliers = body["data"]["suppliers"]
    return [
        (
            supplier["number"],
            supplier["name"],
            suppliers["totalCount"],
            sorted(
                (
                    i["referenceNumber"],
                    Decimal(i["amount"]),
                    Decimal(i["balance"]),
                    _status(i["status"]),
                )
                for i in supplier["invoices"]["nodes"]
            ),
            sorted(
                (o["orderNumber"], _status(o["status"]), Decimal(o["orderTotal"]))
                for o in supplier["purchaseOrders"]["nodes"]
            ),
            sorted(
                (p["referenceNumber"], Decimal(p["paymentAmount"]))
                for p in supplier["payments"]["nodes"]
            ),
        )
        for supplier in suppliers["nodes"]
    ]


def _status(value: str) -> str:
    # Visma says "Open" or "PendingApproval"; the gateway's enums say OPEN, PENDING_APPROVAL.
    return value.replace("_", "").upper()
