// After "Sign in with Visma": keep the access token for this browser tab, back to the explorer.
(function () {
  "use strict";
  var result = JSON.parse(document.getElementById("sign-in-result").textContent);
  sessionStorage.setItem("visma-gateway.access-token", result.accessToken);
  window.location.replace("/graphql");
})();
