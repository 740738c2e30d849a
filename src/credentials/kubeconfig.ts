// Kubeconfig → Connection: pick the context, its cluster and user, and read the TLS material and
// token they point to. Error messages name entries and files, never their content.
import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parse } from "yaml";
import { bearerToken, type Connection, noAuthentication } from "../kube/connection.ts";

interface NamedEntry<T> {
  name?: string;
  [section: string]: T | string | undefined;
}

interface ClusterEntry {
  server?: string;
  "certificate-authority"?: string;
  "certificate-authority-data"?: string;
  "insecure-skip-tls-verify"?: boolean;
  "tls-server-name"?: string;
}

interface UserEntry {
  token?: string;
  tokenFile?: string;
  "client-certificate"?: string;
  "client-certificate-data"?: string;
  "client-key"?: string;
  "client-key-data"?: string;
  exec?: unknown;
  "auth-provider"?: { name?: string };
  username?: string;
}

interface ContextEntry {
  cluster?: string;
  user?: string;
  namespace?: string;
}

interface KubeconfigFile {
  clusters?: NamedEntry<ClusterEntry>[];
  users?: NamedEntry<UserEntry>[];
  contexts?: NamedEntry<ContextEntry>[];
  "current-context"?: string;
}

export class CredentialsError extends Error {
  override name = "CredentialsError";
}

export interface KubeconfigOrigin {
  /** how the log names it: `the kubeconfig input`, `/home/me/.kube/config` */
  source: string;
  /** relative file references resolve against this folder */
  baseDir: string;
}

function find<T>(entries: NamedEntry<T>[] | undefined, section: string, name: string, what: string, origin: KubeconfigOrigin): T {
  const entry = entries?.find((e) => e.name === name);
  if (entry === undefined) {
    const known = (entries ?? []).map((e) => e.name).join(", ") || "none";
    throw new CredentialsError(`${what} "${name}" is not defined in ${origin.source} (defined: ${known})`);
  }
  return (entry[section] ?? {}) as T;
}

function readReferenced(path: string, what: string, origin: KubeconfigOrigin): string {
  const file = isAbsolute(path) ? path : resolve(origin.baseDir, path);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new CredentialsError(`${what} file ${file} named in ${origin.source} cannot be read (${code})`);
  }
}

function decodeData(data: string, what: string, origin: KubeconfigOrigin): string {
  const decoded = Buffer.from(data, "base64").toString("utf8");
  if (!decoded.includes("-----BEGIN")) throw new CredentialsError(`${what} in ${origin.source} is not base64 of a PEM block`);
  return decoded;
}

/** A PEM block given inline (`<field>-data`, base64) or as a file (`<field>`); inline wins, as in kubectl. */
function pemFrom<F extends string>(entry: Partial<Record<F | `${F}-data`, string>>, field: F, origin: KubeconfigOrigin): string | undefined {
  const data = entry[`${field}-data`];
  if (data !== undefined) return decodeData(data, `${field}-data`, origin);
  const path = entry[field];
  return path === undefined ? undefined : readReferenced(path, field, origin);
}

/** Each base64 line of a PEM block: masking works line by line in the runner's log. */
export function pemSecretLines(pem: string): string[] {
  return pem
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("-----"));
}

export function parseKubeconfig(text: string, origin: KubeconfigOrigin): KubeconfigFile {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch {
    throw new CredentialsError(`${origin.source} is not valid YAML`);
  }
  if (typeof parsed !== "object" || parsed === null || !("clusters" in parsed || "contexts" in parsed)) {
    throw new CredentialsError(`${origin.source} is not a kubeconfig (it has no clusters or contexts)`);
  }
  return parsed as KubeconfigFile;
}

export function connectionFromKubeconfig(config: KubeconfigFile, origin: KubeconfigOrigin, contextName?: string): Connection {
  const name = contextName ?? config["current-context"];
  if (name === undefined || name === "") {
    throw new CredentialsError(`${origin.source} has no current-context: set the context input`);
  }
  const context = find(config.contexts, "context", name, "context", origin);
  if (context.cluster === undefined) throw new CredentialsError(`context "${name}" in ${origin.source} names no cluster`);
  const cluster = find(config.clusters, "cluster", context.cluster, "cluster", origin);
  const user = context.user === undefined ? {} : find<UserEntry>(config.users, "user", context.user, "user", origin);
  if (cluster.server === undefined || cluster.server === "") {
    throw new CredentialsError(`cluster "${context.cluster}" in ${origin.source} has no server`);
  }
  if (user["auth-provider"] !== undefined) {
    throw new CredentialsError(
      `user "${context.user}" in ${origin.source} uses the removed auth-provider "${user["auth-provider"].name ?? ""}": use its exec credential plugin instead (for example kubelogin or gke-gcloud-auth-plugin)`,
    );
  }
  if (user.exec !== undefined || user.username !== undefined) {
    throw new CredentialsError(`user "${context.user}" in ${origin.source} uses exec or basic authentication, which this version does not support yet`);
  }

  const secrets: string[] = [];
  const ca = pemFrom(cluster, "certificate-authority", origin);
  const cert = pemFrom(user, "client-certificate", origin);
  const key = pemFrom(user, "client-key", origin);
  if (user["client-key-data"] !== undefined) secrets.push(user["client-key-data"]);
  if (key !== undefined) secrets.push(...pemSecretLines(key));
  if ((cert === undefined) !== (key === undefined)) {
    throw new CredentialsError(`user "${context.user}" in ${origin.source} has a client certificate without its key, or a key without its certificate`);
  }

  let token = user.token;
  if (token === undefined && user.tokenFile !== undefined) token = readReferenced(user.tokenFile, "tokenFile", origin).trim();
  if (token !== undefined) secrets.push(token);

  return {
    server: cluster.server.replace(/\/+$/, ""),
    tls: {
      ...(ca === undefined ? {} : { ca }),
      ...(cert === undefined ? {} : { cert }),
      ...(key === undefined ? {} : { key }),
      ...(cluster["tls-server-name"] === undefined ? {} : { serverName: cluster["tls-server-name"] }),
      insecureSkipVerify: cluster["insecure-skip-tls-verify"] === true,
    },
    auth: token === undefined ? noAuthentication : bearerToken(token),
    source: origin.source,
    context: name,
    ...(context.namespace === undefined ? {} : { namespace: context.namespace }),
    secrets,
  };
}
