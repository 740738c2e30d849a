// Connecting: the credentials, the clients, and the first request (who the server says we are).
// Behind the Session interface, so that tests run the pipeline against a fake API.
import type { ExportedKubeconfig } from "../credentials/export/kubeconfig.ts";
import { fileIdOf, transientKubeconfigPath } from "../credentials/export/names.ts";
import { type UserInfo, whoAmI } from "../credentials/identity.ts";
import { deployingConnection, resolveConnection } from "../credentials/index.ts";
import type { Settings } from "../inputs.ts";
import type { KubeApi } from "../kube/api.ts";
import { KubeClient } from "../kube/client.ts";
import { redactUrl } from "../kube/errors.ts";
import type { RequestRecord } from "../kube/trace.ts";
import type { Log } from "../log.ts";

export interface Introduction {
  /** undefined when the server does not say (SelfSubjectReview not served) */
  identity: UserInfo | undefined;
  /** the kubeconfig written for later steps (export-kubeconfig) */
  kubeconfigPath?: string;
}

/** A connection to one cluster, made from the settings, before any request is sent. */
export interface Session {
  readonly client: KubeApi;
  readonly server: string;
  readonly context: string | undefined;
  /** the namespace the kubeconfig context names */
  readonly namespace: string | undefined;
  /** API requests sent so far, for the debug log */
  readonly requestCount: number;
  /** when each request was sent and answered, for the debug log and the tests that count round trips */
  readonly requests?: readonly RequestRecord[];
  /** The first request: who the server says we are. Sent once, however often it is asked. */
  identify(): Promise<UserInfo | undefined>;
  /** The identity said in the log, and the kubeconfig for later steps written when asked. */
  introduce(defaultNamespace: string): Promise<Introduction>;
  /** closes every client, the minting one included */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** the run's timeout and cancellation: ends credential plugins, token services and every request */
  signal?: AbortSignal;
  /** where the kubeconfig for later steps goes (export-kubeconfig); a new file under RUNNER_TEMP when absent */
  kubeconfigPath?: string;
}

/** How the pipeline reaches the cluster: over HTTPS with the settings' credentials, or a fake in tests. */
export type Connect = (settings: Settings, log: Log, options?: ConnectOptions) => Promise<Session>;

export function describeIdentity(identity: UserInfo | undefined): string {
  if (identity === undefined) return "an identity the server did not name";
  const groups = identity.groups.filter((g) => g !== "system:authenticated");
  return `${identity.username}${groups.length === 0 ? "" : ` (groups ${groups.join(", ")})`}`;
}

export const connectOverHttps: Connect = async (settings, log, options = {}) => {
  const { signal } = options;
  // chosen now: the credential plugin's cache takes the kubeconfig's id, by which the post step finds it
  const kubeconfigPath = options.kubeconfigPath ?? transientKubeconfigPath(settings.runnerTemp);
  const base = await resolveConnection(settings, log, signal, fileIdOf(kubeconfigPath));
  const clientOptions = signal === undefined ? {} : { signal };
  const baseClient = new KubeClient(base, clientOptions);
  const connection = deployingConnection(settings, base, baseClient, log);
  const client = new KubeClient(connection, clientOptions);
  let exported: ExportedKubeconfig | undefined;
  let identifying: Promise<UserInfo | undefined> | undefined;
  const identify = () => (identifying ??= whoAmI(client, connection, signal));
  return {
    client,
    server: base.server,
    context: base.context,
    namespace: base.namespace,
    get requestCount() {
      return client.requestCount;
    },
    get requests() {
      return client.trace.records;
    },
    identify,
    async introduce(defaultNamespace) {
      const identity = await identify();
      const impersonating =
        connection.impersonate === undefined ? "" : `, impersonating ${connection.impersonate.user}`;
      const proxy = connection.proxy === undefined ? "" : `, through the proxy ${redactUrl(connection.proxy)}`;
      const auth = `${connection.auth.description}${impersonating}${proxy}`;
      const credentials = `credentials from ${connection.source}: ${auth}`;
      log.info(`Cluster ${connection.server} (context ${base.context ?? "none"}, ${credentials})`);
      log.info(`Deploying as ${describeIdentity(identity)}`);
      if (!settings.exportKubeconfig) return { identity };
      // loaded only by the runs that export it (it writes YAML)
      const { writeTransientKubeconfig } = await import("../credentials/export/kubeconfig.ts");
      exported = await writeTransientKubeconfig(kubeconfigPath, connection, defaultNamespace);
      const until = exported.renewsItself
        ? "with a fresh credential from its plugin whenever a later step needs one"
        : exported.expiresAt === undefined
          ? "as long as its credential is valid"
          : `until ${exported.expiresAt.toISOString()}`;
      const actsAs = `${identity?.username ?? "the same identity"}${impersonating}`;
      log.info(`Wrote the kubeconfig for later steps to ${exported.path} (mode 0600): it acts as ${actsAs}, ${until}`);
      return { identity, kubeconfigPath: exported.path };
    },
    async close() {
      // A token minted again during a long wait replaces the one later steps would get.
      const renewed = await exported
        ?.refresh()
        .catch((error: unknown) =>
          log.warning(`the kubeconfig for later steps could not be renewed: ${String(error)}`),
        );
      if (renewed?.expiresAt !== undefined) {
        log.info(
          `Renewed the credential in the kubeconfig for later steps: valid until ${renewed.expiresAt.toISOString()}`,
        );
      }
      await Promise.all([client.close(), baseClient.close()]);
    },
  };
};
