"""Which tokens are proven: a token's claims group it with a company only after Visma accepted it.

The gateway cannot verify a Visma Connect token's signature itself, so its ``tenant_id`` and
``client_id`` claims are only a claim until Visma answers a call made with the token with a
2xx. From then until the token's ``exp`` (at most ``max_seconds``) the principal counts as
that company's: it shares the company's rate budget, may bump its cache generations and
receives its events. A token
Visma refused (401) is remembered for ``refusal_seconds``, and answered UNAUTHENTICATED at
the edge without another upstream call. Both facts live in the cache backend under the
principal (a digest, never the token), so with Redis every replica agrees; a fact the cache
lost only costs the token its company grouping until its next accepted call.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from gateway.credentials import Credentials
from gateway.errors import Unauthenticated
from gateway.upstream.cache import Cache, entry_key

_PROVEN = "proven"
_REFUSED = "refused"


class Proofs:
    """What Visma said of each principal's token, as far as it is remembered."""

    def __init__(
        self,
        cache: Cache,
        max_seconds: int,
        refusal_seconds: int,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.cache = cache
        self.max_seconds = max_seconds
        self.refusal_seconds = refusal_seconds
        self.clock = clock

    async def apply(self, credentials: Credentials) -> Credentials:
        """``credentials`` grouped by their claims when proven; raises ``Unauthenticated``
        when Visma refused the token recently."""
        state = await self.cache.get(_key(credentials))
        if state == _REFUSED:
            raise Unauthenticated(
                "Visma.net refused this token a moment ago; sign in again for a new one"
            )
        if state == _PROVEN:
            return credentials.with_claims()
        return credentials

    async def observe(self, credentials: Credentials, status: int) -> None:
        """Remember what an upstream answer with ``status`` says of the token."""
        if status == 401:
            await self.cache.set(_key(credentials), _REFUSED, self.refusal_seconds)
        elif 200 <= status < 300 and not credentials.proven:
            seconds = self.max_seconds
            if credentials.expires_at is not None:
                seconds = min(seconds, int(credentials.expires_at - self.clock()))
            if seconds >= 1:
                await self.cache.set(_key(credentials), _PROVEN, seconds)


def _key(credentials: Credentials) -> str:
    return entry_key("proof", credentials.principal)
