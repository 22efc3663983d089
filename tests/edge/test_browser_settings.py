"""Settings of the browser-facing features: CORS, persisted queries, sign-in."""

from __future__ import annotations

import pytest

from gateway.settings import DEFAULT_OAUTH_AUTHORIZE_URL, Settings, SettingsError


def test_browser_defaults_are_closed() -> None:
    settings = Settings.from_env({})
    assert settings.cors_origins == ()
    assert settings.persisted_queries == "apq"
    assert settings.oauth_client_id == ""
    assert settings.oauth_authorize_url == DEFAULT_OAUTH_AUTHORIZE_URL


def test_browser_values_are_parsed() -> None:
    settings = Settings.from_env(
        {
            "GATEWAY_CORS_ORIGINS": "https://app.example, http://localhost:5173",
            "GATEWAY_PERSISTED_QUERIES": "allowlist",
            "GATEWAY_PERSISTED_QUERIES_FILE": "queries.json",
            "VISMA_OAUTH_CLIENT_ID": "client",
            "VISMA_OAUTH_CLIENT_SECRET": "secret",
            "VISMA_OAUTH_REDIRECT_URI": "https://gw.example/auth/callback",
        }
    )
    assert settings.cors_origins == ("https://app.example", "http://localhost:5173")
    assert settings.persisted_queries_file == "queries.json"
    assert settings.oauth_redirect_uri == "https://gw.example/auth/callback"


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"GATEWAY_CORS_ORIGINS": "app.example"}, "GATEWAY_CORS_ORIGINS"),
        ({"GATEWAY_CORS_ORIGINS": "https://app.example/path"}, "GATEWAY_CORS_ORIGINS"),
        ({"GATEWAY_PERSISTED_QUERIES": "sometimes"}, "GATEWAY_PERSISTED_QUERIES"),
        ({"GATEWAY_PERSISTED_QUERIES": "allowlist"}, "GATEWAY_PERSISTED_QUERIES_FILE"),
        ({"VISMA_OAUTH_CLIENT_ID": "client"}, "VISMA_OAUTH_CLIENT_SECRET"),
        ({"VISMA_OAUTH_REDIRECT_URI": "/auth/callback"}, "VISMA_OAUTH_REDIRECT_URI"),
    ],
)
def test_bad_browser_values_name_their_variable(env: dict[str, str], name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env(env)
