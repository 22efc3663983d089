// Lists suppliers with their open invoices through the gateway, a page at a time.
(function () {
  "use strict";

  var ENDPOINT = "/graphql";
  var PAGE_SIZE = 10;
  // The explorer's "Sign in with Visma" keeps its token here for the browser tab.
  var SIGNED_IN_TOKEN_KEY = "visma-gateway.access-token";
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

  var form = document.getElementById("token-form");
  var tokenInput = document.getElementById("token");
  var status = document.getElementById("status");
  var table = document.getElementById("suppliers");
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
      var suppliers = data.suppliers;
      page = index;
      cursors[index + 1] = suppliers.pageInfo.endCursor;
      render(suppliers.nodes);
      var pages = Math.ceil(suppliers.totalCount / PAGE_SIZE);
      pageLabel.textContent = "Page " + (page + 1) + " of " + pages;
      previous.hidden = page === 0;
      next.hidden = !suppliers.pageInfo.hasNextPage;
      status.textContent = suppliers.totalCount + " suppliers";
    } catch (error) {
      status.className = "error";
      status.textContent = error.message;
    }
  }

  function render(suppliers) {
    var body = table.tBodies[0];
    body.replaceChildren();
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
