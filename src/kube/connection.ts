// How to reach one API server as one identity: what the credentials stage hands to the client.
// Secrets live only here (and are listed in `secrets`, so that the edge can mask them).

export interface TlsSettings {
  /** PEM bundle of trusted CAs; absent means the system's roots */
  ca?: string;
  /** PEM client certificate and key */
  cert?: string;
  key?: string;
  /** name to verify the server certificate against, when it differs from the URL's host */
  serverName?: string;
  insecureSkipVerify: boolean;
}

export interface Authenticator {
  /** The current `Authorization` header value, if this identity sends one. */
  authorization(): Promise<string | undefined>;
}

export interface Connection {
  /** https://host:port, without a trailing slash */
  server: string;
  tls: TlsSettings;
  auth: Authenticator;
  /** where the credentials came from, for the log: `kubeconfig input`, `KUBECONFIG (/path)` … */
  source: string;
  context?: string;
  /** the context's namespace, the default for namespaced objects that name none */
  namespace?: string;
  /** every secret value this connection holds, to register with the runner's masking */
  secrets: string[];
}

export const noAuthentication: Authenticator = {
  authorization: () => Promise.resolve(undefined),
};

export function bearerToken(token: string): Authenticator {
  return { authorization: () => Promise.resolve(`Bearer ${token}`) };
}
