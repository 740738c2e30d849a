// API errors: the server's Status translated into something a person can act on.
import type { Status } from "./types.ts";

export class KubeApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly status: Status | undefined;

  constructor(code: number, method: string, path: string, status: Status | undefined, text: string) {
    const reason = status?.reason ?? reasonForCode(code);
    // Without a Status the body is whatever stood in front of the server (a gateway, a throttling
    // proxy): say which request got which answer.
    super(
      status?.message ??
        `${method} ${path} answered HTTP ${code} (${reason})${text.trim() === "" ? "" : `: ${text.trim().slice(0, 300)}`}`,
    );
    this.name = "KubeApiError";
    this.code = code;
    this.reason = reason;
    this.status = status;
  }

  /** What to do about it, in a sentence. */
  get hint(): string {
    switch (this.reason) {
      case "Unauthorized":
        return "the credentials were not accepted: check that the token or client certificate is valid and not expired";
      case "Forbidden":
        return "the identity lacks permission for this: grant it with a Role/ClusterRole binding, or deploy as another identity";
      case "NotFound":
        return "it does not exist on the cluster: check the name, namespace and apiVersion";
      case "Conflict":
        return "another field manager owns these fields: change the manifest to match, remove the fields, or set force-conflicts";
      case "Invalid":
      case "BadRequest":
        return "the server rejected the object as written: fix the manifest";
      case "TooManyRequests":
        return "the API server is overloaded (API priority and fairness): retry later";
      default:
        return this.code >= 500
          ? "the API server failed to handle the request: check the cluster's health and retry"
          : "";
    }
  }
}

function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    410: "Expired",
    415: "UnsupportedMediaType",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout",
  };
  return reasons[code] ?? `HTTP${code}`;
}

/** What the client trusted and where it connected through, so a TLS failure can say which CA and which name. */
export interface ConnectionContext {
  caSource?: string;
  serverName?: string;
  proxy?: string;
}

/** A failure to reach the server at all (DNS, refused, TLS), as opposed to an answer. */
export class ConnectionError extends Error {
  constructor(server: string, cause: unknown, context: ConnectionContext = {}) {
    const through = context.proxy === undefined ? "" : ` through the proxy ${redactUrl(context.proxy)}`;
    super(`cannot reach ${server}${through}: ${describeNetworkError(server, cause, context)}`, { cause });
    this.name = "ConnectionError";
  }
}

/**
 * An answer kubeship cannot use: larger than any API answer it asks for, or a 2xx body that is not
 * JSON (a login page or a proxy's error page in front of the API server).
 */
export class ServerAnswerError extends Error {
  constructor(server: string, method: string, path: string, problem: string) {
    super(`${method} ${server}${path}: ${problem}`);
    this.name = "ServerAnswerError";
  }
}

/** A proxy URL without its password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "REDACTED";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(an invalid URL)";
  }
}

function describeNetworkError(server: string, cause: unknown, context: ConnectionContext): string {
  const code =
    (cause as { code?: string; cause?: { code?: string } }).code ??
    (cause as { cause?: { code?: string } }).cause?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  const trusted = context.caSource ?? "the system's trusted roots (no certificate-authority was given)";
  const name = context.serverName ?? hostOf(server);
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (is the API server running, and is the address right?)";
    case "ENOTFOUND":
      return "the host name does not resolve";
    case "UND_ERR_HEADERS_TIMEOUT":
      return `it accepted the connection but did not answer (${code}); check the API server's health and any proxy in between`;
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "CERT_SIGNATURE_FAILURE":
      return `TLS verification failed: the server's certificate is not signed by a CA from ${trusted} (${code}); set certificate-authority-data to the cluster's CA`;
    case "CERT_HAS_EXPIRED":
      return `TLS verification failed: the server's certificate has expired (${code})`;
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `TLS verification failed: the server's certificate does not name "${name}" (${code}); connect with a name the certificate holds, or set tls-server-name in the kubeconfig cluster`;
    default:
      return code === undefined ? message : `${message} (${code})`;
  }
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}
