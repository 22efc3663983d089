"""Shared fixtures: a fresh simulator per test and HTTP clients bound to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, COMPANY_B_TENANT, Simulator, demo_token


@pytest.fixture
def sim() -> Simulator:
    return Simulator()


@pytest.fixture
def token_a() -> str:
    return demo_token(COMPANY_A_TENANT)


@pytest.fixture
def token_b() -> str:
    return demo_token(COMPANY_B_TENANT)


@pytest.fixture
async def anon(sim: Simulator) -> AsyncIterator[httpx.AsyncClient]:
    """A client without credentials."""
    transport = httpx.ASGITransport(app=sim.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://sim") as client:
        yield client


@pytest.fixture
async def client_a(sim: Simulator, token_a: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client with a full-scope token of company A."""
    transport = httpx.ASGITransport(app=sim.app)
    headers = {"Authorization": f"Bearer {token_a}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sim", headers=headers
    ) as client:
        yield client


@pytest.fixture
async def client_b(sim: Simulator, token_b: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client with a full-scope token of company B."""
    transport = httpx.ASGITransport(app=sim.app)
    headers = {"Authorization": f"Bearer {token_b}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://sim", headers=headers
    ) as client:
        yield client
