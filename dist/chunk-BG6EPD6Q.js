const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

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
