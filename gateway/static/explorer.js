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

  // Subscriptions run over a websocket to the same endpoint; GraphiQL sends the Headers tab
  // (the Authorization) as the connection_init payload, where the gateway authenticates.
  var wsUrl = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + config.endpoint;
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: config.endpoint, subscriptionUrl: wsUrl }),
      headers: headers,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: "headers",
    })
  );
})();
