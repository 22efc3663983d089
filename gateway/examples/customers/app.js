// Lists customers with their balance, invoices and sales orders, a page at a time.
(function () {
  "use strict";

  var QUERY = [
    "query CustomersWithInvoicesAndOrders($first: Int!, $after: String) {",
    "  customers(first: $first, after: $after) {",
    "    totalCount",
    "    pageInfo { hasNextPage endCursor }",
    "    nodes {",
    "      number",
    "      name",
    "      balance { balance }",
    "      invoices(first: 5) { totalCount nodes { referenceNumber status balance currencyId } }",
    "      salesOrders(first: 5) { totalCount nodes { orderNo status orderTotal } }",
    "    }",
    "  }",
    "}",
  ].join("\n");

  // A cell with the list's total and one line per item shown.
  function listCell(row, connection, line) {
    var cell = row.insertCell();
    var items = connection ? connection.nodes : [];
    cell.appendChild(document.createTextNode((connection ? connection.totalCount : 0) + " in all"));
    var list = document.createElement("ul");
    items.forEach(function (item) {
      var entry = document.createElement("li");
      entry.textContent = line(item);
      list.appendChild(entry);
    });
    cell.appendChild(list);
  }

  function render(customers, body) {
    customers.forEach(function (customer) {
      var row = body.insertRow();
      row.insertCell().textContent = customer.number;
      row.insertCell().textContent = customer.name;
      listCell(row, customer.invoices, function (invoice) {
        return invoice.referenceNumber + " " + invoice.status + ": " + invoice.balance + " " +
          (invoice.currencyId || "");
      });
      listCell(row, customer.salesOrders, function (order) {
        return order.orderNo + " " + order.status + ": " + order.orderTotal;
      });
      var amount = row.insertCell();
      amount.className = "amount";
      amount.textContent = Number(customer.balance ? customer.balance.balance : 0).toFixed(2);
    });
  }

  window.pageThrough({
    query: QUERY,
    field: "customers",
    noun: "customers",
    pageSize: 10,
    render: render,
  });
})();
