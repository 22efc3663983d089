// Boots GraphiQL with the gateway's configuration and the token of a Visma sign-in, if any.
(function () {
  "use strict";

  // Written by /auth/callback after "Sign in with Visma"; lives as long as the browser tab.
  var TOKEN_KEY = "visma-gateway.access-token";
  var config = JSON.parse(document.getElementById("explorer-config").textContent);
  var token = sessionStorage.getItem(TOKEN_KEY);
  var headers = token
    ? JSON.stringify({ Authorization: "Bearer " + token }, null, 2)
    : config.headers;

  var status = document.getElementById("sign-in-status");
  var signIn = document.getElementById("sign-in");
  var signOut = document.getElementById("sign-out");
  if (token) {
    status.textContent = "Signed in with Visma: the Headers tab carries your token.";
    signOut.hidden = false;
    signOut.addEventListener("click", function () {
      sessionStorage.removeItem(TOKEN_KEY);
      window.location.reload();
    });
  } else if (config.signIn) {
    signIn.hidden = false;
  }

  // A bearer token, not the placeholder: without one nothing is sent (not even GraphiQL's
  // schema introspection), and the response pane says how to get one instead of showing a 401.
  function hasToken(requestHeaders) {
    var auth = requestHeaders && (requestHeaders.Authorization || requestHeaders.authorization);
    return typeof auth === "string" && /^Bearer\s+[^\s<>]+$/.test(auth.trim());
  }

  function headersOf(text) {
    try {
      return JSON.parse(text || "{}");
    } catch (error) {
      return {};
    }
  }

  // Subscriptions run over a websocket to the same endpoint; GraphiQL sends the Headers tab
  // (the Authorization) as the connection_init payload, where the gateway authenticates.
  var wsUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + config.endpoint;
  var http = GraphiQL.createFetcher({ url: config.endpoint, subscriptionUrl: wsUrl });
  var schemaLoaded = false;
  var retry = null;

  function fetcher() {
    return function (params, options) {
      if (!hasToken(options && options.headers)) {
        return Promise.resolve({
          errors: [{ message: config.tokenHelp, extensions: { code: "UNAUTHENTICATED" } }],
        });
      }
      return http(params, options);
    };
  }

  // Once a token is in the Headers tab, a new fetcher makes GraphiQL load the schema.
  function onEditHeaders(text) {
    if (schemaLoaded || !hasToken(headersOf(text))) return;
    clearTimeout(retry);
    retry = setTimeout(render, 500);
  }

  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  function render() {
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher(),
        headers: headers,
        defaultQuery: config.exampleQuery,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: "headers",
        onEditHeaders: onEditHeaders,
        onSchemaChange: function () {
          schemaLoaded = true;
        },
      })
    );
  }
  render();
})();
