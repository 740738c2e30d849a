// How to reach one API server as one identity: what the credentials stage hands to the client.
// Secrets live only here (and are listed in `secrets`, so that the edge can mask them).

export interface TlsSettings {
  /** PEM bundle of trusted CAs; absent means the system's roots */
  ca?: string;
  /** where the CA came from, for TLS error messages: `certificate-authority-data of cluster "c" in …` */
  caSource?: string;
  /** PEM client certificate and key */
  cert?: string;
  key?: string;
  /** name to verify the server certificate against, when it differs from the URL's host */
  serverName?: string;
  insecureSkipVerify: boolean;
}

/** What one request presents: an `Authorization` header, a client certificate, or both. */
export interface Credential {
  authorization?: string;
  clientCertificate?: { cert: string; key: string };
  /** when the issuer says it stops being valid; absent when unknown */
  expiresAt?: Date;
}

/** A kubeconfig `users[].user` stanza: how a later step (kubectl) can act as the same identity. */
export type KubeconfigUser = Record<string, unknown>;

/**
 * Yields the credential for each request. Providers whose credentials expire renew them before
 * they do (in `current`), and again when the server rejects one (`renew`, after a 401).
 */
export interface Authenticator {
  /** The credential to send now. */
  current(): Promise<Credential>;
  /**
   * The server answered 401 to a request sent with `rejected`. Obtain a fresh credential if this
   * provider can; true when the request is worth sending once more.
   */
  renew(rejected: Credential): Promise<boolean>;
  /** The user stanza that lets a later step act as this identity (the transient kubeconfig). */
  kubeconfigUser(): Promise<KubeconfigUser>;
  /** One line for the log: `token from /path (re-read as it changes)`, `exec plugin aws (v1)` … */
  readonly description: string;
  /** Why the server may have refused the credential (401) and what to check; absent: the generic advice. */
  whenRejected?(): string | undefined;
}

/** Impersonation headers sent with every request. */
export interface Impersonation {
  user: string;
  uid?: string;
  groups: readonly string[];
}

export interface Connection {
  /** https://host:port, without a trailing slash */
  server: string;
  tls: TlsSettings;
  /** proxy URL (http, https or socks5); absent: connect directly */
  proxy?: string;
  /** the kubeconfig asked not to request compressed responses (kubeship never does) */
  disableCompression?: boolean;
  auth: Authenticator;
  impersonate?: Impersonation;
  /** where the credentials came from, for the log: `the kubeconfig input`, `KUBECONFIG (/a, /b)` … */
  source: string;
  context?: string;
  /** the context's namespace, the default for namespaced objects that name none */
  namespace?: string;
  /** every secret value this connection holds, to register with the runner's masking */
  secrets: string[];
}

/** A credential that never changes: nothing to renew. */
export function staticAuthenticator(credential: Credential, user: KubeconfigUser, description: string): Authenticator {
  return {
    current: () => Promise.resolve(credential),
    renew: () => Promise.resolve(false),
    kubeconfigUser: () => Promise.resolve(user),
    description,
  };
}

export const noAuthentication: Authenticator = staticAuthenticator({}, {}, "no credentials");

export function bearerToken(token: string): Authenticator {
  return staticAuthenticator({ authorization: `Bearer ${token}` }, { token }, "a bearer token");
}
