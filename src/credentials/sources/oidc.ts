// The connection of an OIDC method: the cluster from the direct inputs, the kubeconfig (its user is
// not used) or the cloud's API; the bearer token from the provider, renewed as it expires. Later
// steps get an exec stanza running kubeship's credential plugin; in a container job, which cannot
// run it, the current token with a warning that it expires.
import type { Settings } from "../../inputs.ts";
import { type Connection, type KubeconfigUser, noAuthentication } from "../../kube/connection.ts";
import { proxyFromEnvironment } from "../../kube/proxy.ts";
import type { Log } from "../../log.ts";
import type { IssuedToken } from "../authenticators/issued-token.ts";
import { RenewingTokenAuthenticator } from "../authenticators/renewing.ts";
import { cacheFile, newFileId } from "../export/names.ts";
import { writeCache } from "../export/cache.ts";
import { credentialPluginUser } from "../export/plugin.ts";
import type { ClusterAccess } from "../providers/provider.ts";
import {
  describeProvider,
  lookUpCluster,
  obtainClusterToken,
  type OidcProvider,
  rejectionCauses,
} from "../providers/registry.ts";

type OidcLog = Pick<Log, "mask" | "warning" | "info">;

/**
 * The user stanza for later steps: the credential plugin, started from the token the deploy holds
 * (written to its cache); in a container job, which cannot run it, that token itself, with a warning.
 */
export function exportedUser(
  settings: Pick<Settings, "containerJob">,
  provider: OidcProvider,
  cache: string,
  log: Pick<Log, "warning">,
): (current: IssuedToken) => Promise<KubeconfigUser> {
  let warned = false;
  return async (current) => {
    if (settings.containerJob) {
      if (!warned) {
        log.warning(
          `the kubeconfig for later steps holds a token that expires at ${current.expiresAt.toISOString()}: in a container job later steps cannot run kubeship's credential plugin to renew it; deploy in one step, or run the job outside a container`,
        );
        warned = true;
      }
      return { token: current.token };
    }
    await writeCache(cache, current);
    return credentialPluginUser({ provider, cache });
  };
}

/** The cluster the cloud's API described, for `oidcConnection`; undefined when the provider has no such API. */
export async function cloudCluster(
  settings: Settings,
  provider: OidcProvider,
  log: OidcLog,
  signal?: AbortSignal,
): Promise<Connection | undefined> {
  const access: ClusterAccess | undefined = await lookUpCluster(provider, {
    idTokenRequest: settings.idTokenRequest,
    proxyEnvironment: settings.proxyEnvironment,
    mask: log.mask,
    ...(signal === undefined ? {} : { signal }),
  });
  if (access === undefined) return undefined;
  const proxy = proxyFromEnvironment(access.server, settings.proxyEnvironment);
  return {
    server: access.server,
    tls: {
      ...(access.ca === undefined ? {} : { ca: access.ca, caSource: `the CA from ${access.source}` }),
      insecureSkipVerify: false,
    },
    ...(proxy === undefined ? {} : { proxy }),
    auth: noAuthentication,
    source: access.source,
    secrets: [],
  };
}

/** The cluster part (server, TLS, proxy) of `cluster`, signed in with the provider's token. */
export function oidcConnection(
  settings: Settings,
  provider: OidcProvider,
  cluster: Connection,
  log: OidcLog,
  signal?: AbortSignal,
  /** the id the run's files take (kubeconfig and plugin cache): a new one when absent */
  fileId?: string,
): Connection {
  const context = {
    idTokenRequest: settings.idTokenRequest,
    proxyEnvironment: settings.proxyEnvironment,
    mask: log.mask,
    ...(signal === undefined ? {} : { signal }),
  };
  const cache = cacheFile(settings.runnerTemp, fileId ?? newFileId());
  const exported = exportedUser(settings, provider, cache, log);
  const { cert: _cert, key: _key, ...tls } = cluster.tls;
  const { impersonate: _impersonate, ...rest } = cluster;
  return {
    ...rest,
    tls,
    auth: new RenewingTokenAuthenticator({
      description: describeProvider(provider),
      obtain: () => obtainClusterToken(provider, context),
      exported,
      rejected: (token) => rejectionCauses(provider, token),
      info: (message) => log.info(message),
    }),
    source: `auth: ${provider.method} (cluster from ${cluster.source})`,
    secrets: cluster.secrets,
  };
}
