"""Schema extensions: per-operation upstream usage, and masking of unexpected errors."""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from gateway.errors import GatewayError
from schema.context import Context

log = logging.getLogger(__name__)


class UpstreamUsage(SchemaExtension):
    """Reports in ``extensions.upstream`` what the operation cost Visma."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        if not isinstance(context, Context):
            return {}
        stats = context.upstream.stats
        return {"upstream": {"calls": stats.calls, "cacheHits": stats.cache_hits}}


def should_mask(error: GraphQLError) -> bool:
    """Mask everything but our own coded errors and GraphQL's parse/validation errors."""
    original = error.original_error
    if original is None or isinstance(original, GatewayError):
        return False
    log.error(
        "unexpected error at %s", ".".join(str(p) for p in error.path or []), exc_info=original
    )
    return True
