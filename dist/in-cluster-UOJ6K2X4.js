const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  TokenFileAuthenticator
} from "./chunk-677P6RMV.js";
import {
  CredentialsError
} from "./chunk-OJTZGOVT.js";
import {
  proxyFromEnvironment
} from "./chunk-TAMLSLKN.js";
import "./chunk-RCV5BOJ3.js";

// src/credentials/sources/in-cluster.ts
import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
function inClusterAvailable(env) {
  return env.host !== void 0 && env.host !== "" && env.port !== void 0 && env.port !== "" && existsSync(join(env.serviceAccountDir, "token"));
}
async function inClusterConnection(env, proxyEnvironment, log) {
  if (env.host === void 0 || env.host === "" || env.port === void 0 || env.port === "") {
    throw new CredentialsError(
      "auth: in-cluster needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod; they are not set, so this runner is not a pod (use a kubeconfig or the server and token inputs)"
    );
  }
  const host = isIP(env.host) === 6 ? `[${env.host}]` : env.host;
  const server = `https://${host}:${env.port}`;
  const caPath = join(env.serviceAccountDir, "ca.crt");
  let ca;
  try {
    ca = readFileSync(caPath, "utf8");
  } catch (error) {
    throw new CredentialsError(
      `in-cluster: the service account's CA ${caPath} cannot be read (${error.code ?? "unreadable"}); is a service account token mounted in the runner pod (automountServiceAccountToken)?`
    );
  }
  const auth = new TokenFileAuthenticator({
    path: join(env.serviceAccountDir, "token"),
    what: "in-cluster: the service account token",
    mask: log.mask
  });
  await auth.check();
  let namespace = env.podNamespace;
  if (namespace === void 0 || namespace === "") {
    try {
      namespace = readFileSync(join(env.serviceAccountDir, "namespace"), "utf8").trim();
    } catch {
      namespace = void 0;
    }
  }
  const proxy = proxyFromEnvironment(server, proxyEnvironment);
  return {
    server,
    tls: { ca, caSource: caPath, insecureSkipVerify: false },
    ...proxy === void 0 ? {} : { proxy },
    auth,
    source: `the pod's service account (${env.serviceAccountDir})`,
    ...namespace === void 0 || namespace === "" ? {} : { namespace },
    secrets: []
  };
}
export {
  inClusterAvailable,
  inClusterConnection
};
