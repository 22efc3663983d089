// Lists customers with their balance, invoices and sales orders, a page at a time.
(function () {
  "use strict";

  var ENDPOINT = "/graphql";
  var PAGE_SIZE = 10;
  // The explorer's "Sign in with Visma" keeps its token here for the browser tab.
  var SIGNED_IN_TOKEN_KEY = "visma-gateway.access-token";
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

  var form = document.getElementById("token-form");
  var tokenInput = document.getElementById("token");
  var status = document.getElementById("status");
  var table = document.getElementById("customers");
  var previous = document.getElementById("previous");
  var next = document.getElementById("next");
  var pageLabel = document.getElementById("page");
  // Cursors of the pages seen so far: cursors[i] is the `after` of page i.
  var cursors = [null];
  var page = 0;

  async function graphql(query, variables) {
    var response = await fetch(ENDPOINT, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: "Bearer " + tokenInput.value.trim(),
      },
      body: JSON.stringify({ query: query, variables: variables }),
    });
    var body = await response.json();
    if (body.errors && body.errors.length) {
      var error = body.errors[0];
      var code = error.extensions && error.extensions.code;
      throw new Error((code ? code + ": " : "") + error.message);
    }
    return body.data;
  }

  async function show(index) {
    status.className = "";
    status.textContent = "Loading…";
    try {
      var data = await graphql(QUERY, { first: PAGE_SIZE, after: cursors[index] });
      var customers = data.customers;
      page = index;
      cursors[index + 1] = customers.pageInfo.endCursor;
      render(customers.nodes);
      var pages = Math.ceil(customers.totalCount / PAGE_SIZE);
      pageLabel.textContent = "Page " + (page + 1) + " of " + pages;
      previous.hidden = page === 0;
      next.hidden = !customers.pageInfo.hasNextPage;
      status.textContent = customers.totalCount + " customers";
    } catch (error) {
      status.className = "error";
      status.textContent = error.message;
    }
  }

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

  function render(customers) {
    var body = table.tBodies[0];
    body.replaceChildren();
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
    table.hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    cursors = [null];
    show(0);
  });
  next.addEventListener("click", function () { show(page + 1); });
  previous.addEventListener("click", function () { show(page - 1); });

  // A signed-in token from the explorer, else the demo token when the gateway serves demo data.
  var signedIn = sessionStorage.getItem(SIGNED_IN_TOKEN_KEY);
  if (signedIn) {
    tokenInput.value = signedIn;
  } else {
    fetch("/examples/config.json")
      .then(function (response) { return response.json(); })
      .then(function (config) {
        if (config.demoToken && !tokenInput.value) tokenInput.value = config.demoToken;
      });
  }
})();
