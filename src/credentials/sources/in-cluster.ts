// In-cluster configuration, for a runner that is itself a pod: the API server from
// KUBERNETES_SERVICE_HOST/PORT, and the pod's service account (token, CA, namespace) from its
// mounted folder. The token is projected and rotated by the kubelet, so it is re-read.
import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import { join } from "node:path";
import type { InClusterEnvironment } from "../../inputs.ts";
import type { Connection } from "../../kube/connection.ts";
import { type ProxyEnvironment, proxyFromEnvironment } from "../../kube/proxy.ts";
import type { Log } from "../../log.ts";
import { TokenFileAuthenticator } from "../authenticators/token-file.ts";
import { CredentialsError } from "../errors.ts";

/** Whether this looks like a pod: what `auth: auto` asks before falling back to in-cluster. */
export function inClusterAvailable(env: InClusterEnvironment): boolean {
  return (
    env.host !== undefined &&
    env.host !== "" &&
    env.port !== undefined &&
    env.port !== "" &&
    existsSync(join(env.serviceAccountDir, "token"))
  );
}

export async function inClusterConnection(
  env: InClusterEnvironment,
  proxyEnvironment: ProxyEnvironment,
  log: Pick<Log, "mask">,
): Promise<Connection> {
  if (env.host === undefined || env.host === "" || env.port === undefined || env.port === "") {
    throw new CredentialsError(
      "auth: in-cluster needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod; they are not set, so this runner is not a pod (use a kubeconfig or the server and token inputs)",
    );
  }
  const host = isIP(env.host) === 6 ? `[${env.host}]` : env.host;
  const server = `https://${host}:${env.port}`;
  const caPath = join(env.serviceAccountDir, "ca.crt");
  let ca: string;
  try {
    ca = readFileSync(caPath, "utf8");
  } catch (error) {
    throw new CredentialsError(
      `in-cluster: the service account's CA ${caPath} cannot be read (${(error as { code?: string }).code ?? "unreadable"}); is a service account token mounted in the runner pod (automountServiceAccountToken)?`,
    );
  }
  const auth = new TokenFileAuthenticator({
    path: join(env.serviceAccountDir, "token"),
    what: "in-cluster: the service account token",
    mask: log.mask,
  });
  await auth.check();
  let namespace = env.podNamespace;
  if (namespace === undefined || namespace === "") {
    try {
      namespace = readFileSync(join(env.serviceAccountDir, "namespace"), "utf8").trim();
    } catch {
      namespace = undefined;
    }
  }
  const proxy = proxyFromEnvironment(server, proxyEnvironment);
  return {
    server,
    tls: { ca, caSource: caPath, insecureSkipVerify: false },
    ...(proxy === undefined ? {} : { proxy }),
    auth,
    source: `the pod's service account (${env.serviceAccountDir})`,
    ...(namespace === undefined || namespace === "" ? {} : { namespace }),
    secrets: [],
  };
}
