// Where the credentials come from, first match wins: the OIDC provider named by `auth` (the cluster
// from the direct inputs, the kubeconfig input or its cloud); the direct inputs; the kubeconfig input;
// `auth: in-cluster`; then, for `auth: auto` and `kubeconfig`, KUBECONFIG (its files merged as kubectl
// merges them; when set it replaces ~/.kube/config, as in kubectl), ~/.kube/config, and, for `auto`
// only, in-cluster. `auto` never uses OIDC implicitly.
import { existsSync } from "node:fs";
import type { Settings } from "../inputs.ts";
import type { KubeApi } from "../kube/api.ts";
import type { Connection } from "../kube/connection.ts";
import { redactUrl } from "../kube/errors.ts";
import type { Log } from "../log.ts";
import { serviceAccountConnection } from "./authenticators/token-request.ts";
import { CredentialsError } from "./errors.ts";
import { secretForms } from "./secrets.ts";
import { directConnection } from "./sources/direct.ts";
import type { ConnectionOptions, Kubeconfig } from "./sources/kubeconfig.ts";

// The sources other than the direct inputs are loaded only by the runs that use them: reading a
// kubeconfig needs the YAML parser and exec plugins' child processes, OIDC the token services.
const kubeconfigSource = () => import("./sources/kubeconfig.ts");
const oidcSource = () => import("./sources/oidc.ts");
const inClusterSource = () => import("./sources/in-cluster.ts");

type CredentialsLog = Pick<Log, "mask" | "info" | "warning">;

/** KUBECONFIG's files that exist, merged; else ~/.kube/config; undefined when there is neither. */
async function kubeconfigFromFiles(settings: Settings, log: CredentialsLog): Promise<Kubeconfig | undefined> {
  const { mergeKubeconfigs, readKubeconfigFile } = await kubeconfigSource();
  if (settings.kubeconfigPaths.length > 0) {
    const present = settings.kubeconfigPaths.filter((path) => existsSync(path));
    if (present.length === 0) {
      log.warning(`none of the files in KUBECONFIG exist (${settings.kubeconfigPaths.join(", ")})`);
      return undefined;
    }
    return mergeKubeconfigs(
      present.map(readKubeconfigFile),
      present.length === 1 ? `KUBECONFIG (${present[0] ?? ""})` : `KUBECONFIG (${present.join(", ")})`,
    );
  }
  if (existsSync(settings.defaultKubeconfigPath)) {
    const config = readKubeconfigFile(settings.defaultKubeconfigPath);
    return { ...config, source: settings.defaultKubeconfigPath };
  }
  return undefined;
}

/** The kubeconfig input's connection. */
async function kubeconfigInput(text: string, options: ConnectionOptions): Promise<Connection> {
  const { connectionFromKubeconfig, parseKubeconfig } = await kubeconfigSource();
  // no folder of its own: relative paths in it are refused (the workspace is what a pull request writes)
  return connectionFromKubeconfig(parseKubeconfig(text, { source: "the kubeconfig input" }), options);
}

/** The credentials the settings point to, before `service-account` and the impersonation inputs. */
async function baseConnection(
  settings: Settings,
  log: CredentialsLog,
  signal?: AbortSignal,
  fileId?: string,
): Promise<Connection> {
  const options = {
    context: settings.context,
    proxyEnvironment: settings.proxyEnvironment,
    pluginEnvironment: settings.pluginEnvironment,
    log,
    signal,
  };
  if (settings.oidc !== undefined) {
    // the runner's request token mints ID tokens for any audience: never to be seen, even if the lookup fails
    if (settings.idTokenRequest !== undefined) secretForms(settings.idTokenRequest.token).forEach((s) => log.mask(s));
    // the direct inputs or the kubeconfig name the cluster; the provider signs in
    const { cloudCluster, oidcConnection } = await oidcSource();
    const cluster =
      settings.direct !== undefined
        ? directConnection(settings.direct, settings.proxyEnvironment)
        : settings.kubeconfig !== undefined
          ? await kubeconfigInput(settings.kubeconfig, options)
          : await cloudCluster(settings, settings.oidc, log, signal);
    if (cluster === undefined)
      throw new CredentialsError(
        `auth: ${settings.oidc.method}: the cluster's address is not known; give server and certificate-authority-data`,
      );
    return oidcConnection(settings, settings.oidc, cluster, log, signal, fileId);
  }
  // the inputs allow the direct inputs only with auth: auto or kubeconfig, besides the OIDC methods
  if (settings.direct !== undefined) return directConnection(settings.direct, settings.proxyEnvironment);
  if (settings.kubeconfig !== undefined) return kubeconfigInput(settings.kubeconfig, options);
  if (settings.auth === "in-cluster") {
    const { inClusterConnection } = await inClusterSource();
    return inClusterConnection(settings.inCluster, settings.proxyEnvironment, log);
  }
  // auth: auto or kubeconfig (an OIDC method always has its provider's settings, handled above)
  const config = await kubeconfigFromFiles(settings, log);
  if (config !== undefined) return (await kubeconfigSource()).connectionFromKubeconfig(config, options);
  if (settings.auth === "auto") {
    const { inClusterAvailable, inClusterConnection } = await inClusterSource();
    if (inClusterAvailable(settings.inCluster))
      return inClusterConnection(settings.inCluster, settings.proxyEnvironment, log);
  }
  throw new CredentialsError(
    "no cluster credentials: set the kubeconfig input (for example `kubeconfig: ${{ secrets.KUBECONFIG }}`), " +
      "the server and token inputs, or KUBECONFIG for the step" +
      (settings.auth === "auto" ? "; nor is this runner a pod with a service account (in-cluster)" : ""),
  );
}

/** The connection the settings describe, before `service-account` and the impersonation inputs. */
export async function resolveConnection(
  settings: Settings,
  log: CredentialsLog,
  signal?: AbortSignal,
  /** the id of the run's files under RUNNER_TEMP (the exported kubeconfig's), which the plugin's cache shares */
  fileId?: string,
): Promise<Connection> {
  const connection = await baseConnection(settings, log, signal, fileId);
  const proxyPassword = connection.proxy === undefined ? "" : new URL(connection.proxy).password;
  const secrets =
    proxyPassword === ""
      ? connection.secrets
      : [...connection.secrets, proxyPassword, decodeURIComponent(proxyPassword)];
  for (const secret of new Set(secrets)) log.mask(secret);
  const server = URL.canParse(connection.server) ? new URL(connection.server) : undefined;
  if (server !== undefined && (server.username !== "" || server.password !== "")) {
    // Credentials in the URL would be printed wherever the server is named: refuse them, unshown.
    for (const part of [server.username, server.password]) if (part !== "") log.mask(decodeURIComponent(part));
    throw new CredentialsError(
      `the server URL from ${connection.source} carries a user name or password (${redactUrl(connection.server)}): give the credentials in the kubeconfig's user entry or the token input, and the server as https://host:port`,
    );
  }
  if (connection.server.toLowerCase().startsWith("http://")) {
    // Over plain HTTP the bearer token crosses the network in clear, and anyone on the path can answer.
    if (!settings.allowPlainHttp) {
      throw new CredentialsError(
        `the server ${connection.server} (from ${connection.source}) is plain HTTP: the credentials would cross the network in clear. Use its https:// address, or set allow-plain-http: true for a server that only listens on a trusted local network`,
      );
    }
    log.warning(
      `${connection.server} is plain HTTP (allow-plain-http: true): the credentials cross the network in clear`,
    );
  }
  if (connection.tls.insecureSkipVerify) {
    log.warning(
      `TLS verification of ${connection.server} is off (insecure-skip-tls-verify in ${connection.source}): anyone on the path can read the credentials; set certificate-authority-data instead`,
    );
  }
  return connection;
}

/** The impersonation inputs win over a kubeconfig's `as`. */
function applyImpersonation(connection: Connection, settings: Settings): Connection {
  if (settings.impersonate === undefined) return connection;
  const { user, groups, uid } = settings.impersonate;
  return { ...connection, impersonate: { user, groups, ...(uid === undefined ? {} : { uid }) } };
}

/**
 * The identity the writes use: with `service-account`, a token minted for it with the connection's
 * credentials (then the impersonation inputs, if any, on top of it); else the connection itself.
 */
export function deployingConnection(
  settings: Settings,
  connection: Connection,
  client: Pick<KubeApi, "request">,
  log: Pick<Log, "mask">,
): Connection {
  const account = settings.serviceAccount;
  return applyImpersonation(
    account === undefined ? connection : serviceAccountConnection(connection, client, account, log),
    settings,
  );
}
