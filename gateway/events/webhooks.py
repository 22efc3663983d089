"""``POST /webhooks/visma``: Visma.net's change notifications, verified, deduplicated, applied.

A notification is accepted only with a valid ``x-vwd-signature-v1`` (base64 HMAC-SHA256 of
the raw body under ``GATEWAY_WEBHOOK_SECRET``); otherwise 401 and nothing happens. An
accepted one is processed once across replicas: the cache generations of what changed are
bumped for the tenant and the change is published to subscriptions.

Only the body is signed, so its effect is bound to the body. A body is applied once, however
its unsigned notification-id header reads (deduplicated by the body's SHA-256 as well as by
the id), so a captured delivery cannot be replayed under a new id. The tenant is the one the
body names (``tenantId``/``tenant``/``contextId``); a tenant header that contradicts it is
refused with 400. When the body names none, the header is all there is: the body is still
applied only once, so it cannot be replayed to another company while its dedupe record lives
(``GATEWAY_WEBHOOK_DEDUP_TTL``), and its effect is an invalidation and an event that each
subscriber re-reads with its own token, never another company's data.

The dedupe records live in the idempotency store (``GATEWAY_IDEMPOTENCY_URL``), not in the
cache: a cache flooded with entries evicts what it holds, and an evicted record would let a
captured delivery be applied again. While that store cannot be reached a delivery is refused
with 503, so that the dispatcher retries it once the gateway can tell whether it is new.

Every other authenticated request is answered 2xx, even one the gateway cannot read, because
the dispatcher would otherwise retry it for as long as its policy allows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.errors import IdempotencyStoreUnavailable
from gateway.events.notifications import Change, body_tenant, notification_id, read_change
from gateway.metrics import Metrics
from gateway.settings import Settings
from gateway.upstream.cache import Cache
from gateway.upstream.idempotency_store import IdempotencyStore

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
_CLAIM_SECONDS = 60
SIGNATURE_HEADER = "x-vwd-signature-v1"
TENANT_HEADER = "x-vwd-tenant-id"
NOTIFICATION_HEADER = "x-vwd-notification-id"
EVENT_HEADER = "x-vwd-event-id"


def signature(secret: str, body: bytes) -> str:
    """The signature Visma's dispatcher sends with ``body``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


class WebhookEndpoint:
    """The ASGI endpoint; ``publish`` hands an accepted change to the subscriptions."""

    def __init__(
        self,
        settings: Settings,
        cache: Cache,
        records: IdempotencyStore,
        metrics: Metrics,
        publish: Callable[[Change], Awaitable[None]],
    ) -> None:
        self.secret = settings.webhook_secret
        self.dedup_ttl = settings.webhook_dedup_ttl
        self.cache = cache
        self.records = records
        self.metrics = metrics
        self.publish = publish

    def routes(self) -> list[Route]:
        return [Route("/webhooks/visma", self.receive, methods=["POST"])]

    async def receive(self, request: Request) -> Response:
        self.metrics.webhooks.labels("received").inc()
        body = await _body(request)
        if body is None:
            self.metrics.webhooks.labels("refused").inc()
            log.warning("webhook refused: body over %d bytes", MAX_BODY_BYTES)
            return _status(413, "too large")
        refusal = self._refusal(request, body)
        if refusal is not None:
            self.metrics.webhooks.labels("refused").inc()
            log.warning("webhook refused: %s", refusal)
            return JSONResponse({"status": "refused", "reason": refusal}, status_code=401)
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError:
            data = None
        digest = hashlib.sha256(body).hexdigest()
        ident = (request.headers.get(NOTIFICATION_HEADER) or notification_id(data) or digest)[:128]
        named, sent = body_tenant(data), request.headers.get(TENANT_HEADER)
        if named is not None and sent is not None and named != sent:
            self.metrics.webhooks.labels("refused").inc()
            log.warning("webhook %s refused: its tenant header contradicts its body", ident)
            return JSONResponse(
                {"status": "refused", "reason": "tenant header contradicts the signed body"},
                status_code=400,
            )
        markers = (f"webhook|body|{digest}", f"webhook|{ident}")
        try:
            # Claimed briefly while it is applied, then marked done: if this process dies in
            # between, the claims lapse and the dispatcher's next retry is applied.
            for marker in markers:
                if not await self.records.claim(marker, "pending", _CLAIM_SECONDS):
                    self.metrics.webhooks.labels("duplicate").inc()
                    log.info("webhook %s: already processed or being processed, ignored", ident)
                    return _status(200, "duplicate")
            self.metrics.webhooks.labels("accepted").inc()
            response = await self._apply(ident, data, request)
            for marker in markers:
                await self.records.put(marker, "done", self.dedup_ttl)
        except IdempotencyStoreUnavailable:
            self.metrics.webhooks.labels("refused").inc()
            log.warning("webhook %s refused: the store of dedupe records is unreachable", ident)
            return _status(503, "unavailable")
        return response

    async def _apply(self, ident: str, data: object, request: Request) -> Response:
        change = read_change(
            data, request.headers.get(TENANT_HEADER), request.headers.get(EVENT_HEADER)
        )
        if change is None:
            log.warning(
                "webhook %s names no tenant (no %s header, no tenantId in a %s body): "
                "nothing invalidated",
                ident,
                TENANT_HEADER,
                "JSON" if data is not None else "non-JSON",
            )
            return _status(202, "ignored")
        for kind in change.kinds:
            await self.cache.bump_generation(change.tenant, kind)
        await self.publish(change)
        if change.entity is None:
            log.warning(
                "webhook %s of tenant %s names nothing known (event %r): invalidated every kind",
                ident,
                change.tenant,
                change.event[:80],
            )
            return _status(202, "accepted")
        log.info(
            "webhook %s: %s %s of tenant %s, invalidated %s",
            ident,
            change.entity,
            "/".join(change.key) if change.key else "(any)",
            change.tenant,
            ", ".join(change.kinds),
        )
        return _status(200, "accepted")

    def _refusal(self, request: Request, body: bytes) -> str | None:
        if not self.secret:
            return "GATEWAY_WEBHOOK_SECRET is not configured"
        sent = request.headers.get(SIGNATURE_HEADER)
        if not sent:
            return f"no {SIGNATURE_HEADER} header"
        if not hmac.compare_digest(sent.strip().encode(), signature(self.secret, body).encode()):
            return "wrong signature"
        return None


async def _body(request: Request) -> bytes | None:
    """The raw body, or None when it is over the limit (read no further than that)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _status(code: int, status: str) -> Response:
    return JSONResponse({"status": status}, status_code=code)
