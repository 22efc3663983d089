"""Customers: GET /v1/customer, /v1/customer/{customerCd}."""

from gateway.resources.declaration import Reference, Resource, Writes

CUSTOMER = Resource(
    name="Customer",
    kind="customer",
    dto="CustomerDto",
    path="/v1/customer",
    record_path="/v1/customer/{}",
    key=("number",),
    ttl=300,
    plural="customers",
    singular="customer",
    references=(
        Reference("currency", "LedgerCurrency", (("currencyId",),)),
        Reference("creditTerms", "CreditTerm", (("creditTerms", "id"),)),
        Reference("customerClass", "CustomerClass", (("customerClass", "id"),)),
        Reference("vatZone", "VatZone", (("vatZone", "id"),)),
        Reference("mainContactPerson", "ContactPerson", (("mainContact", "contactId"),)),
    ),
    events=("customer",),
    invalidates=("customerBalance",),
    subscription="customerChanged",
    writes=Writes("CustomerUpdateDto", required=("name",), create_only=("number",)),
)

# What every receivable document embeds of its customer: asking only these costs no call.
CUSTOMER_SUMMARY = frozenset({"number", "name", "__typename"})
