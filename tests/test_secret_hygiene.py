"""Secrets never shown: passwords in Redis URLs, secret settings in reprs and error messages;
rediss:// (TLS) accepted."""

from __future__ import annotations

import pytest
from redis.asyncio.connection import SSLConnection

from gateway.settings import Settings, SettingsError
from gateway.upstream.idempotency_store import RedisIdempotencyStore, create_idempotency_store
from gateway.upstream.redis import create_stores

PASSWORD = "hunter2-redis-password"


@pytest.mark.parametrize(
    "environ",
    [
        {"GATEWAY_CACHE_URL": f"http://:{PASSWORD}@cache:6379/0"},
        {"GATEWAY_CACHE_URL": f"redis://:{PASSWORD}@cache:6379/zero"},
        {"GATEWAY_IDEMPOTENCY_URL": f"redis://:{PASSWORD}@/0"},
        {"GATEWAY_CACHE_URL": f"redis://{PASSWORD}@:6379/0"},
    ],
)
def test_a_refused_redis_url_is_named_without_its_password(environ: dict[str, str]) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env(environ)

    assert PASSWORD not in str(refused.value)
    assert next(iter(environ)) in str(refused.value)


def test_an_unsupported_cache_url_given_in_code_is_named_without_its_password() -> None:
    with pytest.raises(SettingsError) as refused:
        create_stores(Settings(cache_url=f"http://:{PASSWORD}@cache:6379/0"))

    assert PASSWORD not in str(refused.value)
    assert "cache:6379" in str(refused.value)


def test_the_settings_repr_shows_no_secret() -> None:
    settings = Settings(
        cache_url=f"redis://:{PASSWORD}@cache:6379/0",
        idempotency_url=f"rediss://user:{PASSWORD}@state:6380/1",
        visma_api_url=f"https://user:{PASSWORD}@api.example.com",
        session_secret="session-secret-value",
        oauth_client_secret="oauth-secret-value",
        webhook_secret="webhook-secret-value",
    )
    shown = repr(settings)

    for secret in (PASSWORD, "session-secret-value", "oauth-secret-value", "webhook-secret"):
        assert secret not in shown
    assert "cache:6379/0" in shown
    assert "state:6380/1" in shown
    assert "max_first=500" in shown


async def test_rediss_urls_are_accepted_and_connect_over_tls() -> None:
    settings = Settings.from_env(
        {
            "GATEWAY_CACHE_URL": f"rediss://:{PASSWORD}@cache:6380/0",
            "GATEWAY_IDEMPOTENCY_URL": f"rediss://:{PASSWORD}@state:6380/1",
        }
    )
    stores = create_stores(settings)
    records = create_idempotency_store(settings)
    try:
        assert stores.redis is not None
        cache_pool = stores.redis.client.connection_pool
        assert isinstance(records, RedisIdempotencyStore)
        records_pool = records.client.connection_pool

        assert cache_pool.connection_class is SSLConnection
        assert records_pool.connection_class is SSLConnection
        assert records_pool.connection_kwargs["db"] == 1
    finally:
        await stores.cache.close()
        await records.close()
