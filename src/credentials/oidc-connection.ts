// The connection of an OIDC method: the cluster from the direct inputs or the kubeconfig (its user
// is not used), the bearer token from the provider, renewed as it expires. Later steps get an exec
// stanza running kubeship's credential plugin; in a container job, which cannot run it, the current
// token with a warning that it expires.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { OidcProvider, Settings } from "../inputs.ts";
import type { Log } from "../log.ts";
import type { Connection, KubeconfigUser } from "../kube/connection.ts";
import type { IssuedToken } from "./issued-token.ts";
import { describeProvider, obtainClusterToken, rejectionCauses } from "./oidc.ts";
import { credentialPluginUser, writeCache } from "./plugin.ts";
import { RenewingTokenAuthenticator } from "./renewing.ts";
import { secretForms } from "./secrets.ts";

type OidcLog = Pick<Log, "mask" | "warning" | "info">;

/** The cluster part (server, TLS, proxy) of `cluster`, signed in with the provider's token. */
export function oidcConnection(settings: Settings, provider: OidcProvider, cluster: Connection, log: OidcLog): Connection {
  const context = { idTokenRequest: settings.idTokenRequest, proxyEnvironment: settings.proxyEnvironment, mask: log.mask };
  const cache = join(settings.runnerTemp, `kubeship-credential-${randomBytes(6).toString("hex")}.json`);
  let warned = false;
  const exported = async (current: IssuedToken): Promise<KubeconfigUser> => {
    if (settings.containerJob) {
      if (!warned) {
        log.warning(
          `the kubeconfig for later steps holds a token that expires at ${current.expiresAt.toISOString()}: in a container job later steps cannot run kubeship's credential plugin to renew it; deploy in one step, or run the job outside a container`,
        );
        warned = true;
      }
      return { token: current.token };
    }
    // later steps start from the token the deploy holds, then renew it themselves
    await writeCache(cache, current);
    return credentialPluginUser({ provider, cache });
  };
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
    // the runner's request token mints ID tokens for any audience: never to be seen
    secrets: [...cluster.secrets, ...(settings.idTokenRequest === undefined ? [] : secretForms(settings.idTokenRequest.token))],
  };
}
