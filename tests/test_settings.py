"""Settings from the environment."""

from __future__ import annotations

import pytest

from gateway.settings import DEFAULT_VISMA_API_URL, Settings, SettingsError


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.visma_api_url == DEFAULT_VISMA_API_URL
    assert settings.demo is False
    assert settings.cache_url == "memory://"
    assert settings.max_first == 500


def test_values_are_parsed() -> None:
    settings = Settings.from_env(
        {
            "VISMA_API_URL": "https://integration.visma.net/API/controller/api",
            "GATEWAY_DEMO": "true",
            "GATEWAY_CACHE_TTLS": "supplier=600, supplierInvoice=30",
            "GATEWAY_UPSTREAM_TIMEOUT": "2.5",
            "GATEWAY_MAX_FIRST": "200",
            "GATEWAY_IDEMPOTENCY_URL": "redis://records:6380/2",
            "GATEWAY_MAX_SUBSCRIPTIONS": "3",
            "GATEWAY_TOKEN_REFUSAL_SECONDS": "30",
        }
    )
    assert settings.demo is True
    assert settings.ttl("supplier") == 600
    assert settings.ttl("supplierInvoice") == 30
    assert settings.ttl("purchaseOrder") == 120
    assert settings.upstream_timeout == 2.5
    assert settings.max_first == 200
    assert settings.idempotency_url == "redis://records:6380/2"
    assert settings.max_subscriptions == 3
    assert settings.token_refusal_seconds == 30


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("VISMA_API_URL", "ftp://example.com"),
        ("VISMA_API_URL", "https://api.finance.visma.net/?x=1"),
        ("GATEWAY_CACHE_URL", "memcached://x"),
        ("GATEWAY_CACHE_TTLS", "nonsense=5"),
        ("GATEWAY_MAX_FIRST", "many"),
        ("GATEWAY_MAX_FIRST", "0"),
        ("GATEWAY_DEMO", "perhaps"),
        ("GATEWAY_CORS_ALLOW_HEADERS", "Authorization, Content-Type, bad header"),
        ("GATEWAY_CORS_ALLOW_HEADERS", "traceparent"),
        ("GATEWAY_CORS_EXPOSE_HEADERS", "ETag, x:y"),
        ("GATEWAY_IDEMPOTENCY_URL", "redis://records/x"),
        ("GATEWAY_MAX_SUBSCRIPTIONS", "0"),
        ("GATEWAY_TOKEN_PROOF_MAX_SECONDS", "0"),
    ],
)
def test_bad_values_name_their_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
