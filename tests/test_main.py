"""The command line, run as a user would: real processes on loopback ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from gateway.__main__ import main
from tests.upstream.test_batching import Q1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start(*args: str) -> tuple[subprocess.Popen[str], list[str]]:
    env = {k: v for k, v in os.environ.items() if k != "VISMA_API_URL"}
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(4)]
    return process, lines


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not come up")


@pytest.fixture
def demo_server() -> Iterator[tuple[str, str]]:
    port = free_port()
    process, lines = start("serve", "--demo", "--port", str(port))
    try:
        token = next(line.split(":", 1)[1].strip() for line in lines if "company A" in line)
        url = f"http://127.0.0.1:{port}/graphql"
        assert url in lines[0]
        wait_until_up(url)
        yield url, token
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_demo_answers_q1_with_the_printed_token(demo_server: tuple[str, str]) -> None:
    url, token = demo_server
    response = httpx.post(
        url, json={"query": Q1}, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    body = response.json()
    assert "errors" not in body
    assert len(body["data"]["suppliers"]["nodes"]) == 50
    assert body["extensions"]["upstream"]["calls"] <= 30

    page = httpx.get(url, headers={"Accept": "text/html"}, timeout=5)
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_simulator_command_serves_the_api() -> None:
    port = free_port()
    process, lines = start("simulator", "--port", str(port))
    try:
        token = next(line.split(":", 1)[1].strip() for line in lines if "company A" in line)
        wait_until_up(f"http://127.0.0.1:{port}/_simulator/health")
        response = httpx.get(
            f"http://127.0.0.1:{port}/v1/supplier",
            params={"pageSize": 2},
            headers={"Authorization": f"Bearer {token}"},
            # The first request builds the company's demo data; a busy CI machine is slow at it.
            timeout=30,
        )
        assert response.status_code == 200
        assert len(response.json()) == 2
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_export_schema_prints_the_sdl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-schema"]) == 0
    sdl = capsys.readouterr().out
    assert "type Query" in sdl
    assert "  suppliers(\n" in sdl
    assert "    filter: SupplierFilter = null\n" in sdl
    assert "SupplierInvoiceConnection" in sdl


def test_bad_configuration_is_reported(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GATEWAY_MAX_FIRST", "lots")
    assert main(["export-schema"]) == 2
    assert "GATEWAY_MAX_FIRST" in capsys.readouterr().err
