"""Schema extensions: per-operation accounting and logs."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from typing import Any

from strawberry.extensions import SchemaExtension

from gateway.logs import operation_id
from schema.context import Context

log = logging.getLogger(__name__)


class OperationAccounting(SchemaExtension):
    """Gives each operation an id (in logs and in ``extensions.operationId``), reports in
    ``extensions.upstream`` what it cost Visma, and times it."""

    def on_operation(self) -> Iterator[None]:
        self._id = uuid.uuid4().hex[:16]
        token = operation_id.set(self._id)
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            context = self.execution_context.context
            if isinstance(context, Context):
                stats = context.upstream.stats
                context.upstream.upstream.metrics.operation_seconds.observe(elapsed)
                log.info(
                    "operation %s done",
                    self.execution_context.operation_name or "(anonymous)",
                    extra={
                        "seconds": round(elapsed, 4),
                        "upstream_calls": stats.calls,
                        "cache_hits": stats.cache_hits,
                        "tenant": context.credentials.tenant,
                    },
                )
            operation_id.reset(token)

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        if not isinstance(context, Context):
            return {}
        stats = context.upstream.stats
        warnings = {"warnings": context.warnings} if context.warnings else {}
        return {
            **warnings,
            "operationId": self._id,
            "upstream": {
                "estimatedCalls": context.estimated_calls,
                "admittedCalls": stats.admitted,
                "calls": stats.calls,
                "cacheHits": stats.cache_hits,
            },
        }
