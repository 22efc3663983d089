"""Request size limits: bodies, documents, variables, persisted queries, deep JSON."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.edge.persisted_queries import query_hash
from gateway.settings import Settings
from tests.conftest import TOKEN_A, Gateway

AUTH = {"Authorization": f"Bearer {TOKEN_A}"}
ROOT = Path(__file__).resolve().parents[2]


async def test_a_body_above_the_limit_is_refused_with_413(gateway: Gateway) -> None:
    padding = "x" * (1024 * 1024)
    response = await gateway.client.post(
        "/graphql", json={"query": "{ __typename }", "extensions": {"pad": padding}}, headers=AUTH
    )

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert gateway.calls() == []


async def test_a_document_above_the_limit_is_refused_with_a_code(gateway: Gateway) -> None:
    result = await gateway.query("{ __typename }" + " " * 70_000)

    assert result["errors"][0]["extensions"] == {"code": "PAYLOAD_TOO_LARGE", "maxBytes": 65536}


async def test_variables_above_the_limit_are_refused_with_a_code(gateway: Gateway) -> None:
    result = await gateway.query(
        "query($n: String!) { supplier(number: $n) { name } }", variables={"n": "1" * 300_000}
    )

    assert result["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert gateway.calls() == []


async def test_a_persisted_query_above_the_limit_is_not_registered(gateway: Gateway) -> None:
    query = "{ __typename }" + " " * 70_000
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": query_hash(query)}}

    register = await gateway.client.post(
        "/graphql", json={"query": query, "extensions": persisted}, headers=AUTH
    )
    lookup = await gateway.client.post("/graphql", json={"extensions": persisted}, headers=AUTH)

    assert register.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert lookup.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize("where", ["body", "variables"])
async def test_deeply_nested_json_is_a_client_error(gateway: Gateway, where: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    body = deep if where == "body" else '{"query": "{ __typename }", "variables": ' + deep + "}"

    response = await gateway.client.post(
        "/graphql", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert "nests too deeply" in response.text


async def test_deeply_nested_variables_of_a_get_are_a_client_error(gateway: Gateway) -> None:
    response = await gateway.client.get(
        "/graphql", params={"query": "{ __typename }", "variables": "[" * 5000}, headers=AUTH
    )

    assert response.status_code == 400


# --- the gateway as a process of its own, to see what it reads and what memory it takes ---


@pytest.fixture(scope="module")
def served_gateway() -> Iterator[tuple[int, int]]:
    """``python -m gateway serve --demo`` on a free port; yields (port, pid)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "GATEWAY_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", "serve", "--demo", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port)):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the gateway did not start")
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def memory_kib(pid: int, field: str) -> int:
    """A field of /proc/<pid>/status in KiB (VmRSS now, VmHWM the peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} for {pid}")


def request_head(length: int | None) -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        "POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {TOKEN_A}\r\n{framing}\r\n\r\n"
    ).encode()


def read_status(sock: socket.socket) -> int:
    sock.settimeout(20)
    answer = sock.recv(65536)
    return int(answer.split(b" ", 2)[1])


def test_a_150_mb_body_is_refused_before_it_is_sent(served_gateway: tuple[int, int]) -> None:
    port, _ = served_gateway
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(request_head(150 * 1024 * 1024) + b'{"query": "' + b"x" * 65536)

        assert read_status(sock) == 413


def test_a_chunked_body_is_refused_once_it_passes_the_limit(
    served_gateway: tuple[int, int],
) -> None:
    port, _ = served_gateway
    chunk = b"x" * (256 * 1024)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(request_head(None))
        for _ in range(5):  # 1.25 MiB, and the body never ends
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))

        assert read_status(sock) == 413


def send_large_body(port: int, size: int) -> None:
    body = b'{"query": "{ __typename }", "variables": {"x": "' + b"a" * size + b'"}}'
    with socket.create_connection(("127.0.0.1", port)) as sock:
        try:
            sock.sendall(request_head(len(body)))
            for start in range(0, len(body), 1024 * 1024):
                sock.sendall(body[start : start + 1024 * 1024])
            sock.settimeout(60)
            sock.recv(1024)
        except OSError:
            pass  # refused early: the gateway closed while the body was still coming


def test_large_bodies_do_not_grow_the_process(served_gateway: tuple[int, int]) -> None:
    port, pid = served_gateway
    warm = httpx.post(
        f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}, headers=AUTH
    )
    assert warm.status_code == 200
    peak_before = memory_kib(pid, "VmHWM")

    for _ in range(3):
        senders = [
            threading.Thread(target=send_large_body, args=(port, 20 * 1024 * 1024))
            for _ in range(8)
        ]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()

    grown_mib = (memory_kib(pid, "VmHWM") - peak_before) / 1024
    assert grown_mib < 32, f"peak memory grew by {grown_mib:.0f} MiB"
    assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200


def test_settings_read_the_limits_from_the_environment() -> None:
    settings = Settings.from_env(
        {
            "GATEWAY_MAX_BODY_BYTES": "2048",
            "GATEWAY_MAX_QUERY_BYTES": "1024",
            "GATEWAY_MAX_VARIABLES_BYTES": "512",
        }
    )

    assert (settings.max_body_bytes, settings.max_query_bytes, settings.max_variables_bytes) == (
        2048,
        1024,
        512,
    )
