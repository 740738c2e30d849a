// `service-account: NAMESPACE/NAME`: deploy with a short-lived token minted for that service
// account (TokenRequest) instead of the wider credentials that minted it. The token is minted
// again at 80% of its lifetime (the kubelet's rule for projected tokens) and after a 401.
import type { Log } from "../log.ts";
import type { KubeClient } from "../kube/client.ts";
import type { Authenticator, Connection, Credential, KubeconfigUser } from "../kube/connection.ts";
import { KubeApiError } from "../kube/errors.ts";
import { CredentialsError } from "./errors.ts";
import { secretForms } from "./secrets.ts";

/** An hour: long enough for a deploy and the steps after it, short enough to be worth little if leaked. */
export const tokenLifetimeSeconds = 3600;

interface TokenRequestStatus {
  status?: { token?: string; expirationTimestamp?: string };
}

export interface TokenRequestOptions {
  /** a client with the credentials allowed to mint (create serviceaccounts/token) */
  client: Pick<KubeClient, "request">;
  namespace: string;
  name: string;
  /** who mints, for messages: `the kubeconfig input` */
  minter: string;
  mask: Log["mask"];
  now?: () => number;
}

export class TokenRequestAuthenticator implements Authenticator {
  readonly description: string;
  private readonly options: TokenRequestOptions;
  private credential: Credential | undefined;
  private renewAt = 0;
  private minting: Promise<Credential> | undefined;
  /** how many tokens were minted, for the log */
  minted = 0;

  constructor(options: TokenRequestOptions) {
    this.options = options;
    this.description = `a token minted for service account ${options.namespace}/${options.name} (TokenRequest)`;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async current(): Promise<Credential> {
    if (this.credential !== undefined && this.now() < this.renewAt) return this.credential;
    return this.mint();
  }

  async renew(rejected: Credential): Promise<boolean> {
    if (this.credential !== undefined && this.credential.authorization !== rejected.authorization) return true;
    this.credential = undefined;
    await this.mint();
    return true;
  }

  kubeconfigUser(): Promise<KubeconfigUser> {
    return this.current().then((c) => ({ token: (c.authorization ?? "").replace(/^Bearer /, "") }));
  }

  private mint(): Promise<Credential> {
    this.minting ??= this.request().finally(() => (this.minting = undefined));
    return this.minting;
  }

  private async request(): Promise<Credential> {
    const { client, namespace, name } = this.options;
    const account = `${namespace}/${name}`;
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`;
    const issued = this.now();
    let answer: TokenRequestStatus;
    try {
      const body = { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: tokenLifetimeSeconds } };
      answer = (await client.request<TokenRequestStatus>("POST", path, { body: JSON.stringify(body), contentType: "application/json" })).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) {
        throw new CredentialsError(`service-account: the service account ${account} does not exist; create it first, or fix the service-account input`);
      }
      if (error instanceof KubeApiError && error.code === 403) {
        throw new CredentialsError(
          `service-account: the credentials from ${this.options.minter} may not mint tokens for ${account}: they need create on serviceaccounts/token in namespace ${namespace} (${error.message})`,
        );
      }
      throw error;
    }
    const token = answer.status?.token;
    if (token === undefined || token === "") throw new CredentialsError(`service-account: the API server returned no token for ${account}`);
    secretForms(token).forEach((s) => this.options.mask(s));
    // The server may shorten the lifetime: trust its expirationTimestamp.
    const expires = Date.parse(answer.status?.expirationTimestamp ?? "");
    const expiresAt = Number.isNaN(expires) ? issued + tokenLifetimeSeconds * 1000 : expires;
    this.renewAt = issued + 0.8 * (expiresAt - issued);
    this.minted++;
    this.credential = { authorization: `Bearer ${token}`, expiresAt: new Date(expiresAt) };
    return this.credential;
  }
}

/** The connection that acts as the service account: same server and trust, none of the minter's credentials. */
export function serviceAccountConnection(base: Connection, client: Pick<KubeClient, "request">, account: { namespace: string; name: string }, log: Pick<Log, "mask">, now?: () => number): Connection {
  const { cert: _cert, key: _key, ...tls } = base.tls;
  const { impersonate: _impersonate, ...rest } = base;
  return {
    ...rest,
    tls,
    auth: new TokenRequestAuthenticator({ client, ...account, minter: base.source, mask: log.mask, ...(now === undefined ? {} : { now }) }),
  };
}
