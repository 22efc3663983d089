"""Every setting of the gateway: its environment variable, its default, and its parsing.

Settings are built once (``Settings.from_env()``) and passed into ``create_app``; nothing reads
the environment anywhere else.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any
from urllib.parse import urlsplit

from gateway.redis_url import is_redis_url, redact
from gateway.resources.registry import RESOURCES

DEFAULT_VISMA_API_URL = "https://api.finance.visma.net"
DEFAULT_OAUTH_AUTHORIZE_URL = "https://connect.visma.com/connect/authorize"
DEFAULT_OAUTH_TOKEN_URL = "https://connect.visma.com/connect/token"  # noqa: S105 - a URL
DEFAULT_OAUTH_SCOPES = "openid email profile tenants vismanet_erp_interactive_api:read"
PERSISTED_QUERY_MODES = ("off", "apq", "allowlist")
# Request headers browsers on allowed origins may send: the gateway's own, and what Apollo
# Client and OpenTelemetry's browser instrumentation add (a preflight fails on any other).
DEFAULT_CORS_ALLOW_HEADERS = (
    "Authorization",
    "Content-Type",
    "apollographql-client-name",
    "apollographql-client-version",
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "traceparent",
    "tracestate",
    "baggage",
)
# Response headers scripts on allowed origins may read besides the CORS-safelisted ones.
DEFAULT_CORS_EXPOSE_HEADERS = ("WWW-Authenticate",)
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")

# Seconds each kind of upstream resource may be served from the cache (declared per resource).
DEFAULT_CACHE_TTLS: Mapping[str, int] = {r.kind: r.ttl for r in RESOURCES}


class SettingsError(ValueError):
    """A setting has a value the gateway cannot use; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """The gateway's configuration. Field docs name the environment variable of each setting."""

    # VISMA_API_URL: origin (and optional base path) of the Visma.net API; `/v1/...` is appended.
    visma_api_url: str = DEFAULT_VISMA_API_URL
    # GATEWAY_DEMO: serve the embedded simulator's demo companies instead of VISMA_API_URL.
    demo: bool = False
    # GATEWAY_CACHE_URL: memory:// (this process), or redis://host:port/db (rediss:// for
    # TLS, redis://:password@host... with a password) to share the cache and the rate budget
    # between replicas.
    cache_url: str = "memory://"
    # GATEWAY_CACHE_MAX_BYTES: bound of the in-memory cache (memory its entries take, estimated
    # as 5 times their JSON size).
    cache_max_bytes: int = 256 * 1024 * 1024
    # GATEWAY_RESPONSE_CACHE_MAX_BYTES: bound of each replica's cache of finished query
    # responses (their JSON size); 0 turns the response cache off.
    response_cache_max_bytes: int = 64 * 1024 * 1024
    # GATEWAY_CACHE_TTLS: per-kind TTL overrides, e.g. "supplier=600,supplierInvoice=60".
    cache_ttls: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_CACHE_TTLS))
    # GATEWAY_UPSTREAM_TIMEOUT: seconds for one upstream call, the whole exchange counted.
    upstream_timeout: float = 30.0
    # GATEWAY_UPSTREAM_PAGE_SIZE: page size asked for on bulk reads (Visma clamps it to its max).
    upstream_page_size: int = 1000
    # GATEWAY_UPSTREAM_CONCURRENCY: upstream calls one principal may have in flight at once.
    upstream_concurrency: int = 8
    # GATEWAY_OPERATION_CONCURRENCY: upstream calls one operation may have waiting for Visma's
    # answer at once; below GATEWAY_UPSTREAM_CONCURRENCY, so one operation leaves its company
    # slots to others. An answer whose body is arriving holds the company's slot only.
    operation_concurrency: int = 6
    # GATEWAY_PLANNER_MAX_EXTRA_RECORDS: records beyond those the parents need that the
    # planner may read to save calls, by reading a whole collection instead of one filtered
    # read per parent (0: never more records than needed).
    planner_max_extra_records: int = 10000
    # GATEWAY_UPSTREAM_RETRIES: further attempts of a GET after a connection error, a timeout,
    # 502/503/504 or a 429; GATEWAY_RETRY_BACKOFF / _MAX: first and largest pause, seconds.
    upstream_retries: int = 3
    retry_backoff: float = 0.2
    retry_backoff_max: float = 5.0
    # GATEWAY_OPERATION_TIMEOUT: seconds one GraphQL operation may take; upstream calls, and
    # waits for budget and slots, still running at its end fail with UPSTREAM_TIMEOUT, and
    # an HTTP operation still running half a second later is cancelled (OPERATION_TIMEOUT).
    operation_timeout: float = 60.0
    # GATEWAY_BREAKER_THRESHOLD: failures in a row that open a circuit breaker (a company's,
    # or the origin's); GATEWAY_BREAKER_COOLDOWN: seconds it stays open before a probe call;
    # GATEWAY_BREAKER_COMPANIES: distinct companies whose failures it takes to open the
    # origin's breaker for everyone (a failure to connect at all counts as every company).
    breaker_threshold: int = 5
    breaker_cooldown: float = 15.0
    breaker_companies: int = 2
    # VISMA_RATE_LIMIT: ceiling of calls per company and client, e.g. "15000/hour".
    rate_limit: str = "15000/hour"
    # GATEWAY_RATE_LIMIT_WAIT: seconds a call may wait for budget before RATE_LIMITED.
    rate_limit_wait: float = 10.0
    # GATEWAY_BACKGROUND_WAIT: seconds an action (release) sent through Visma's background
    # API is followed before its payload reports the job as still running; 0 runs actions in
    # the foreground.
    background_wait: float = 0.0
    # GATEWAY_RATE_LIMIT_PACING: share of the limit under which calls are spread out.
    rate_limit_pacing: float = 0.1
    # GATEWAY_MAX_OPERATION_CALLS: estimated upstream calls above which a query is refused.
    max_operation_calls: int = 300
    # GATEWAY_MAX_OPERATION_OBJECTS: objects (list items and records) a query may return at
    # most, as estimated from its `first` arguments; larger queries are refused.
    max_operation_objects: int = 20000
    # GATEWAY_MAX_FIRST: the largest `first` a connection accepts.
    max_first: int = 500
    # GATEWAY_DEFAULT_FIRST: page size of a connection when `first` is omitted.
    default_first: int = 50
    # GATEWAY_MAX_DEPTH, GATEWAY_MAX_ALIASES, GATEWAY_MAX_TOKENS: query shape limits.
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 5000
    # GATEWAY_MAX_BODY_BYTES: largest request body (413 above it, refused before it is read);
    # GATEWAY_MAX_QUERY_BYTES: largest GraphQL document, persisted ones included;
    # GATEWAY_MAX_VARIABLES_BYTES: largest variables, as JSON.
    max_body_bytes: int = 1024 * 1024
    # GATEWAY_MAX_UPLOAD_BYTES: largest multipart request (a file upload), in its place.
    max_upload_bytes: int = 20 * 1024 * 1024
    max_query_bytes: int = 64 * 1024
    max_variables_bytes: int = 256 * 1024
    # GATEWAY_MAX_UPSTREAM_BYTES: largest answer read from Visma (UPSTREAM_ERROR above it).
    max_upstream_bytes: int = 32 * 1024 * 1024
    # GATEWAY_LOG_LEVEL
    log_level: str = "INFO"
    # GATEWAY_IDEMPOTENCY_TTL: seconds a mutation's outcome is kept under its idempotencyKey.
    idempotency_ttl: int = 86400
    # GATEWAY_IDEMPOTENCY_URL: memory:// or redis[s]://host:port/db holding idempotency and
    # webhook dedupe records;
    # empty means the cache's. That Redis must not evict keys (maxmemory-policy noeviction).
    idempotency_url: str = ""
    # GATEWAY_CORS_ORIGINS: comma-separated origins allowed to call from browsers; none by default.
    cors_origins: tuple[str, ...] = ()
    # GATEWAY_CORS_ALLOW_HEADERS: request headers those origins may send (the whole list;
    # it must keep Authorization and Content-Type).
    cors_allow_headers: tuple[str, ...] = DEFAULT_CORS_ALLOW_HEADERS
    # GATEWAY_CORS_EXPOSE_HEADERS: response headers their scripts may read.
    cors_expose_headers: tuple[str, ...] = DEFAULT_CORS_EXPOSE_HEADERS
    # GATEWAY_PERSISTED_QUERIES: off, apq (automatic persisted queries) or allowlist.
    persisted_queries: str = "apq"
    # GATEWAY_PERSISTED_QUERIES_FILE: JSON manifest {"<sha256>": "<query>"} of the allow-list.
    persisted_queries_file: str = ""
    # GATEWAY_PERSISTED_QUERIES_TTL: seconds an automatically persisted query is kept.
    persisted_queries_ttl: int = 30 * 24 * 3600
    # GATEWAY_SESSION_SECRET: key of the signed sign-in cookie; random per process when unset.
    session_secret: str = ""
    # VISMA_OAUTH_*: "Sign in with Visma" in the explorer (authorization code flow with PKCE).
    oauth_client_id: str = ""
    oauth_client_secret: str = ""
    oauth_redirect_uri: str = ""
    oauth_scopes: str = DEFAULT_OAUTH_SCOPES
    oauth_authorize_url: str = DEFAULT_OAUTH_AUTHORIZE_URL
    oauth_token_url: str = DEFAULT_OAUTH_TOKEN_URL
    # GATEWAY_WEBHOOK_SECRET: the signature key of the Visma webhook subscription; when empty,
    # POST /webhooks/visma refuses everything.
    webhook_secret: str = ""
    # GATEWAY_WEBHOOK_DEDUP_TTL: seconds a notification id is remembered, so that the
    # dispatcher's retries are processed once.
    webhook_dedup_ttl: int = 86400
    # GATEWAY_SUBSCRIPTION_QUEUE: events one subscription may have waiting; beyond it the
    # oldest are dropped.
    subscription_queue: int = 100
    # GATEWAY_MAX_SUBSCRIPTIONS: subscriptions one websocket connection may hold at once.
    max_subscriptions: int = 10
    # GATEWAY_TOKEN_PROOF_MAX_SECONDS: how long, at most, a token Visma accepted counts as its
    # claimed company's (never past its `exp`).
    token_proof_max_seconds: int = 3600
    # GATEWAY_TOKEN_REFUSAL_SECONDS: how long a token Visma refused (401) is answered
    # UNAUTHENTICATED without asking Visma again.
    token_refusal_seconds: int = 60

    def __repr__(self) -> str:
        shown = (f"{f.name}={_shown(f.name, getattr(self, f.name))!r}" for f in fields(self))
        return f"Settings({', '.join(shown)})"

    def ttl(self, kind: str) -> int:
        return self.cache_ttls.get(kind, 60)

    @property
    def rate_limit_calls(self) -> int:
        return _parse_rate(self.rate_limit)[0]

    @property
    def rate_limit_window(self) -> float:
        return _parse_rate(self.rate_limit)[1]

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables, validating each one."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = _ENV_NAMES[f.name]
            raw = env.get(name)
            if raw is None or raw == "":
                continue
            values[f.name] = _PARSERS.get(f.name, _parse_for_default(f.default))(name, raw)
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        parts = urlsplit(self.visma_api_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SettingsError(
                f"VISMA_API_URL must be an http(s) URL such as {DEFAULT_VISMA_API_URL}"
            )
        if parts.query or parts.fragment:
            raise SettingsError("VISMA_API_URL must not carry a query or fragment")
        if self.cache_url != "memory://" and not is_redis_url(self.cache_url):
            raise SettingsError(
                "GATEWAY_CACHE_URL must be memory:// or redis[s]://host:port/db (a numeric "
                f"database), got {redact(self.cache_url)!r}"
            )
        if self.idempotency_url not in ("", "memory://") and not is_redis_url(self.idempotency_url):
            raise SettingsError(
                "GATEWAY_IDEMPOTENCY_URL must be empty, memory:// or redis[s]://host:port/db, "
                f"got {redact(self.idempotency_url)!r}"
            )
        for name, value in (
            ("GATEWAY_MAX_FIRST", self.max_first),
            ("GATEWAY_DEFAULT_FIRST", self.default_first),
            ("GATEWAY_UPSTREAM_PAGE_SIZE", self.upstream_page_size),
            ("GATEWAY_UPSTREAM_CONCURRENCY", self.upstream_concurrency),
            ("GATEWAY_OPERATION_CONCURRENCY", self.operation_concurrency),
            ("GATEWAY_BREAKER_COMPANIES", self.breaker_companies),
            ("GATEWAY_MAX_OPERATION_OBJECTS", self.max_operation_objects),
            ("GATEWAY_CACHE_MAX_BYTES", self.cache_max_bytes),
            ("GATEWAY_BREAKER_THRESHOLD", self.breaker_threshold),
            ("GATEWAY_MAX_OPERATION_CALLS", self.max_operation_calls),
            ("GATEWAY_IDEMPOTENCY_TTL", self.idempotency_ttl),
            ("GATEWAY_WEBHOOK_DEDUP_TTL", self.webhook_dedup_ttl),
            ("GATEWAY_SUBSCRIPTION_QUEUE", self.subscription_queue),
            ("GATEWAY_MAX_BODY_BYTES", self.max_body_bytes),
            ("GATEWAY_MAX_UPLOAD_BYTES", self.max_upload_bytes),
            ("GATEWAY_MAX_QUERY_BYTES", self.max_query_bytes),
            ("GATEWAY_MAX_VARIABLES_BYTES", self.max_variables_bytes),
            ("GATEWAY_MAX_UPSTREAM_BYTES", self.max_upstream_bytes),
            ("GATEWAY_MAX_SUBSCRIPTIONS", self.max_subscriptions),
            ("GATEWAY_TOKEN_PROOF_MAX_SECONDS", self.token_proof_max_seconds),
            ("GATEWAY_TOKEN_REFUSAL_SECONDS", self.token_refusal_seconds),
        ):
            if value < 1:
                raise SettingsError(f"{name} must be at least 1")
        try:
            _parse_rate(self.rate_limit)
        except ValueError as error:
            raise SettingsError(f"VISMA_RATE_LIMIT: {error}") from None
        if self.response_cache_max_bytes < 0:
            raise SettingsError("GATEWAY_RESPONSE_CACHE_MAX_BYTES must be at least 0")
        if self.planner_max_extra_records < 0:
            raise SettingsError("GATEWAY_PLANNER_MAX_EXTRA_RECORDS must be at least 0")
        if self.background_wait < 0:
            raise SettingsError("GATEWAY_BACKGROUND_WAIT must be at least 0")
        if not 0 <= self.rate_limit_pacing < 1:
            raise SettingsError("GATEWAY_RATE_LIMIT_PACING must be at least 0 and below 1")
        if self.default_first > self.max_first:
            raise SettingsError("GATEWAY_DEFAULT_FIRST must not exceed GATEWAY_MAX_FIRST")
        _validate_browser_settings(self)

    def with_overrides(self, **changes: Any) -> Settings:
        settings = replace(self, **changes)
        settings.validate()
        return settings


_SECRETS = frozenset({"session_secret", "oauth_client_secret", "webhook_secret"})
_URLS = frozenset({"visma_api_url", "cache_url", "idempotency_url"})


def _shown(name: str, value: Any) -> Any:
    """A setting's value as a repr may show it: secrets masked, URLs without passwords."""
    if name in _SECRETS:
        return "***" if value else ""
    return redact(value) if name in _URLS else value


_PERIODS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0}


def _parse_rate(value: str) -> tuple[int, float]:
    """``"15000/hour"`` as (15000, 3600.0)."""
    calls, _, period = value.strip().partition("/")
    if not calls.strip().isdigit() or int(calls) < 1 or period.strip() not in _PERIODS:
        raise ValueError(f"expected <calls>/<second|minute|hour|day>, got {value!r}")
    return int(calls), _PERIODS[period.strip()]


def _parse_int(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from None


def _parse_float(name: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from None


def _parse_str(name: str, raw: str) -> str:
    return raw


def _parse_ttls(name: str, raw: str) -> dict[str, int]:
    ttls = dict(DEFAULT_CACHE_TTLS)
    for item in raw.split(","):
        kind, sep, seconds = item.strip().partition("=")
        if not sep or kind not in DEFAULT_CACHE_TTLS:
            raise SettingsError(
                f"{name}: expected kind=seconds with kind in {sorted(DEFAULT_CACHE_TTLS)}, "
                f"got {item!r}"
            )
        ttls[kind] = _parse_int(name, seconds)
    return ttls


def _parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _parse_for_default(default: object) -> Any:
    if isinstance(default, bool):
        return _parse_bool
    if isinstance(default, int):
        return _parse_int
    if isinstance(default, float):
        return _parse_float
    return _parse_str


def _parse_list(name: str, raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _validate_browser_settings(settings: Settings) -> None:
    """Checks of the settings that browsers use: CORS, persisted queries, sign-in."""
    for origin in settings.cors_origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            raise SettingsError(
                f"GATEWAY_CORS_ORIGINS: {origin!r} is not an origin such as https://app.example"
            )
    for name, headers in (
        ("GATEWAY_CORS_ALLOW_HEADERS", settings.cors_allow_headers),
        ("GATEWAY_CORS_EXPOSE_HEADERS", settings.cors_expose_headers),
    ):
        for header in headers:
            if not _HEADER_NAME.fullmatch(header):
                raise SettingsError(f"{name}: {header!r} is not an HTTP header name")
    allowed = {header.lower() for header in settings.cors_allow_headers}
    if not {"authorization", "content-type"} <= allowed:
        raise SettingsError(
            "GATEWAY_CORS_ALLOW_HEADERS must include Authorization and Content-Type"
        )
    if settings.persisted_queries not in PERSISTED_QUERY_MODES:
        raise SettingsError(
            f"GATEWAY_PERSISTED_QUERIES must be one of {', '.join(PERSISTED_QUERY_MODES)}"
        )
    if settings.persisted_queries == "allowlist" and not settings.persisted_queries_file:
        raise SettingsError(
            "GATEWAY_PERSISTED_QUERIES=allowlist needs GATEWAY_PERSISTED_QUERIES_FILE"
        )
    if settings.persisted_queries_ttl < 1:
        raise SettingsError("GATEWAY_PERSISTED_QUERIES_TTL must be at least 1")
    if settings.oauth_client_id and not (
        settings.oauth_client_secret and settings.oauth_redirect_uri
    ):
        raise SettingsError(
            "VISMA_OAUTH_CLIENT_ID needs VISMA_OAUTH_CLIENT_SECRET and VISMA_OAUTH_REDIRECT_URI"
        )
    for name, url in (
        ("VISMA_OAUTH_REDIRECT_URI", settings.oauth_redirect_uri),
        ("VISMA_OAUTH_AUTHORIZE_URL", settings.oauth_authorize_url),
        ("VISMA_OAUTH_TOKEN_URL", settings.oauth_token_url),
    ):
        parts = urlsplit(url)
        if url and (parts.scheme not in ("http", "https") or not parts.netloc):
            raise SettingsError(f"{name} must be an absolute http(s) URL")


_PARSERS: dict[str, Any] = {
    "cache_ttls": _parse_ttls,
    "cors_origins": _parse_list,
    "cors_allow_headers": _parse_list,
    "cors_expose_headers": _parse_list,
}

_ENV_NAMES: dict[str, str] = {
    "visma_api_url": "VISMA_API_URL",
    "demo": "GATEWAY_DEMO",
    "cache_url": "GATEWAY_CACHE_URL",
    "cache_max_bytes": "GATEWAY_CACHE_MAX_BYTES",
    "response_cache_max_bytes": "GATEWAY_RESPONSE_CACHE_MAX_BYTES",
    "cache_ttls": "GATEWAY_CACHE_TTLS",
    "upstream_timeout": "GATEWAY_UPSTREAM_TIMEOUT",
    "upstream_page_size": "GATEWAY_UPSTREAM_PAGE_SIZE",
    "upstream_concurrency": "GATEWAY_UPSTREAM_CONCURRENCY",
    "operation_concurrency": "GATEWAY_OPERATION_CONCURRENCY",
    "planner_max_extra_records": "GATEWAY_PLANNER_MAX_EXTRA_RECORDS",
    "upstream_retries": "GATEWAY_UPSTREAM_RETRIES",
    "retry_backoff": "GATEWAY_RETRY_BACKOFF",
    "retry_backoff_max": "GATEWAY_RETRY_BACKOFF_MAX",
    "operation_timeout": "GATEWAY_OPERATION_TIMEOUT",
    "breaker_threshold": "GATEWAY_BREAKER_THRESHOLD",
    "breaker_cooldown": "GATEWAY_BREAKER_COOLDOWN",
    "breaker_companies": "GATEWAY_BREAKER_COMPANIES",
    "rate_limit": "VISMA_RATE_LIMIT",
    "rate_limit_wait": "GATEWAY_RATE_LIMIT_WAIT",
    "background_wait": "GATEWAY_BACKGROUND_WAIT",
    "rate_limit_pacing": "GATEWAY_RATE_LIMIT_PACING",
    "max_operation_calls": "GATEWAY_MAX_OPERATION_CALLS",
    "max_operation_objects": "GATEWAY_MAX_OPERATION_OBJECTS",
    "max_first": "GATEWAY_MAX_FIRST",
    "default_first": "GATEWAY_DEFAULT_FIRST",
    "max_depth": "GATEWAY_MAX_DEPTH",
    "max_aliases": "GATEWAY_MAX_ALIASES",
    "max_tokens": "GATEWAY_MAX_TOKENS",
    "max_body_bytes": "GATEWAY_MAX_BODY_BYTES",
    "max_upload_bytes": "GATEWAY_MAX_UPLOAD_BYTES",
    "max_query_bytes": "GATEWAY_MAX_QUERY_BYTES",
    "max_variables_bytes": "GATEWAY_MAX_VARIABLES_BYTES",
    "max_upstream_bytes": "GATEWAY_MAX_UPSTREAM_BYTES",
    "log_level": "GATEWAY_LOG_LEVEL",
    "idempotency_ttl": "GATEWAY_IDEMPOTENCY_TTL",
    "idempotency_url": "GATEWAY_IDEMPOTENCY_URL",
    "cors_origins": "GATEWAY_CORS_ORIGINS",
    "cors_allow_headers": "GATEWAY_CORS_ALLOW_HEADERS",
    "cors_expose_headers": "GATEWAY_CORS_EXPOSE_HEADERS",
    "persisted_queries": "GATEWAY_PERSISTED_QUERIES",
    "persisted_queries_file": "GATEWAY_PERSISTED_QUERIES_FILE",
    "persisted_queries_ttl": "GATEWAY_PERSISTED_QUERIES_TTL",
    "session_secret": "GATEWAY_SESSION_SECRET",
    "oauth_client_id": "VISMA_OAUTH_CLIENT_ID",
    "oauth_client_secret": "VISMA_OAUTH_CLIENT_SECRET",
    "oauth_redirect_uri": "VISMA_OAUTH_REDIRECT_URI",
    "oauth_scopes": "VISMA_OAUTH_SCOPES",
    "oauth_authorize_url": "VISMA_OAUTH_AUTHORIZE_URL",
    "oauth_token_url": "VISMA_OAUTH_TOKEN_URL",
    "webhook_secret": "GATEWAY_WEBHOOK_SECRET",
    "webhook_dedup_ttl": "GATEWAY_WEBHOOK_DEDUP_TTL",
    "subscription_queue": "GATEWAY_SUBSCRIPTION_QUEUE",
    "max_subscriptions": "GATEWAY_MAX_SUBSCRIPTIONS",
    "token_proof_max_seconds": "GATEWAY_TOKEN_PROOF_MAX_SECONDS",
    "token_refusal_seconds": "GATEWAY_TOKEN_REFUSAL_SECONDS",
}
