"""Financial periods: GET /v1/financialPeriod (answered whole), /v1/financialPeriod/{}."""

from gateway.resources.declaration import Resource

FINANCIAL_PERIOD = Resource(
    name="FinancialPeriod",
    kind="financialPeriod",
    dto="FinancialPeriodDto",
    path="/v1/financialPeriod",
    record_path="/v1/financialPeriod/{}",
    key=("period",),
    ttl=3600,
    paged=False,
    plural="financialPeriods",
    singular="financialPeriod",
)
