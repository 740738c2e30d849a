// `service-account: NAMESPACE/NAME`: deploy with a short-lived token minted for that service
// account (TokenRequest) instead of the wider credentials that minted it. The token is minted
// again at 80% of its lifetime (the kubelet's rule for projected tokens) and after a 401.
import type { KubeApi } from "../../kube/api.ts";
import type { Connection } from "../../kube/connection.ts";
import { KubeApiError } from "../../kube/errors.ts";
import type { Log } from "../../log.ts";
import { CredentialsError } from "../errors.ts";
import { secretForms } from "../secrets.ts";
import type { IssuedToken } from "./issued-token.ts";
import { RenewingTokenAuthenticator } from "./renewing.ts";

/** An hour: long enough for a deploy and the steps after it, short enough to be worth little if leaked. */
const tokenLifetimeSeconds = 3600;

interface TokenRequestStatus {
  status?: { token?: string; expirationTimestamp?: string };
}

export interface TokenRequestOptions {
  /** a client with the credentials allowed to mint (create serviceaccounts/token) */
  client: Pick<KubeApi, "request">;
  namespace: string;
  name: string;
  /** who mints, for messages: `the kubeconfig input` */
  minter: string;
  mask: Log["mask"];
  now?: () => number;
}

/** Mints a token for the service account: what the renewing authenticator calls at 80% of its lifetime and after a 401. */
async function mintToken(options: TokenRequestOptions): Promise<IssuedToken> {
  const { client, namespace, name } = options;
  const account = `${namespace}/${name}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`;
  const issuedAt = (options.now ?? Date.now)();
  let answer: TokenRequestStatus;
  try {
    const body = {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds: tokenLifetimeSeconds },
    };
    answer = (
      await client.request<TokenRequestStatus>("POST", path, {
        body: JSON.stringify(body),
        contentType: "application/json",
      })
    ).body;
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) {
      throw new CredentialsError(
        `service-account: the service account ${account} does not exist; create it first, or fix the service-account input`,
      );
    }
    if (error instanceof KubeApiError && error.code === 403) {
      throw new CredentialsError(
        `service-account: the credentials from ${options.minter} may not mint tokens for ${account}: they need create on serviceaccounts/token in namespace ${namespace} (${error.message})`,
      );
    }
    throw error;
  }
  const token = answer.status?.token;
  if (token === undefined || token === "")
    throw new CredentialsError(`service-account: the API server returned no token for ${account}`);
  secretForms(token).forEach((s) => options.mask(s));
  // The server may shorten the lifetime: trust its expirationTimestamp.
  const expires = Date.parse(answer.status?.expirationTimestamp ?? "");
  return {
    token,
    issuedAt: new Date(issuedAt),
    expiresAt: new Date(Number.isNaN(expires) ? issuedAt + tokenLifetimeSeconds * 1000 : expires),
  };
}

function tokenRequestAuthenticator(options: TokenRequestOptions): RenewingTokenAuthenticator {
  return new RenewingTokenAuthenticator({
    description: `a token minted for service account ${options.namespace}/${options.name} (TokenRequest)`,
    obtain: () => mintToken(options),
    // later steps get the token itself: it lives an hour, and the file is rewritten if it was minted again
    exported: (current) => Promise.resolve({ token: current.token }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}

/** The connection that acts as the service account: same server and trust, none of the minter's credentials. */
export function serviceAccountConnection(
  base: Connection,
  client: Pick<KubeApi, "request">,
  account: { namespace: string; name: string },
  log: Pick<Log, "mask">,
  now?: () => number,
): Connection {
  const { cert: _cert, key: _key, ...tls } = base.tls;
  const { impersonate: _impersonate, ...rest } = base;
  return {
    ...rest,
    tls,
    auth: tokenRequestAuthenticator({
      client,
      ...account,
      minter: base.source,
      mask: log.mask,
      ...(now === undefined ? {} : { now }),
    }),
  };
}
