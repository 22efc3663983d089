"""Currencies: GET /v1/currency (answered whole), /v1/currency/{curyId}.

Named ``LedgerCurrency``: ``Currency`` is the hand-written inline currency of a payment.
"""

from gateway.resources.declaration import Resource

LEDGER_CURRENCY = Resource(
    name="LedgerCurrency",
    kind="currency",
    dto="CurrencyDto",
    path="/v1/currency",
    record_path="/v1/currency/{}",
    key=("id",),
    ttl=3600,
    paged=False,
    plural="currencies",
    singular="currency",
)
