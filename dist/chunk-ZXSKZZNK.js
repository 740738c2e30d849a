import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/kube/connection.ts
function staticAuthenticator(credential, user, description) {
  return {
    current: () => Promise.resolve(credential),
    renew: () => Promise.resolve(false),
    kubeconfigUser: () => Promise.resolve(user),
    description
  };
}
var noAuthentication = staticAuthenticator({}, {}, "no credentials");
function bearerToken(token) {
  return staticAuthenticator({ authorization: `Bearer ${token}` }, { token }, "a bearer token");
}

export {
  staticAuthenticator,
  noAuthentication,
  bearerToken
};
