// Action inputs → one validated, immutable Settings object: the action's input contract. Every default
// is applied here (the CLI and tests do not go through action.yml), and every input error is raised
// here, all at once, before anything is sent to a cluster. An OIDC provider's inputs are read by the
// provider itself (credentials/providers/), called from here with the inputs its registry entry
// declares. No other module of the action reads the environment; the credential plugin, a program
// of its own, reads its environment in credentials/export/plugin.ts.
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import type { IdTokenRequest } from "./credentials/providers/id-token.ts";
import { type OidcMethod, oidcMethods, type OidcProvider, registry } from "./credentials/providers/registry.ts";
import { type ProxyEnvironment, readProxyEnvironment } from "./kube/proxy.ts";
import { dns1123Subdomain, isNamespaceName } from "./kube/names.ts";

export interface Settings {
  /** files, directories and globs, relative to `workspace` unless absolute */
  readonly manifests: readonly string[];
  readonly workspace: string;
  /** namespace for namespaced objects that name none; undefined: the context's, else `default` */
  readonly namespace: string | undefined;
  /** kubeconfig content from the input, decoded if it was base64 */
  readonly kubeconfig: string | undefined;
  /** the raw input when it was base64: a secret of its own */
  readonly kubeconfigBase64: string | undefined;
  /** files named by KUBECONFIG */
  readonly kubeconfigPaths: readonly string[];
  /** ~/.kube/config */
  readonly defaultKubeconfigPath: string;
  readonly context: string | undefined;
  /** where credentials come from: the direct inputs, a kubeconfig, in-cluster, or an OIDC provider */
  readonly auth: AuthMethod;
  /** the direct inputs: connect without a kubeconfig */
  readonly direct: DirectCredentials | undefined;
  /** `service-account`: deploy with a token minted for it (TokenRequest) */
  readonly serviceAccount: { namespace: string; name: string } | undefined;
  /** `as`, `as-groups`, `as-uid` */
  readonly impersonate: { user: string; groups: readonly string[]; uid?: string } | undefined;
  readonly exportKubeconfig: boolean;
  /** `allow-plain-http`: accept an http:// server (the credentials then cross the network in clear) */
  readonly allowPlainHttp: boolean;
  /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY (or their lower-case forms), as kubectl reads them */
  readonly proxyEnvironment: ProxyEnvironment;
  /** a runner pod's service account, for `auth: in-cluster` */
  readonly inCluster: InClusterEnvironment;
  /** the environment exec credential plugins inherit (without the action's INPUT_ variables) */
  readonly pluginEnvironment: Readonly<Record<string, string>>;
  /** `apply`, or `plan`: a server-side dry run and diff that changes nothing */
  readonly mode: "apply" | "plan";
  readonly fieldManager: string;
  readonly forceConflicts: boolean;
  readonly fieldValidation: "Strict" | "Warn" | "Ignore";
  readonly images: readonly ImageOverride[];
  /** name of the ApplySet's parent Secret (in the namespace input's namespace) */
  readonly applyset: string | undefined;
  readonly prune: boolean;
  readonly pruneDestructive: boolean;
  /** GitHub environment to record a deployment for (apply mode) and to name the plan comment by */
  readonly environment: string | undefined;
  readonly environmentUrl: string | undefined;
  /** token for GitHub's API: deployment records and the plan comment; none means neither */
  readonly githubToken: string | undefined;
  readonly wait: boolean;
  /** fail as soon as a rollout cannot succeed (crash loops, image pulls, unschedulable pods) */
  readonly failFast: boolean;
  /** return failed Deployments, StatefulSets and DaemonSets to their previous revision */
  readonly rollbackOnFailure: boolean;
  readonly timeoutMs: number;
  readonly runnerTemp: string;
  /** ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN: how this step asks the runner for a GitHub ID token */
  readonly idTokenRequest: IdTokenRequest | undefined;
  /** the OIDC provider `auth` names, with its settings */
  readonly oidc: OidcProvider | undefined;
  /** the job runs in a container, where later steps cannot run the credential plugin */
  readonly containerJob: boolean;
}

/** `auth`: where credentials come from; the OIDC providers' methods follow from the provider registry. */
const authMethods: readonly AuthMethod[] = ["auto", "kubeconfig", "in-cluster", ...oidcMethods];
export type AuthMethod = "auto" | "kubeconfig" | "in-cluster" | OidcMethod;

export interface DirectCredentials {
  server: string;
  /** PEM */
  certificateAuthority: string | undefined;
  token: string | undefined;
  /** PEM */
  clientCertificate: string | undefined;
  clientKey: string | undefined;
  /** the inputs as given (base64), secrets of their own */
  secrets: readonly string[];
}

export interface InClusterEnvironment {
  host: string | undefined;
  port: string | undefined;
  /** the service account's folder: token, ca.crt, namespace */
  serviceAccountDir: string;
  podNamespace: string | undefined;
}

/** Where a pod's service account is mounted. Tests point KUBESHIP_SERVICE_ACCOUNT_DIR elsewhere (not an input). */
const serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

/** Defaults of the inputs this file reads, as action.yml states them. Absent or empty inputs take these. */
const defaults = {
  auth: "auto",
  mode: "apply",
  "field-manager": "kubeship",
  "force-conflicts": "false",
  "field-validation": "Strict",
  prune: "false",
  "prune-destructive": "false",
  wait: "true",
  "fail-fast": "true",
  timeout: "5m",
  // `auto`: in apply mode only; a plan runs on pull requests, whose later steps run the pull request's code
  "export-kubeconfig": "auto",
  "allow-plain-http": "false",
  "rollback-on-failure": "false",
} as const;

/** Defaults of every input that has one, the providers' included (a unit test checks action.yml states the same). */
export const inputDefaults: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries([
    ...Object.entries(defaults),
    ...registry.flatMap((provider) => Object.entries(provider.defaults ?? {})),
  ]) as Record<string, string>,
);

/** One line of the `images` input: containers whose image has repository `name` get `reference`. */
export interface ImageOverride {
  name: string;
  reference: string;
}

export class InputError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1 ? (problems[0] ?? "") : `${problems.length} input problems:\n- ${problems.join("\n- ")}`,
    );
    this.name = "InputError";
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/**
 * action.yml's default for the inputs that fail closed. The runner substitutes a default only when the
 * workflow leaves the key out (an expression that evaluates to empty is passed as the empty string), so
 * this value means "omitted" and an empty one means "set, but empty".
 */
export const omittedMarker = "<omitted>";

/**
 * Inputs that name the cluster or narrow the identity. Set but empty, they are an error, never "not
 * given": `${{ secrets.KUBECONFIG }}` is empty on a fork's or Dependabot's pull request, and reading that
 * as "not given" would deploy with whatever the runner has (~/.kube/config, its pod's service account),
 * or without the impersonation that was meant to narrow the deploy's rights.
 */
export const failClosedInputs = [
  "kubeconfig",
  "server",
  "certificate-authority-data",
  "token",
  "client-certificate-data",
  "client-key-data",
  "service-account",
  "as",
  "as-groups",
  "as-uid",
] as const;

function variableName(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/** An input as the runner passes it: INPUT_<NAME>, upper-cased, spaces as underscores, hyphens kept. */
function input(env: Env, name: string): string | undefined {
  const value = env[variableName(name)]?.trim();
  return value === undefined || value === "" || value === omittedMarker ? undefined : value;
}

/** Inputs of `failClosedInputs` that the workflow set but that evaluated to empty. */
function checkFailClosed(env: Env, problems: string[]): void {
  for (const name of failClosedInputs) {
    if (env[variableName(name)]?.trim() !== "") continue;
    problems.push(
      `${name}: set in the workflow but empty. A secret or variable this run cannot read evaluates to empty ` +
        "(pull requests from forks and Dependabot get no secrets); kubeship does not fall back to other " +
        `credentials. Make the value available to this event, or leave \`${name}\` out of \`with:\``,
    );
  }
}

function withDefault(env: Env, name: keyof typeof defaults): string {
  return input(env, name) ?? defaults[name];
}

/** YAML 1.2 core-schema booleans, as the runner's own boolean inputs accept them. */
function parseBoolean(name: string, value: string, problems: string[]): boolean {
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  problems.push(`${name}: "${value}" is not a boolean (use true or false)`);
  return false;
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** What `timeout` accepts: a second at least; at most the 6 hours GitHub lets a job run. */
export const timeoutRange = { min: 1000, max: 6 * 3_600_000 };

/** `90s`, `5m`, `1h30m`: Go-style durations, as kubectl's --timeout takes them. */
export function parseDuration(value: string): number | undefined {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (durationUnits[p[2] ?? ""] ?? 0), 0);
}

/** Items separated by newlines or commas. */
function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * The `manifests` items: one a line, or separated by commas, except a comma inside braces, which
 * separates a brace glob's alternatives (`k8s/{app,db}/*.yaml`).
 */
function manifestList(value: string | undefined): string[] {
  return (value ?? "")
    .split("\n")
    .flatMap((line) => {
      const items: string[] = [];
      let depth = 0;
      let start = 0;
      for (let i = 0; i < line.length; i++) {
        if (line[i] === "{") depth++;
        else if (line[i] === "}" && depth > 0) depth--;
        else if (line[i] === "," && depth === 0) {
          items.push(line.slice(start, i));
          start = i + 1;
        }
      }
      return [...items, line.slice(start)];
    })
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], problems: string[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${name}: "${value}" is not one of ${allowed.join(", ")}`);
  return allowed[0] as T;
}

function parseImages(value: string | undefined, problems: string[]): ImageOverride[] {
  return (value ?? "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .flatMap((line) => {
      const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(line);
      if (match === null) {
        problems.push(
          `images: "${line}" is not name=new-reference (for example ghcr.io/org/app=ghcr.io/org/app:1.2.3)`,
        );
        return [];
      }
      return [{ name: match[1] ?? "", reference: match[2] ?? "" }];
    });
}

/**
 * Kubeconfig content, given as YAML or as base64 of it. A kubeconfig is a mapping, so its YAML (or
 * JSON) has a colon, which base64 never has: the form is told without parsing, and the credentials
 * stage parses the YAML (and says where it is invalid) before anything is sent.
 */
function decodeKubeconfig(value: string, problems: string[]): { text: string; base64: string | undefined } | undefined {
  if (value.includes(":")) return { text: value, base64: undefined };
  const compact = value.replace(/\s+/g, "");
  if (/^[A-Za-z0-9+/]+=*$/.test(compact)) {
    const decoded = Buffer.from(compact, "base64").toString("utf8");
    if (decoded.includes(":")) return { text: decoded, base64: compact };
  }
  // Never echo the value: it is a secret.
  problems.push("kubeconfig: the value is neither kubeconfig YAML nor base64 of it");
  return undefined;
}

/** A PEM input, given as PEM or (like kubeconfig `-data` fields) as base64 of it. */
function decodePem(name: string, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (value.includes("-----BEGIN")) return value.endsWith("\n") ? value : `${value}\n`;
  const decoded = Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
  if (decoded.includes("-----BEGIN")) return decoded;
  // Never echo the value: keys are secrets.
  problems.push(`${name}: the value is neither PEM nor base64 of PEM`);
  return undefined;
}

function readDirect(
  env: Env,
  kubeconfigGiven: boolean,
  auth: AuthMethod,
  problems: string[],
): DirectCredentials | undefined {
  const server = input(env, "server");
  const token = input(env, "token");
  const caData = input(env, "certificate-authority-data");
  const certData = input(env, "client-certificate-data");
  const keyData = input(env, "client-key-data");
  const given = [
    ["server", server],
    ["certificate-authority-data", caData],
    ["token", token],
    ["client-certificate-data", certData],
    ["client-key-data", keyData],
  ].flatMap(([name, value]) => (value === undefined ? [] : [name]));
  if (given.length === 0) return undefined;
  if (kubeconfigGiven) {
    problems.push(
      `${given.join(", ")} and kubeconfig contradict each other: give either the kubeconfig or the direct inputs`,
    );
  }
  if (auth === "kubeconfig" || auth === "in-cluster")
    problems.push(`${given.join(", ")} cannot be used with auth: ${auth}`);
  if (server === undefined) {
    problems.push(
      `server: required with ${given.join(", ")} (the API server's URL, for example https://cluster.example:6443)`,
    );
    return undefined;
  }
  if (!/^https?:\/\/[^/\s]+/.test(server)) problems.push(`server: "${server}" is not an https:// URL`);
  if ((certData === undefined) !== (keyData === undefined)) {
    problems.push("client-certificate-data and client-key-data go together: give both, or neither");
  }
  const onlyCluster = token === undefined && certData === undefined && keyData === undefined;
  // OIDC providers bring their own token for the server given here.
  if (onlyCluster && (auth === "auto" || auth === "kubeconfig")) {
    problems.push(
      "server: a token or a client certificate and key are needed with it (token, or client-certificate-data and client-key-data)",
    );
  }
  if (!onlyCluster && isOidcMethod(auth)) {
    problems.push(
      `token, client-certificate-data and client-key-data cannot be used with auth: ${auth}, which signs in with the GitHub ID token; give server and certificate-authority-data only`,
    );
  }
  return {
    server: server.replace(/\/+$/, ""),
    certificateAuthority: decodePem("certificate-authority-data", caData, problems),
    token,
    clientCertificate: decodePem("client-certificate-data", certData, problems),
    clientKey: decodePem("client-key-data", keyData, problems),
    secrets: [token, keyData].filter((s): s is string => s !== undefined),
  };
}

/** `NAMESPACE/NAME` of a service account. */
function readServiceAccount(value: string | undefined, problems: string[]): Settings["serviceAccount"] {
  if (value === undefined) return undefined;
  const [namespace = "", name = "", ...rest] = value.split("/");
  if (rest.length > 0 || !isNamespaceName(namespace) || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
    problems.push(
      `service-account: "${value}" is not NAMESPACE/NAME of a service account (for example deploy/kubeship)`,
    );
    return undefined;
  }
  return { namespace, name };
}

function readImpersonation(env: Env, problems: string[]): Settings["impersonate"] {
  const user = input(env, "as");
  const groups = list(input(env, "as-groups"));
  const uid = input(env, "as-uid");
  if (user === undefined) {
    // The API server refuses groups or a uid without a user to impersonate.
    if (groups.length > 0 || uid !== undefined)
      problems.push("as-groups and as-uid need as: name the user to impersonate");
    return undefined;
  }
  return { user, groups, ...(uid === undefined ? {} : { uid }) };
}

function isOidcMethod(auth: AuthMethod): auth is OidcMethod {
  return (oidcMethods as readonly string[]).includes(auth);
}

/** Each provider's input, with the methods that read it (in the registry's order): an error with any other. */
const providerInputs = new Map<string, OidcMethod[]>();
for (const provider of registry) {
  for (const name of provider.inputs) providerInputs.set(name, [...(providerInputs.get(name) ?? []), provider.method]);
}

/** An endpoint override from the environment (as the clouds' SDKs read them), else the default. */
function endpoint(env: Env, names: readonly string[], fallback: string): string {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== "") return value.replace(/\/+$/, "");
  }
  return fallback;
}

/** The provider's settings; `clusterGiven` when server or kubeconfig name the cluster already. */
function readOidc(env: Env, auth: AuthMethod, clusterGiven: boolean, problems: string[]): OidcProvider | undefined {
  for (const [name, methods] of providerInputs) {
    const value = input(env, name);
    // the runner passes action.yml's defaults whatever the method: those are not the user's choice
    const isDefault = value !== undefined && value === inputDefaults[name];
    if (value !== undefined && !isDefault && !(methods as readonly string[]).includes(auth)) {
      problems.push(`${name} is only used with auth: ${methods.join(", ")} (auth is ${auth})`);
    }
  }
  const provider = registry.find((candidate) => candidate.method === auth);
  if (provider === undefined) return undefined;
  const defaults: Readonly<Record<string, string | undefined>> = provider.defaults ?? {};
  return provider.read({
    clusterGiven,
    input: (name) => input(env, name),
    required(name, what) {
      const value = input(env, name);
      if (value === undefined) problems.push(`${name}: required with auth: ${auth} (${what})`);
      return value ?? "";
    },
    oneOf: (name, allowed) => oneOf(name, input(env, name) ?? defaults[name] ?? "", allowed, problems),
    requireCluster() {
      if (clusterGiven) return;
      problems.push(
        `auth: ${auth} needs the cluster: give server and certificate-authority-data, ` +
          "or a kubeconfig whose context names the cluster",
      );
    },
    variable: (name) => env[name],
    endpoint: (names, fallback) => endpoint(env, names, fallback),
    problem: (message) => problems.push(message),
  });
}

function readIdTokenRequest(env: Env, auth: AuthMethod, problems: string[]): IdTokenRequest | undefined {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? "";
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? "";
  if (url !== "" && token !== "") return { url, token };
  // `auth: auto` never signs in with OIDC, so only an OIDC method misses them
  if (isOidcMethod(auth)) {
    problems.push(
      `auth: ${auth} signs in with a GitHub ID token, but the runner offers none (ACTIONS_ID_TOKEN_REQUEST_URL is not set): give the job \`permissions: id-token: write\`; pull requests from forks get no ID token`,
    );
  }
  return undefined;
}

function readAuth(env: Env, problems: string[]): AuthMethod {
  const value = withDefault(env, "auth");
  const method = authMethods.find((m) => m === value);
  if (method === undefined) problems.push(`auth: "${value}" is not one of ${authMethods.join(", ")}`);
  return method ?? "auto";
}

export function readSettings(env: Env): Settings {
  const problems: string[] = [];
  checkFailClosed(env, problems);

  const manifests = manifestList(input(env, "manifests"));
  if (manifests.length === 0) problems.push("manifests: required; name files, directories or globs (one per line)");

  const namespace = input(env, "namespace");
  if (namespace !== undefined && !isNamespaceName(namespace)) {
    problems.push(
      `namespace: "${namespace}" is not a valid namespace name (lower-case letters, digits and '-', at most 63)`,
    );
  }

  const kubeconfigInput = input(env, "kubeconfig");
  const kubeconfig = kubeconfigInput === undefined ? undefined : decodeKubeconfig(kubeconfigInput, problems);

  const auth = readAuth(env, problems);
  if (kubeconfig !== undefined && auth === "in-cluster")
    problems.push("kubeconfig cannot be used with auth: in-cluster: give one of them");
  const direct = readDirect(env, kubeconfigInput !== undefined, auth, problems);
  const serviceAccount = readServiceAccount(input(env, "service-account"), problems);
  const impersonate = readImpersonation(env, problems);
  const oidc = readOidc(env, auth, direct !== undefined || kubeconfig !== undefined, problems);
  const idTokenRequest = readIdTokenRequest(env, auth, problems);
  const exportText = withDefault(env, "export-kubeconfig");
  const allowPlainHttp = parseBoolean("allow-plain-http", withDefault(env, "allow-plain-http"), problems);

  const wait = parseBoolean("wait", withDefault(env, "wait"), problems);
  const failFast = parseBoolean("fail-fast", withDefault(env, "fail-fast"), problems);
  const rollbackOnFailure = parseBoolean("rollback-on-failure", withDefault(env, "rollback-on-failure"), problems);

  const timeoutText = withDefault(env, "timeout");
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined || timeoutMs <= 0) {
    problems.push(`timeout: "${timeoutText}" is not a duration (use for example 90s, 5m or 1h)`);
  } else if (timeoutMs < timeoutRange.min || timeoutMs > timeoutRange.max) {
    // past 6 h a job is ended by GitHub anyway, and Node's timers overflow past 24.8 days
    problems.push(`timeout: "${timeoutText}" is outside 1s to 6h, the range a deploy step can use`);
  }

  const mode = oneOf("mode", withDefault(env, "mode"), ["apply", "plan"] as const, problems);
  const exportKubeconfig =
    exportText === "auto" ? mode === "apply" : parseBoolean("export-kubeconfig", exportText, problems);
  const fieldManager = withDefault(env, "field-manager");
  if (fieldManager.length > 128 || !/^[\x21-\x7e][\x20-\x7e]*$/.test(fieldManager)) {
    problems.push(`field-manager: "${fieldManager}" must be at most 128 printable characters`);
  }
  const forceConflicts = parseBoolean("force-conflicts", withDefault(env, "force-conflicts"), problems);
  const fieldValidation = oneOf(
    "field-validation",
    withDefault(env, "field-validation"),
    ["Strict", "Warn", "Ignore"] as const,
    problems,
  );
  const images = parseImages(input(env, "images"), problems);
  const applyset = input(env, "applyset");
  if (applyset !== undefined && (applyset.length > 253 || !dns1123Subdomain.test(applyset))) {
    problems.push(`applyset: "${applyset}" is not a valid Secret name (lower-case letters, digits, '-' and '.')`);
  }
  const prune = parseBoolean("prune", withDefault(env, "prune"), problems);
  const pruneDestructive = parseBoolean("prune-destructive", withDefault(env, "prune-destructive"), problems);
  if (prune && applyset === undefined)
    problems.push("prune: needs applyset, the name of the set whose members may be pruned");
  const environmentUrl = input(env, "environment-url");
  if (environmentUrl !== undefined && !/^https?:\/\/\S+$/.test(environmentUrl))
    problems.push(`environment-url: "${environmentUrl}" is not an http(s) URL`);

  if (problems.length > 0) throw new InputError(problems);

  const home = env.HOME ?? homedir();
  return Object.freeze({
    manifests: Object.freeze(manifests),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    namespace,
    kubeconfig: kubeconfig?.text,
    kubeconfigBase64: kubeconfig?.base64,
    // as kubectl: empty entries ignored, repeated ones read once
    kubeconfigPaths: Object.freeze([...new Set((env.KUBECONFIG ?? "").split(delimiter).filter((path) => path !== ""))]),
    defaultKubeconfigPath: join(home, ".kube", "config"),
    context: input(env, "context"),
    auth,
    direct,
    serviceAccount,
    impersonate,
    exportKubeconfig,
    allowPlainHttp,
    proxyEnvironment: readProxyEnvironment(env),
    inCluster: {
      host: env.KUBERNETES_SERVICE_HOST,
      port: env.KUBERNETES_SERVICE_PORT,
      serviceAccountDir: env.KUBESHIP_SERVICE_ACCOUNT_DIR ?? serviceAccountDir,
      podNamespace: env.POD_NAMESPACE,
    },
    pluginEnvironment: Object.freeze(
      Object.fromEntries(
        Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith("INPUT_")),
      ),
    ),
    mode,
    fieldManager,
    forceConflicts,
    fieldValidation,
    images: Object.freeze(images),
    applyset,
    prune,
    pruneDestructive,
    environment: input(env, "environment"),
    environmentUrl,
    githubToken: input(env, "github-token"),
    wait,
    failFast,
    rollbackOnFailure,
    timeoutMs: timeoutMs ?? 0,
    runnerTemp: env.RUNNER_TEMP ?? join(home, ".cache", "kubeship", "tmp"),
    idTokenRequest,
    oidc,
    // the runner mounts its work folder at /__w in job containers
    containerJob: (env.RUNNER_TEMP ?? "").startsWith("/__w/"),
  });
}
