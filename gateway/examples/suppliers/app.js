// Lists suppliers with their open invoices through the gateway, a page at a time.
(function () {
  "use strict";

  var QUERY = [
    "query SuppliersWithOpenInvoices($first: Int!, $after: String) {",
    "  suppliers(first: $first, after: $after) {",
    "    totalCount",
    "    pageInfo { hasNextPage endCursor }",
    "    nodes {",
    "      number",
    "      name",
    "      invoices(first: 20, filter: { status: OPEN }) {",
    "        totalCount",
    "        nodes { referenceNumber dueDate balance currencyId }",
    "      }",
    "    }",
    "  }",
    "}",
  ].join("\n");

  function render(suppliers, body) {
    suppliers.forEach(function (supplier) {
      var invoices = supplier.invoices ? supplier.invoices.nodes : [];
      var open = invoices.reduce(function (sum, invoice) {
        return sum + Number(invoice.balance || 0);
      }, 0);
      var list = document.createElement("ul");
      invoices.forEach(function (invoice) {
        var item = document.createElement("li");
        item.textContent =
          invoice.referenceNumber + " due " + (invoice.dueDate || "-") + ": " +
          invoice.balance + " " + (invoice.currencyId || "");
        list.appendChild(item);
      });
      var row = body.insertRow();
      row.insertCell().textContent = supplier.number;
      row.insertCell().textContent = supplier.name;
      var cell = row.insertCell();
      cell.appendChild(document.createTextNode(
        (supplier.invoices ? supplier.invoices.totalCount : 0) + " open"
      ));
      cell.appendChild(list);
      var amount = row.insertCell();
      amount.className = "amount";
      amount.textContent = open.toFixed(2);
    });
  }

  window.pageThrough({
    query: QUERY,
    field: "suppliers",
    noun: "suppliers",
    pageSize: 10,
    render: render,
  });
})();
