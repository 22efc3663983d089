"""Hostile clients for the load bench: each one repeats one kind of attack until the run ends.

The kinds, taken in turn by the adversaries: forged tokens (company A's claims, a wrong
signature), oversized bodies (20 MB posted, or 150 MB announced in Content-Length and never
sent), the "freeze" query (lists nested three deep, 500 each), 27 aliased filtered nested lists,
and deeply nested JSON. What they get back is tallied per kind, apart from the normal clients.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, demo_token

FREEZE = (
    "{ supplierInvoices(first: 500) { nodes { supplier { invoices(first: 500) { nodes { "
    "supplier { payments(first: 500) { nodes { referenceNumber paymentAmount } } } } } } } } }"
)
ALIASED = (
    "{ suppliers(first: 50) { nodes { name "
    + " ".join(
        f"l{i}: invoices(first: 100, filter: {{ balance: "
        f'{{ operator: LESS_THAN, value: "{10**9 + i}" }} }}) '
        "{ nodes { referenceNumber supplier { name } } }"
        for i in range(27)
    )
    + " } } }"
)
LOOKUP = '{ supplier(number: "10001") { name balance } }'
BIG_BODY = json.dumps({"query": LOOKUP, "variables": {"pad": "x" * (20 * 1024 * 1024)}}).encode()
NESTED_JSON = b'{"query": "{ __typename }", "variables": {"v": ' + b"[" * 100_000 + b"]" * 100_000
NESTED_JSON += b"}}"
CLAIMED_BYTES = 150 * 1024 * 1024
KINDS = ("forged token", "20 MB body", "150 MB claimed", "freeze query", "27 aliases", "deep JSON")


def forged_token(serial: int) -> str:
    """Company A's claims (a new subject each time, so no refusal is remembered) under a
    signature the simulator's key did not make."""
    header, payload, _ = demo_token(COMPANY_A_TENANT, subject=f"forger-{serial}").split(".")
    return f"{header}.{payload}.{'A' * 43}"


@dataclass
class AttackTally:
    """Per kind of attack: attempts, HTTP statuses (or how the connection failed), codes."""

    statuses: dict[str, Counter[str]] = field(default_factory=dict)
    codes: dict[str, Counter[str]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """One Markdown list item per kind of attack seen."""
        return [
            f'- attack "{kind}": statuses {dict(self.statuses[kind].most_common())}, '
            f"codes {dict(self.codes[kind].most_common()) or '-'}"
            for kind in KINDS
            if kind in self.statuses
        ]

    def seen(self, kind: str, status: str, codes: list[str] | None = None) -> None:
        self.statuses.setdefault(kind, Counter())[status] += 1
        self.codes.setdefault(kind, Counter()).update(codes or [])


async def adversary(url: str, kind: str, until: float, tally: AttackTally, seed: int) -> None:
    """Repeat ``kind`` against ``url`` (the gateway or the proxy) until ``until``; ``seed``
    keeps this adversary's forged tokens apart from another's."""
    own = demo_token(COMPANY_B_TENANT, subject="adversary")
    serial = 0
    async with httpx.AsyncClient(timeout=120) as http:
        while time.monotonic() < until:
            serial += 1
            forged = forged_token(seed * 1_000_000 + serial)
            if kind == "150 MB claimed":
                tally.seen(kind, await _claim_without_sending(url, forged))
                continue
            token, body = {
                "forged token": (forged, json.dumps({"query": LOOKUP}).encode()),
                "20 MB body": (own, BIG_BODY),
                "freeze query": (own, json.dumps({"query": FREEZE}).encode()),
                "27 aliases": (own, json.dumps({"query": ALIASED}).encode()),
                "deep JSON": (own, NESTED_JSON),
            }[kind]
            try:
                response = await http.post(
                    url + "/graphql",
                    content=body,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                )
            except httpx.TransportError as failure:
                tally.seen(kind, type(failure).__name__)
                await asyncio.sleep(0.1)
                continue
            try:
                errors = response.json().get("errors") or []
            except ValueError:
                errors = [{"extensions": {"code": "(not JSON)"}}]
            tally.seen(
                kind,
                str(response.status_code),
                [str((e.get("extensions") or {}).get("code", "-")) for e in errors],
            )


async def _claim_without_sending(url: str, token: str) -> str:
    """Announce a 150 MB body, send 64 KB of it, and read what comes back within 10 s."""
    parts = urlsplit(url)
    try:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    except OSError as failure:
        return type(failure).__name__
    try:
        writer.write(
            (
                f"POST /graphql HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                f"Authorization: Bearer {token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {CLAIMED_BYTES}\r\n\r\n"
            ).encode()
            + b"x" * 65536
        )
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), 10)
        return status_line.split(b" ")[1].decode() if status_line else "closed"
    except (OSError, TimeoutError, IndexError) as failure:
        return type(failure).__name__
    finally:
        writer.close()
