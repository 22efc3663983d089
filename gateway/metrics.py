"""Prometheus metrics of one gateway app, in its own registry.

Labels never carry tokens, principals or record numbers: endpoints are named by resource kind.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.upstream_calls = Counter(
            "gateway_upstream_calls",
            "Calls to Visma.net by resource kind and HTTP status (0 = no answer)",
            ["endpoint", "status"],
            registry=self.registry,
        )
        self.cache_lookups = Counter(
            "gateway_cache_lookups", "Cache lookups by result", ["result"], registry=self.registry
        )
        self.response_cache_lookups = Counter(
            "gateway_response_cache_lookups",
            "Response cache lookups by result (hit, miss)",
            ["result"],
            registry=self.registry,
        )
        self.singleflight_joins = Counter(
            "gateway_singleflight_joins",
            "GETs that joined an identical call already in flight",
            registry=self.registry,
        )
        self.rate_limit_waits = Counter(
            "gateway_rate_limit_waits", "Calls that waited for budget", registry=self.registry
        )
        self.rate_limit_wait_seconds = Counter(
            "gateway_rate_limit_wait_seconds",
            "Seconds spent waiting for budget",
            registry=self.registry,
        )
        self.rate_limit_refusals = Counter(
            "gateway_rate_limit_refusals",
            "Calls refused with RATE_LIMITED",
            registry=self.registry,
        )
        self.queries_refused = Counter(
            "gateway_queries_too_costly",
            "Operations refused before execution as too costly",
            registry=self.registry,
        )
        self.retries = Counter(
            "gateway_upstream_retries", "GETs sent again after a failure", registry=self.registry
        )
        self.breaker_state = Gauge(
            "gateway_breaker_state",
            "Upstream circuit breaker: 0 closed, 1 half-open, 2 open",
            registry=self.registry,
        )
        self.operation_seconds = Histogram(
            "gateway_operation_seconds",
            "Duration of GraphQL operations",
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
            registry=self.registry,
        )
        self.webhooks = Counter(
            "gateway_webhooks",
            "Webhooks by outcome: received, accepted, refused, duplicate",
            ["result"],
            registry=self.registry,
        )
        self.subscription_events = Counter(
            "gateway_subscription_events",
            "Subscription events by outcome: delivered, failed (re-read error), dropped",
            ["result"],
            registry=self.registry,
        )

    def waited_for_budget(self, seconds: float) -> None:
        self.rate_limit_waits.inc()
        self.rate_limit_wait_seconds.inc(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)
