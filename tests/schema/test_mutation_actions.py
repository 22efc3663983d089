"""The supplier invoice's actions (send to approval, prebook, void, release, reverse, correct): the
POST Visma receives, the record read back, Visma's refusals as user errors, and If-Match
checked only where Visma checks it (an action in its background API)."""

from __future__ import annotations

from typing import Any

from gateway.settings import Settings
from gateway.simulator import Simulator
from tests.conftest import Gateway, running

CREATE = """mutation { createSupplierInvoice(input: {supplierNumber: "10015",
  invoiceLines: [{transactionDescription: "Frakt", quantity: "1", costInCurrency: "250"}]}) {
  supplierInvoice { referenceNumber status } version } }"""


def action(name: str, version: str | None = None) -> str:
    expected = "" if version is None else f', expectedVersion: "{version}"'
    return f"""mutation {{ {name}(documentType: INVOICE, referenceNumber: "106001"{expected}) {{
      supplierInvoice {{ status approvalStatus }} userErrors {{ code message field }} }} }}"""


def posts(gateway: Gateway) -> list[tuple[str, str | None]]:
    return [(c.path, c.headers.get("if-match")) for c in gateway.calls() if c.method == "POST"]


async def _created(gateway: Gateway) -> dict[str, Any]:
    created = await gateway.query(CREATE)
    invoice: dict[str, Any] = created["data"]["createSupplierInvoice"]
    assert invoice["supplierInvoice"] == {"referenceNumber": "106001", "status": "BALANCED"}
    gateway.sim.reset_calls()
    return invoice


async def test_an_invoice_is_sent_to_approval_once(gateway: Gateway) -> None:
    await _created(gateway)

    sent = await gateway.query(action("sendSupplierInvoiceToApproval"))
    again = await gateway.query(action("sendSupplierInvoiceToApproval"))

    assert sent["data"]["sendSupplierInvoiceToApproval"] == {
        "supplierInvoice": {"status": "BALANCED", "approvalStatus": "SENT_TO_APPROVAL"},
        "userErrors": [],
    }
    assert posts(gateway)[0] == (
        "/v1/supplierInvoice/Invoice/106001/action/sendtoapproval",
        None,
    )
    [error] = again["data"]["sendSupplierInvoiceToApproval"]["userErrors"]
    assert error["code"] == "BAD_USER_INPUT"
    assert "already been sent to approval" in error["message"]


async def test_a_prebooked_invoice_can_be_voided_and_only_then(gateway: Gateway) -> None:
    await _created(gateway)

    too_early = await gateway.query(action("voidSupplierInvoice"))
    prebooked = await gateway.query(action("prebookSupplierInvoice"))
    voided = await gateway.query(action("voidSupplierInvoice"))

    [error] = too_early["data"]["voidSupplierInvoice"]["userErrors"]
    assert "Only a prebooked document can be voided" in error["message"]
    assert prebooked["data"]["prebookSupplierInvoice"]["supplierInvoice"]["status"] == "PREBOOKED"
    assert voided["data"]["voidSupplierInvoice"]["supplierInvoice"]["status"] == "VOIDED"
    assert [path for path, _ in posts(gateway)] == [
        "/v1/supplierInvoice/Invoice/106001/action/voidinvoice",
        "/v1/supplierInvoice/Invoice/106001/action/prebook",
        "/v1/supplierInvoice/Invoice/106001/action/voidinvoice",
    ]


async def test_a_prebooked_invoice_is_released(gateway: Gateway) -> None:
    await _created(gateway)
    await gateway.query(action("prebookSupplierInvoice"))

    released = await gateway.query(action("releaseSupplierInvoice"))

    assert released["data"]["releaseSupplierInvoice"]["supplierInvoice"]["status"] == "OPEN"


async def test_an_actions_version_is_checked_only_in_the_background_api(sim: Simulator) -> None:
    async with running(sim, Settings()) as foreground:
        stale = (await _created(foreground))["version"]
        await foreground.query(action("sendSupplierInvoiceToApproval"))
        # Visma does not check If-Match on an action run at once: the stale version passes.
        prebooked = await foreground.query(action("prebookSupplierInvoice", stale))
    async with running(sim, Settings(background_wait=5.0)) as background:
        refused = await background.query(action("releaseSupplierInvoice", stale))

    assert prebooked["data"]["prebookSupplierInvoice"]["userErrors"] == []
    [error] = refused["data"]["releaseSupplierInvoice"]["userErrors"]
    assert (error["code"], error["field"]) == ("CONFLICT", ["expectedVersion"])
    assert posts(background)[-1] == (
        "/v1/supplierInvoice/Invoice/106001/action/release",
        f'"{stale}"',
    )


async def test_a_released_invoice_is_reversed_by_a_debit_adjustment(gateway: Gateway) -> None:
    await _created(gateway)

    too_early = await gateway.query(action("reverseSupplierInvoice"))
    await gateway.query(action("releaseSupplierInvoice"))
    reversed_ = await gateway.query(action("reverseSupplierInvoice"))
    listed = await gateway.query(
        """{ supplier(number: "10015") { invoices(first: 500) { nodes {
             documentType referenceNumber status amount description } } } }"""
    )

    [error] = too_early["data"]["reverseSupplierInvoice"]["userErrors"]
    assert "Only a released document can be reversed" in error["message"]
    assert reversed_["data"]["reverseSupplierInvoice"] == {
        "supplierInvoice": {"status": "OPEN", "approvalStatus": "NEW"},
        "userErrors": [],
    }
    assert posts(gateway)[-1][0] == "/v1/supplierInvoice/Invoice/106001/action/reverse"
    nodes = listed["data"]["supplier"]["invoices"]["nodes"]
    original = next(n for n in nodes if n["referenceNumber"] == "106001")
    [reversal] = [n for n in nodes if n["description"] == "Reversal of 106001"]
    assert (reversal["documentType"], reversal["status"]) == ("DEBIT_ADJ", "BALANCED")
    assert reversal["amount"] == original["amount"]


async def test_a_released_invoice_is_corrected_by_a_reversal_and_a_copy_on_hold(
    gateway: Gateway,
) -> None:
    await _created(gateway)

    too_early = await gateway.query(action("correctSupplierInvoice"))
    await gateway.query(action("releaseSupplierInvoice"))
    corrected = await gateway.query(action("correctSupplierInvoice"))
    listed = await gateway.query(
        """{ supplier(number: "10015") { invoices(first: 500) { nodes {
             documentType referenceNumber status amount description } } } }"""
    )

    [error] = too_early["data"]["correctSupplierInvoice"]["userErrors"]
    assert "Only an open invoice nothing has been paid on" in error["message"]
    assert corrected["data"]["correctSupplierInvoice"] == {
        "supplierInvoice": {"status": "CLOSED", "approvalStatus": "NEW"},
        "userErrors": [],
    }
    # Visma names the invoice by its number alone on this action.
    assert posts(gateway)[-1][0] == "/v1/supplierInvoice/106001/action/correct"
    nodes = listed["data"]["supplier"]["invoices"]["nodes"]
    original = next(n for n in nodes if n["referenceNumber"] == "106001")
    [reversal] = [n for n in nodes if n["description"] == "Reversal of 106001"]
    [copy] = [n for n in nodes if n["referenceNumber"] > "106002"]
    assert (reversal["documentType"], reversal["status"]) == ("DEBIT_ADJ", "CLOSED")
    assert (copy["documentType"], copy["status"]) == ("INVOICE", "HOLD")
    assert reversal["amount"] == copy["amount"] == original["amount"]
