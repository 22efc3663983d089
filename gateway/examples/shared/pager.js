// What the example pages share: the token form (filled from the explorer's sign-in or the
// demo token), a GraphQL call with that token, and a table of records paged by cursors.
(function () {
  "use strict";

  var ENDPOINT = "/graphql";
  // The explorer's "Sign in with Visma" keeps its token here for the browser tab.
  var SIGNED_IN_TOKEN_KEY = "visma-gateway.access-token";

  // options: query (taking $first and $after), field (its root connection), noun (for the
  // status line), pageSize, and render(nodes, tbody) filling the table's body.
  window.pageThrough = function (options) {
    var form = document.getElementById("token-form");
    var tokenInput = document.getElementById("token");
    var status = document.getElementById("status");
    var table = document.getElementById(options.field);
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
        var data = await graphql(options.query, {
          first: options.pageSize,
          after: cursors[index],
        });
        var connection = data[options.field];
        page = index;
        cursors[index + 1] = connection.pageInfo.endCursor;
        var body = table.tBodies[0];
        body.replaceChildren();
        options.render(connection.nodes, body);
        table.hidden = false;
        var pages = Math.ceil(connection.totalCount / options.pageSize);
        pageLabel.textContent = "Page " + (page + 1) + " of " + pages;
        previous.hidden = page === 0;
        next.hidden = !connection.pageInfo.hasNextPage;
        status.textContent = connection.totalCount + " " + options.noun;
      } catch (error) {
        status.className = "error";
        status.textContent = error.message;
      }
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
  };
})();
