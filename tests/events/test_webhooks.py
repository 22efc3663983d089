"""POST /webhooks/visma: signatures, invalidation counted at the simulator, retries, garbage."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import orjson
import pytest

from gateway.events.webhooks import signature
from gateway.settings import Settings
from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, Simulator, demo_token
from tests.conftest import TOKEN_B, Gateway, running

SECRET = "webhook-signing-key"
SUPPLIER_A = '{ supplier(number: "10001") { name balance invoices(first: 5) { totalCount } } }'
SUPPLIER_B = '{ supplier(number: "20001") { name balance invoices(first: 5) { totalCount } } }'
ORDERS_A = "{ purchaseOrders(first: 5) { nodes { orderNumber } } }"
# Another user of company A: the invalidation is per company, not per token.
OTHER_USER_A = demo_token(COMPANY_A_TENANT, subject="other-user")


def legacy_body(path: str, event: str = "supplier_changed") -> dict[str, Any]:
    return {
        "contextId": COMPANY_A_TENANT,
        "eventId": event,
        "action": "Updated",
        "resourceUri": f"https://api.finance.visma.net{path}",
    }


async def deliver(
    gateway: Gateway,
    body: bytes | dict[str, Any],
    *,
    tenant: str = COMPANY_A_TENANT,
    notification: str = "n-1",
    secret: str | None = SECRET,
) -> Any:
    raw = body if isinstance(body, bytes) else orjson.dumps(body)
    headers = {
        "content-type": "application/json",
        "x-vwd-tenant-id": tenant,
        "x-vwd-notification-id": notification,
    }
    if secret is not None:
        headers["x-vwd-signature-v1"] = signature(secret, raw)
    return await gateway.client.post("/webhooks/visma", content=raw, headers=headers)


def paths(sim: Simulator) -> list[str]:
    return [call.path for call in sim.calls]


@pytest.fixture
def settings() -> Settings:
    return Settings(webhook_secret=SECRET)


async def warm(gateway: Gateway) -> None:
    for query, token in ((SUPPLIER_A, OTHER_USER_A), (SUPPLIER_B, TOKEN_B), (ORDERS_A, None)):
        result = await (
            gateway.query(query) if token is None else gateway.query(query, token=token)
        )
        assert "errors" not in result
    gateway.sim.reset_calls()


async def test_a_signed_webhook_refreshes_that_supplier_for_its_company_only(
    gateway: Gateway,
) -> None:
    await warm(gateway)

    response = await deliver(gateway, legacy_body("/v1/supplier/10001"))
    assert response.status_code == 200
    assert response.json() == {"status": "accepted"}

    refreshed = await gateway.query(SUPPLIER_A, token=OTHER_USER_A)
    assert refreshed["data"]["supplier"]["name"]
    assert "/v1/supplier/10001" in paths(gateway.sim)
    assert "/v1/supplier/10001/balance" in paths(gateway.sim)
    gateway.sim.reset_calls()
    other_company = await gateway.query(SUPPLIER_B, token=TOKEN_B)
    other_kind = await gateway.query(ORDERS_A)
    assert other_company["extensions"]["upstream"]["calls"] == 0
    assert other_kind["extensions"]["upstream"]["calls"] == 0
    assert gateway.sim.calls == []


@pytest.mark.parametrize(
    ("secret", "headers_sent"),
    [("not-the-key", "wrong"), (None, "missing")],
)
async def test_a_wrong_or_missing_signature_is_refused_and_changes_nothing(
    gateway: Gateway, secret: str | None, headers_sent: str, caplog: pytest.LogCaptureFixture
) -> None:
    await warm(gateway)

    response = await deliver(gateway, legacy_body("/v1/supplier/10001"), secret=secret)

    assert response.status_code == 401
    assert (await gateway.query(SUPPLIER_A, token=OTHER_USER_A))["extensions"]["upstream"][
        "calls"
    ] == 0
    assert "webhook refused" in caplog.text
    assert SECRET not in caplog.text


async def test_without_a_configured_secret_every_webhook_is_refused(
    sim: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(sim, Settings()) as gateway:
        response = await deliver(gateway, legacy_body("/v1/supplier/10001"), secret="")

    assert response.status_code == 401
    assert "GATEWAY_WEBHOOK_SECRET is not configured" in caplog.text


async def test_the_same_notification_delivered_twice_is_processed_once(gateway: Gateway) -> None:
    await warm(gateway)
    first = await deliver(gateway, legacy_body("/v1/supplier/10001"), notification="n-42")
    await gateway.query(SUPPLIER_A, token=OTHER_USER_A)  # refetched and cached again
    gateway.sim.reset_calls()

    again = await deliver(gateway, legacy_body("/v1/supplier/10001"), notification="n-42")
    after = await gateway.query(SUPPLIER_A, token=OTHER_USER_A)

    assert first.json() == {"status": "accepted"}
    assert again.status_code == 200
    assert again.json() == {"status": "duplicate"}
    assert after["extensions"]["upstream"]["calls"] == 0


async def test_a_delivery_replayed_against_another_company_changes_nothing_there(
    gateway: Gateway,
) -> None:
    body = legacy_body("/v1/supplier/10001")  # names company A (contextId), signed
    await warm(gateway)
    first = await deliver(gateway, body, notification="n-a")
    await warm(gateway)

    to_b = await deliver(gateway, body, tenant=COMPANY_B_TENANT, notification="n-forged")
    under_new_id = await deliver(gateway, body, notification="n-forged-2")
    b = await gateway.query(SUPPLIER_B, token=TOKEN_B)
    a = await gateway.query(SUPPLIER_A, token=OTHER_USER_A)

    assert first.json() == {"status": "accepted"}
    assert to_b.status_code == 400
    assert under_new_id.json() == {"status": "duplicate"}
    assert b["extensions"]["upstream"]["calls"] == 0
    assert a["extensions"]["upstream"]["calls"] == 0


async def test_a_body_naming_no_tenant_is_applied_once_whatever_its_headers_say(
    gateway: Gateway,
) -> None:
    body = {"eventType": "Supplier Changed", "entityId": "10001"}
    await warm(gateway)
    first = await deliver(gateway, body, notification="n-1")
    await warm(gateway)

    replay = await deliver(gateway, body, tenant=COMPANY_B_TENANT, notification="n-2")
    b = await gateway.query(SUPPLIER_B, token=TOKEN_B)

    assert first.json() == {"status": "accepted"}
    assert replay.json() == {"status": "duplicate"}
    assert b["extensions"]["upstream"]["calls"] == 0


@pytest.mark.parametrize("settings", [Settings(webhook_secret=SECRET, cache_max_bytes=65536)])
async def test_a_delivery_replayed_after_the_cache_was_flooded_is_still_a_duplicate(
    gateway: Gateway,
) -> None:
    body = legacy_body("/v1/supplier/10001")
    first = await deliver(gateway, body, notification="n-flood")
    cache = gateway.app.state.stores.cache
    for number in range(500):  # about 500 KB of entries into a 64 KB cache
        await cache.set(f"flood|{number}", {"filler": "x" * 1000}, 300)

    replay = await deliver(gateway, body, notification="n-flood")
    under_new_id = await deliver(gateway, body, notification="n-flood-2")

    assert await cache.get("flood|0") is None, "the flood evicted nothing"
    assert first.json() == {"status": "accepted"}
    assert replay.json() == {"status": "duplicate"}
    assert under_new_id.json() == {"status": "duplicate"}


@pytest.mark.parametrize(
    "settings", [Settings(webhook_secret=SECRET, idempotency_url="redis://127.0.0.1:1/0")]
)
async def test_a_delivery_is_refused_with_503_while_its_dedupe_store_is_unreachable(
    gateway: Gateway,
) -> None:
    await warm(gateway)

    response = await deliver(gateway, legacy_body("/v1/supplier/10001"), notification="n-503")
    after = await gateway.query(SUPPLIER_A, token=OTHER_USER_A)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert after["extensions"]["upstream"]["calls"] == 0, "applied without a dedupe record"


async def test_a_notification_whose_processing_died_is_applied_on_the_retry(
    gateway: Gateway,
) -> None:
    await warm(gateway)
    # As if another replica claimed it and died before applying it: the claim lapses.
    await gateway.app.state.records.claim("webhook|n-lost", "pending", 1)
    await asyncio.sleep(1.1)

    response = await deliver(gateway, legacy_body("/v1/supplier/10001"), notification="n-lost")

    assert response.json() == {"status": "accepted"}
    await gateway.query(SUPPLIER_A, token=OTHER_USER_A)
    assert "/v1/supplier/10001" in paths(gateway.sim)


async def test_a_garbage_body_is_accepted_and_logged_without_an_exception(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    await warm(gateway)
    caplog.set_level(logging.INFO)

    response = await deliver(gateway, b"\x00not json at all{", notification="n-garbage")

    assert response.status_code == 202
    assert "names nothing known" in caplog.text
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    # It could not tell what changed, so everything of the tenant reads afresh, B stays warm.
    assert (await gateway.query(ORDERS_A))["extensions"]["upstream"]["calls"] > 0
    assert (await gateway.query(SUPPLIER_B, token=TOKEN_B))["extensions"]["upstream"]["calls"] == 0


async def test_a_signed_webhook_without_any_tenant_is_acknowledged(gateway: Gateway) -> None:
    response = await deliver(gateway, {"hello": "world"}, tenant="")

    assert response.status_code == 202
    assert response.json() == {"status": "ignored"}


async def test_a_body_over_the_limit_is_refused_before_it_is_read(gateway: Gateway) -> None:
    response = await deliver(gateway, b"x" * (256 * 1024 + 1))

    assert response.status_code == 413


async def test_an_event_named_body_of_an_invoice_refreshes_invoices_and_balances(
    gateway: Gateway,
) -> None:
    await warm(gateway)
    body = {"eventType": "AP Invoice Status Changed", "entityId": "100001"}

    response = await deliver(gateway, body, notification="n-inv")
    again = await gateway.query(SUPPLIER_A, token=OTHER_USER_A)

    assert response.json() == {"status": "accepted"}
    assert "/v1/supplier/10001" not in paths(gateway.sim)
    assert "/v1/supplier/10001/balance" in paths(gateway.sim)
    assert again["extensions"]["upstream"]["calls"] > 0
    assert COMPANY_B_TENANT not in {call.tenant_id for call in gateway.sim.calls}


def test_the_webhook_settings_come_from_the_environment_and_the_secret_is_never_shown() -> None:
    settings = Settings.from_env(
        {
            "GATEWAY_WEBHOOK_SECRET": "from-portal",
            "GATEWAY_WEBHOOK_DEDUP_TTL": "600",
            "GATEWAY_SUBSCRIPTION_QUEUE": "5",
        }
    )

    assert (settings.webhook_secret, settings.webhook_dedup_ttl) == ("from-portal", 600)
    assert settings.subscription_queue == 5
    assert "from-portal" not in repr(settings)


@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'"text"',
        b"123",
        b"",
        b'{"resourceUri": 5, "event": {"nested": true}, "entityId": ["a"]}',
        b'{"resourceUri": "http://[broken/v1/supplier/1"}',
        b'{"eventType": "Supplier Changed", "entityId": "' + b"9" * 500 + b'"}',
        b"[" * 5000,
    ],
)
async def test_odd_signed_bodies_are_answered_2xx_without_an_exception(
    gateway: Gateway, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    response = await deliver(gateway, body, notification="")

    assert response.status_code in (200, 202)
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
