"""A demo company served several times its size, for benchmarks of a big company."""

from __future__ import annotations

import httpx
import pytest

from gateway.simulator import COMPANY_A_TENANT, Simulator, SimulatorConfig, demo_token
from gateway.simulator.demodata import demo_company


async def test_a_scaled_company_serves_scale_times_the_supplier_side_book() -> None:
    normal, scaled = Simulator(), Simulator(SimulatorConfig(scale=2))
    headers = {"Authorization": f"Bearer {demo_token(COMPANY_A_TENANT)}"}
    totals: list[tuple[int, int]] = []
    for sim in (normal, scaled):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=sim.app), base_url="http://sim", headers=headers
        ) as client:
            pages = [
                (await client.get(path, params={"pageSize": 1})).json()
                for path in ("/v1/supplier", "/v1/supplierInvoice")
            ]
        suppliers, invoices = (page[0]["metadata"]["totalCount"] for page in pages)
        totals.append((suppliers, invoices))

    assert totals == [(240, 6000), (480, 12000)]
    big = scaled.company(COMPANY_A_TENANT)
    assert len({s["number"] for s in big.suppliers}) == 480
    assert len({i["referenceNumber"] for i in big.invoices}) == 12000
    assert {i["supplier"]["number"] for i in big.invoices} <= {s["number"] for s in big.suppliers}
    assert demo_company(COMPANY_A_TENANT, 2) is big  # generated once per process and scale


def test_a_scale_beyond_the_numbering_is_refused() -> None:
    with pytest.raises(ValueError, match="scale"):
        demo_company(COMPANY_A_TENANT, 11)
