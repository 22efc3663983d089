"""Suppliers: GET /v1/supplier, /v1/supplier/{supplierCd}."""

from gateway.resources.declaration import Alias, Reference, Resource, Writes, line_references

SUPPLIER = Resource(
    name="Supplier",
    kind="supplier",
    dto="SupplierDto",
    path="/v1/supplier",
    record_path="/v1/supplier/{}",
    key=("number",),
    ttl=300,
    plural="suppliers",
    singular="supplier",
    # Visma names the currency by its id alone: the edge is a field of its own.
    references=(
        Reference("currency", "LedgerCurrency", (("currencyId",),)),
        Reference("supplierClass", "SupplierClass", (("supplierClass", "id"),)),
        Reference("creditTerms", "CreditTerm", (("creditTerms", "id"),)),
        Reference("paymentMethod", "PaymentMethod", (("paymentMethod", "id"),)),
        Reference("vatZone", "VatZone", (("vatZone", "id"),)),
        Reference("location", "SupplierLocation", (("number",), ("location", "id"))),
        Reference("parentRecord", "Supplier", (("parentRecord", "number"),)),
        # The main contact as Visma sends it stays as it is; its contact record is a field
        # of its own.
        Reference("mainContactPerson", "ContactPerson", (("mainContact", "contactId"),)),
        *line_references(
            "GlAccountsInSupplier",
            Reference("supplierAccount", "Account", (("supplierAccount", "number"),)),
            Reference("expenseAccount", "Account", (("expenseAccount", "number"),)),
            Reference("expenseAccountNonTax", "Account", (("expenseAccountNonTax", "number"),)),
            Reference("expenseEUAccount", "Account", (("expenseEUAccount", "number"),)),
            Reference("expenseAccountImport", "Account", (("expenseAccountImport", "number"),)),
        ),
    ),
    events=("supplier",),
    invalidates=("supplierBalance",),
    writes=Writes("SupplierUpdateDto", required=("name",), create_only=("number",)),
    aliases=(
        Alias("CountryInAddress", "description", "name"),
        Alias("CountyInAddress", "description", "name"),
    ),
)
