"""compose.yaml and the nginx config it mounts: the contract of a several-replica deployment."""

from __future__ import annotations

import re
from itertools import takewhile
from typing import Any

import pytest
import uvicorn

from gateway.settings import Settings
from tests.deploy.files import (
    COMPOSE,
    DOCKERFILE,
    NGINX_CONF,
    ROOT,
    SECRETS,
    SETTINGS_VARIABLES,
    dockerfile_port,
    load_yaml,
    memory_bytes,
)


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose: dict[str, Any] = load_yaml(COMPOSE)
    return dict(compose["services"])


def command_option(command: list[str], option: str) -> str:
    return command[command.index(option) + 1]


def test_two_or_more_gateway_replicas_are_built_from_the_dockerfile(
    services: dict[str, Any],
) -> None:
    gateway = services["gateway"]

    assert gateway["deploy"]["replicas"] >= 2
    assert (ROOT / gateway["build"] / "Dockerfile") == DOCKERFILE
    assert "ports" not in gateway, "replicas are reached through the proxy only"
    assert gateway["environment"]["GATEWAY_CACHE_URL"] == "redis://redis:6379/0"
    assert gateway["environment"]["GATEWAY_IDEMPOTENCY_URL"] == "redis://redis-state:6379/0"


def test_every_service_has_a_health_check_and_waits_for_healthy_dependencies(
    services: dict[str, Any],
) -> None:
    for name, service in services.items():
        assert service["healthcheck"]["test"][0] == "CMD", name
        for dependency, condition in service.get("depends_on", {}).items():
            assert condition == {"condition": "service_healthy"}, (name, dependency)
    assert services["gateway"]["depends_on"].keys() == {"redis", "redis-state"}
    assert services["proxy"]["depends_on"].keys() == {"gateway"}


def test_the_gateway_health_check_is_the_dockerfiles(services: dict[str, Any]) -> None:
    dockerfile_check = re.search(r"urlopen\('([^']+)'\)", DOCKERFILE.read_text())
    command = services["gateway"]["healthcheck"]["test"][3]
    compose_check = re.search(r"urlopen\('([^']+)'\)", command)

    assert dockerfile_check and compose_check
    assert compose_check.group(1) == dockerfile_check.group(1)
    assert compose_check.group(1) == f"http://127.0.0.1:{dockerfile_port()}/healthz"


def test_redis_has_a_memory_limit_and_an_eviction_policy_among_keys_with_a_ttl(
    services: dict[str, Any],
) -> None:
    command = services["redis"]["command"]
    maxmemory = command_option(command, "--maxmemory")
    default = re.fullmatch(r"\$\{REDIS_MAXMEMORY:-(\w+)\}", maxmemory)
    container_limit = services["redis"]["deploy"]["resources"]["limits"]["memory"]

    assert command_option(command, "--maxmemory-policy") == "volatile-ttl"
    assert default is not None
    assert memory_bytes(default.group(1)) < memory_bytes(container_limit)


def test_the_state_redis_is_bounded_and_never_evicts(services: dict[str, Any]) -> None:
    command = services["redis-state"]["command"]
    maxmemory = command_option(command, "--maxmemory")
    default = re.fullmatch(r"\$\{REDIS_STATE_MAXMEMORY:-(\w+)\}", maxmemory)
    container_limit = services["redis-state"]["deploy"]["resources"]["limits"]["memory"]

    assert command_option(command, "--maxmemory-policy") == "noeviction"
    assert default is not None
    assert memory_bytes(default.group(1)) < memory_bytes(container_limit)


def test_secrets_come_from_the_environment_and_never_reach_the_image(
    services: dict[str, Any],
) -> None:
    example = (ROOT / ".env.example").read_text()
    for name, service in services.items():
        for variable, value in service.get("environment", {}).items():
            if variable in (*SECRETS, "VISMA_API_URL"):
                assert re.fullmatch(rf"\$\{{{variable}(:-[^}}]*)?\}}", value), (name, variable)
    for secret in SECRETS:
        assert secret in services["gateway"]["environment"]
        assert re.search(rf"^{secret}=$", example, re.MULTILINE), f"{secret} empty in example"
        assert secret not in DOCKERFILE.read_text()
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_the_gateways_variables_are_settings_it_knows(services: dict[str, Any]) -> None:
    gateway_variables = set(services["gateway"]["environment"]) - {"FORWARDED_ALLOW_IPS"}

    assert gateway_variables <= SETTINGS_VARIABLES


def test_the_proxy_serves_the_shared_nginx_config_in_front_of_the_replicas(
    services: dict[str, Any],
) -> None:
    proxy = services["proxy"]
    mounts = {volume.split(":")[1]: ROOT / volume.split(":")[0] for volume in proxy["volumes"]}
    included = mounts["/etc/nginx/gateway.d"]
    host_port, container_port = proxy["ports"][0].rsplit(":", 1)

    assert mounts["/etc/nginx/conf.d/default.conf"].resolve() == NGINX_CONF
    assert (included / "listen.conf").read_text().count(f"listen {container_port};") == 1
    upstreams = re.findall(r"^server\s+(\S+)", (included / "upstreams.conf").read_text(), re.M)
    assert upstreams == [f"gateway:{dockerfile_port()}"]
    assert host_port == "${GATEWAY_PORT:-8000}"


def nginx_directives(text: str) -> list[tuple[int, str]]:
    """(brace depth, directive) of every directive in an nginx config, comments dropped."""
    directives: list[tuple[int, str]] = []
    depth = 0
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.endswith("{"):
            directives.append((depth, line[:-1].strip()))
            depth += 1
        elif line == "}":
            depth -= 1
        else:
            directives.append((depth, line.rstrip(";")))
    return directives


def seconds(value: str) -> int:
    return int(value.removesuffix("s"))


def test_the_nginx_config_upgrades_websockets_and_forwards_the_client() -> None:
    directives = nginx_directives(NGINX_CONF.read_text())
    server_level = {d for depth, d in directives if depth == 1}
    upstream = directives.index((0, "upstream gateway"))
    upstream_block = takewhile(lambda item: item[0] == 1, directives[upstream + 1 :])
    upstream_level = dict(d.split(None, 1) for _, d in upstream_block)
    in_locations = [d for depth, d in directives if depth == 2]
    connection = re.search(
        r"map \$http_upgrade \$(\w+)\s*\{\s*default\s+upgrade;\s*\"\"\s+\"\";",
        NGINX_CONF.read_text(),
    )
    read_timeout = next(d for d in server_level if d.startswith("proxy_read_timeout"))

    assert connection is not None
    assert "proxy_http_version 1.1" in server_level
    assert "proxy_set_header Upgrade $http_upgrade" in server_level
    assert f"proxy_set_header Connection ${connection.group(1)}" in server_level
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for" in server_level
    assert "proxy_set_header X-Forwarded-Proto $scheme" in server_level
    # A proxy_set_header in a location would silently drop every one set at the server level.
    assert not [d for d in in_locations if d.startswith("proxy_set_header")]
    assert int(read_timeout.split()[1].rstrip("s")) > Settings().operation_timeout
    assert (
        seconds(upstream_level["keepalive_timeout"])
        < uvicorn.Config(app="gateway.app:create_app").timeout_keep_alive
    )
    assert "proxy_pass http://gateway" in in_locations
