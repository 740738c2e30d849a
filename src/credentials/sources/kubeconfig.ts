// Kubeconfig files → one merged kubeconfig → the Connection of one context. Loading and merging
// follow kubectl (client-go's clientcmd): the first file that defines a cluster, user or context
// wins, with its whole entry; current-context comes from the first file that sets one; relative
// paths resolve against the folder of the file that defined the entry. Error messages name
// entries, fields and files, never their content.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse, YAMLParseError } from "yaml";
import {
  type Authenticator,
  bearerToken,
  type Connection,
  type KubeconfigUser,
  noAuthentication,
  staticAuthenticator,
} from "../../kube/connection.ts";
import { checkProxyUrl, type ProxyEnvironment, proxyFromEnvironment } from "../../kube/proxy.ts";
import type { Log } from "../../log.ts";
import { ExecAuthenticator, type ExecConfig } from "../authenticators/exec.ts";
import { TokenFileAuthenticator } from "../authenticators/token-file.ts";
import { CredentialsError } from "../errors.ts";
import { type KubeconfigOrigin, referencedPath } from "../references.ts";
import { pemSecretLines, secretForms } from "../secrets.ts";

export interface ClusterEntry {
  server?: string;
  "certificate-authority"?: string;
  "certificate-authority-data"?: string;
  "insecure-skip-tls-verify"?: boolean;
  "tls-server-name"?: string;
  "proxy-url"?: string;
  "disable-compression"?: boolean;
  extensions?: { name?: string; extension?: unknown }[];
}

export interface UserEntry {
  token?: string;
  tokenFile?: string;
  "client-certificate"?: string;
  "client-certificate-data"?: string;
  "client-key"?: string;
  "client-key-data"?: string;
  username?: string;
  password?: string;
  as?: string;
  "as-uid"?: string;
  "as-groups"?: string[];
  exec?: ExecConfig;
  "auth-provider"?: { name?: string };
}

export interface ContextEntry {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** An entry and the file that defined it. */
interface Located<T> {
  entry: T;
  origin: KubeconfigOrigin;
}

export interface Kubeconfig {
  /** how the log names where it came from: `the kubeconfig input`, `KUBECONFIG (/a, /b)` */
  source: string;
  clusters: Map<string, Located<ClusterEntry>>;
  users: Map<string, Located<UserEntry>>;
  contexts: Map<string, Located<ContextEntry>>;
  currentContext: string | undefined;
}

type FieldType = "string" | "boolean" | "object" | "string[]" | "array";

const clusterFields: Record<string, FieldType> = {
  server: "string",
  "certificate-authority": "string",
  "certificate-authority-data": "string",
  "insecure-skip-tls-verify": "boolean",
  "tls-server-name": "string",
  "proxy-url": "string",
  "disable-compression": "boolean",
  extensions: "array",
};
const userFields: Record<string, FieldType> = {
  token: "string",
  tokenFile: "string",
  "client-certificate": "string",
  "client-certificate-data": "string",
  "client-key": "string",
  "client-key-data": "string",
  username: "string",
  password: "string",
  as: "string",
  "as-uid": "string",
  "as-groups": "string[]",
  exec: "object",
  "auth-provider": "object",
};
const execFields: Record<string, FieldType> = {
  apiVersion: "string",
  command: "string",
  args: "string[]",
  env: "array",
  installHint: "string",
  provideClusterInfo: "boolean",
  interactiveMode: "string",
};
const contextFields: Record<string, FieldType> = { cluster: "string", user: "string", namespace: "string" };

function typeOk(value: unknown, type: FieldType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
  }
}

const article = (type: FieldType) =>
  ({
    string: "a string",
    boolean: "true or false",
    object: "a mapping",
    array: "a list",
    "string[]": "a list of strings",
  })[type];

/** Checks the fields kubeship reads; a wrong type is named by its path, never by its value. */
function checkFields(value: unknown, fields: Record<string, FieldType>, path: string, origin: KubeconfigOrigin): void {
  if (!typeOk(value, "object")) throw new CredentialsError(`${origin.source} is malformed: ${path} must be a mapping`);
  for (const [field, type] of Object.entries(fields)) {
    const fieldValue = (value as Record<string, unknown>)[field];
    if (fieldValue !== undefined && fieldValue !== null && !typeOk(fieldValue, type)) {
      throw new CredentialsError(`${origin.source} is malformed: ${path}.${field} must be ${article(type)}`);
    }
  }
}

function readSection<T>(
  parsed: Record<string, unknown>,
  list: "clusters" | "users" | "contexts",
  section: "cluster" | "user" | "context",
  fields: Record<string, FieldType>,
  origin: KubeconfigOrigin,
): Map<string, Located<T>> {
  const entries = parsed[list] ?? [];
  if (!Array.isArray(entries)) throw new CredentialsError(`${origin.source} is malformed: ${list} must be a list`);
  const map = new Map<string, Located<T>>();
  entries.forEach((item: unknown, index) => {
    const path = `${list}[${index}]`;
    const name = (item as { name?: unknown } | null)?.name;
    if (typeof name !== "string" || name === "")
      throw new CredentialsError(`${origin.source} is malformed: ${path}.name must be a non-empty string`);
    const entry = (item as Record<string, unknown>)[section] ?? {};
    checkFields(entry, fields, `${path}.${section}`, origin);
    if (section === "user" && (entry as UserEntry).exec !== undefined)
      checkFields((entry as UserEntry).exec, execFields, `${path}.user.exec`, origin);
    // Within one file, too, the first definition of a name wins.
    if (!map.has(name)) map.set(name, { entry: entry as T, origin });
  });
  return map;
}

export function parseKubeconfig(text: string, origin: KubeconfigOrigin): Kubeconfig {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos !== undefined ? ` at line ${error.linePos[0].line}` : "";
    throw new CredentialsError(`${origin.source} is not valid YAML${where}`);
  }
  if (parsed === null || parsed === undefined) parsed = {};
  if (typeof parsed !== "object" || Array.isArray(parsed))
    throw new CredentialsError(`${origin.source} is not a kubeconfig (it is not a mapping)`);
  const config = parsed as Record<string, unknown>;
  const current = config["current-context"];
  if (current !== undefined && current !== null && typeof current !== "string")
    throw new CredentialsError(`${origin.source} is malformed: current-context must be a string`);
  return {
    source: origin.source,
    clusters: readSection<ClusterEntry>(config, "clusters", "cluster", clusterFields, origin),
    users: readSection<UserEntry>(config, "users", "user", userFields, origin),
    contexts: readSection<ContextEntry>(config, "contexts", "context", contextFields, origin),
    currentContext: typeof current === "string" && current !== "" ? current : undefined,
  };
}

/** Reads one kubeconfig file; relative paths in it resolve against its folder. */
export function readKubeconfigFile(path: string): Kubeconfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CredentialsError(
      `the kubeconfig ${path} cannot be read (${(error as { code?: string }).code ?? "unreadable"})`,
    );
  }
  return parseKubeconfig(text, { source: path, baseDir: resolve(path, "..") });
}

/** kubectl's merge: the first file to define a name wins with its whole entry; likewise current-context. */
export function mergeKubeconfigs(configs: readonly Kubeconfig[], source: string): Kubeconfig {
  const merged: Kubeconfig = {
    source,
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
    currentContext: undefined,
  };
  for (const config of configs) {
    for (const list of ["clusters", "users", "contexts"] as const) {
      const target = merged[list] as Map<string, unknown>;
      for (const [name, located] of config[list]) if (!target.has(name)) target.set(name, located);
    }
    merged.currentContext ??= config.currentContext;
  }
  return merged;
}

function lookup<T>(
  map: Map<string, Located<T>>,
  name: string,
  what: string,
  config: Kubeconfig,
  fix: string,
): Located<T> {
  const found = map.get(name);
  if (found !== undefined) return found;
  const known = [...map.keys()].join(", ") || "none";
  throw new CredentialsError(`${what} "${name}" is not defined in ${config.source} (defined: ${known}); ${fix}`);
}

function readReferenced(path: string, what: string, origin: KubeconfigOrigin): string {
  const file = referencedPath(path, what, origin);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw new CredentialsError(`${what} file ${file} named in ${origin.source} cannot be read (${code})`);
  }
}

function decodeData(data: string, what: string, origin: KubeconfigOrigin): string {
  const decoded = Buffer.from(data, "base64").toString("utf8");
  if (!decoded.includes("-----BEGIN"))
    throw new CredentialsError(`${origin.source} is malformed: ${what} is not base64 of a PEM block`);
  return decoded;
}

/** A PEM block given inline (`<field>-data`, base64) or as a file (`<field>`); inline wins, as in kubectl. */
function pemFrom<F extends string>(
  entry: Partial<Record<F | `${F}-data`, string>>,
  field: F,
  where: string,
  origin: KubeconfigOrigin,
): string | undefined {
  const data = entry[`${field}-data`];
  if (data !== undefined) return decodeData(data, `${where}.${field}-data`, origin);
  const path = entry[field];
  return path === undefined ? undefined : readReferenced(path, `${where}.${field}`, origin);
}

/** Legacy auth-providers and the exec plugins that replaced them. */
const authProviderReplacements: Record<string, string> = {
  gcp: "gke-gcloud-auth-plugin (exec plugin), or auth: gcp",
  azure: "kubelogin (exec plugin, `kubelogin convert-kubeconfig`), or auth: azure",
  oidc: "an OIDC exec plugin such as kubelogin (`kubectl oidc-login`), or auth: github-oidc",
};

export interface ConnectionOptions {
  context?: string | undefined;
  proxyEnvironment: ProxyEnvironment;
  /** the environment exec plugins inherit */
  pluginEnvironment: Readonly<Record<string, string>>;
  log: Pick<Log, "mask" | "info" | "warning">;
  /** the run's timeout and cancellation: an exec plugin still running when it fires is killed */
  signal?: AbortSignal | undefined;
}

export interface ClusterTls {
  server: string;
  ca: string | undefined;
  caSource: string | undefined;
  serverName: string | undefined;
  insecureSkipVerify: boolean;
  proxy: string | undefined;
  disableCompression: boolean;
}

/** The cluster half of a connection: where the server is and how to trust it. */
function clusterTls(
  cluster: ClusterEntry,
  where: string,
  origin: KubeconfigOrigin,
  options: Pick<ConnectionOptions, "proxyEnvironment">,
): ClusterTls {
  if (cluster.server === undefined || cluster.server === "") {
    throw new CredentialsError(`${where} in ${origin.source} has no server: set its server URL`);
  }
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new CredentialsError(`${origin.source} is malformed: ${where}.server is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new CredentialsError(`${origin.source} is malformed: ${where}.server must be an https:// URL`);
  const ca = pemFrom(cluster, "certificate-authority", where, origin);
  const insecure = cluster["insecure-skip-tls-verify"] === true;
  if (insecure && ca !== undefined) {
    // client-go refuses this combination too
    throw new CredentialsError(
      `${where} in ${origin.source} sets both a certificate-authority and insecure-skip-tls-verify: remove one of them`,
    );
  }
  const server = cluster.server.replace(/\/+$/, "");
  const proxyUrl = cluster["proxy-url"];
  return {
    server,
    ca,
    caSource:
      ca === undefined
        ? undefined
        : `the certificate-authority${cluster["certificate-authority-data"] === undefined ? "" : "-data"} of ${where} in ${origin.source}`,
    serverName: cluster["tls-server-name"],
    insecureSkipVerify: insecure,
    proxy:
      proxyUrl !== undefined
        ? checkProxyUrl(proxyUrl, `${where}.proxy-url in ${origin.source}`)
        : proxyFromEnvironment(server, options.proxyEnvironment),
    disableCompression: cluster["disable-compression"] === true,
  };
}

/** The exec plugin's view of the cluster (`spec.cluster` of KUBERNETES_EXEC_INFO). */
function execClusterInfo(cluster: ClusterEntry, tls: ClusterTls) {
  const extension = cluster.extensions?.find((e) => e.name === "client.authentication.k8s.io/exec")?.extension;
  return {
    server: tls.server,
    ...(tls.serverName === undefined ? {} : { "tls-server-name": tls.serverName }),
    ...(tls.insecureSkipVerify ? { "insecure-skip-tls-verify": true } : {}),
    ...(tls.ca === undefined ? {} : { "certificate-authority-data": Buffer.from(tls.ca).toString("base64") }),
    ...(cluster["proxy-url"] === undefined ? {} : { "proxy-url": cluster["proxy-url"] }),
    ...(tls.disableCompression ? { "disable-compression": true } : {}),
    ...(extension === undefined ? {} : { config: extension }),
  };
}

function userAuthenticator(
  user: UserEntry,
  userName: string,
  origin: KubeconfigOrigin,
  execCluster: () => ReturnType<typeof execClusterInfo>,
  options: ConnectionOptions,
): Authenticator {
  const where = `user "${userName}" in ${origin.source}`;
  const provider = user["auth-provider"];
  if (provider !== undefined) {
    const name = provider.name ?? "";
    const replacement = authProviderReplacements[name] ?? "the exec credential plugin its vendor provides";
    throw new CredentialsError(
      `${where} uses the removed auth-provider "${name}": kubectl no longer supports it; use ${replacement} instead`,
    );
  }
  if (user.tokenFile !== undefined) {
    const path = referencedPath(user.tokenFile, `the tokenFile of ${where}`, origin);
    return new TokenFileAuthenticator({
      path,
      ...(user.token === undefined ? {} : { fallback: user.token }),
      what: `the tokenFile of ${where}`,
      mask: options.log.mask,
    });
  }
  if (user.token !== undefined) return bearerToken(user.token);
  if (user.username !== undefined || user.password !== undefined) {
    // kube-apiserver no longer accepts basic authentication; kubectl still sends it.
    const basic = Buffer.from(`${user.username ?? ""}:${user.password ?? ""}`).toString("base64");
    options.log.mask(basic);
    const stanza: KubeconfigUser = {
      ...(user.username === undefined ? {} : { username: user.username }),
      ...(user.password === undefined ? {} : { password: user.password }),
    };
    return staticAuthenticator(
      { authorization: `Basic ${basic}` },
      stanza,
      "basic authentication (username and password)",
    );
  }
  if (user.exec !== undefined) {
    return new ExecAuthenticator({
      config: user.exec,
      what: `the exec plugin of ${where}`,
      origin,
      cluster: execCluster(),
      environment: options.pluginEnvironment,
      log: options.log,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }
  return noAuthentication;
}

export function connectionFromKubeconfig(config: Kubeconfig, options: ConnectionOptions): Connection {
  const name = options.context ?? config.currentContext;
  if (name === undefined) {
    throw new CredentialsError(
      `${config.source} has no current-context: set the context input to one of ${[...config.contexts.keys()].join(", ") || "(none defined)"}`,
    );
  }
  const context = lookup(
    config.contexts,
    name,
    "context",
    config,
    "set the context input to one of the defined contexts",
  );
  const clusterName = context.entry.cluster;
  if (clusterName === undefined || clusterName === "")
    throw new CredentialsError(`context "${name}" in ${context.origin.source} names no cluster`);
  const cluster = lookup(config.clusters, clusterName, "cluster", config, `fix context "${name}"`);
  const userName = context.entry.user;
  const user =
    userName === undefined || userName === ""
      ? undefined
      : lookup(config.users, userName, "user", config, `fix context "${name}"`);

  const tls = clusterTls(cluster.entry, `cluster "${clusterName}"`, cluster.origin, options);
  const entry = user?.entry ?? {};
  const userOrigin = user?.origin ?? cluster.origin;
  const where = `user "${userName ?? ""}"`;
  const cert = pemFrom(entry, "client-certificate", where, userOrigin);
  const key = pemFrom(entry, "client-key", where, userOrigin);
  if ((cert === undefined) !== (key === undefined)) {
    throw new CredentialsError(
      `${where} in ${userOrigin.source} has a client certificate without its key, or a key without its certificate`,
    );
  }
  const secrets = [
    ...(entry["client-key-data"] === undefined ? [] : [entry["client-key-data"]]),
    ...(key === undefined ? [] : pemSecretLines(key)),
    ...[entry.token, entry.password].flatMap((s) => (s === undefined ? [] : secretForms(s))),
  ];
  const userAuth = userAuthenticator(
    entry,
    userName ?? "",
    userOrigin,
    () => execClusterInfo(cluster.entry, tls),
    options,
  );
  const auth =
    userAuth === noAuthentication && cert !== undefined
      ? staticAuthenticator({}, {}, "a client certificate")
      : userAuth;
  const groups = entry["as-groups"] ?? [];
  return {
    server: tls.server,
    tls: {
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      ...(tls.caSource === undefined ? {} : { caSource: tls.caSource }),
      ...(cert === undefined ? {} : { cert }),
      ...(key === undefined ? {} : { key }),
      ...(tls.serverName === undefined ? {} : { serverName: tls.serverName }),
      insecureSkipVerify: tls.insecureSkipVerify,
    },
    ...(tls.proxy === undefined ? {} : { proxy: tls.proxy }),
    ...(tls.disableCompression ? { disableCompression: true } : {}),
    auth,
    ...(entry.as === undefined
      ? {}
      : {
          impersonate: { user: entry.as, groups, ...(entry["as-uid"] === undefined ? {} : { uid: entry["as-uid"] }) },
        }),
    source: config.source,
    context: name,
    ...(context.entry.namespace === undefined || context.entry.namespace === ""
      ? {}
      : { namespace: context.entry.namespace }),
    secrets,
  };
}
