const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  connectOverHttps
} from "./chunk-VYUHXVZO.js";
import {
  StageClock,
  applySetParent,
  discover,
  onTheWire,
  readMembership,
  roundTripsBeforeFirstWrite
} from "./chunk-74A2JGPW.js";
import {
  dns1123Subdomain,
  isNamespaceName,
  kustomizationFile
} from "./chunk-M5WADX4M.js";
import {
  oidcMethods,
  registry
} from "./chunk-B23VD3PK.js";
import {
  readProxyEnvironment
} from "./chunk-TAMLSLKN.js";
import {
  eitherSignal
} from "./chunk-LR26H2VH.js";

// src/inputs.ts
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
var authMethods = ["auto", "kubeconfig", "in-cluster", ...oidcMethods];
var serviceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";
var defaults = {
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
  "rollback-on-failure": "false"
};
var inputDefaults = Object.freeze(
  Object.fromEntries([
    ...Object.entries(defaults),
    ...registry.flatMap((provider) => Object.entries(provider.defaults ?? {}))
  ])
);
var InputError = class extends Error {
  problems;
  constructor(problems) {
    super(
      problems.length === 1 ? problems[0] ?? "" : `${problems.length} input problems:
- ${problems.join("\n- ")}`
    );
    this.name = "InputError";
    this.problems = problems;
  }
};
var omittedMarker = "<omitted>";
var failClosedInputs = [
  "kubeconfig",
  "server",
  "certificate-authority-data",
  "token",
  "client-certificate-data",
  "client-key-data",
  "service-account",
  "as",
  "as-groups",
  "as-uid"
];
function variableName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
function input(env, name) {
  const value = env[variableName(name)]?.trim();
  return value === void 0 || value === "" || value === omittedMarker ? void 0 : value;
}
function checkFailClosed(env, problems) {
  for (const name of failClosedInputs) {
    if (env[variableName(name)]?.trim() !== "") continue;
    problems.push(
      `${name}: set in the workflow but empty. A secret or variable this run cannot read evaluates to empty (pull requests from forks and Dependabot get no secrets); kubeship does not fall back to other credentials. Make the value available to this event, or leave \`${name}\` out of \`with:\``
    );
  }
}
function withDefault(env, name) {
  return input(env, name) ?? defaults[name];
}
function parseBoolean(name, value, problems) {
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  problems.push(`${name}: "${value}" is not a boolean (use true or false)`);
  return false;
}
var durationUnits = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var timeoutRange = { min: 1e3, max: 6 * 36e5 };
function parseDuration(value) {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) return void 0;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (durationUnits[p[2] ?? ""] ?? 0), 0);
}
function list(value) {
  return (value ?? "").split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== "");
}
function manifestList(value) {
  return (value ?? "").split("\n").flatMap((line) => {
    const items = [];
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
  }).map((item) => item.trim()).filter((item) => item !== "");
}
function oneOf(name, value, allowed, problems) {
  if (allowed.includes(value)) return value;
  problems.push(`${name}: "${value}" is not one of ${allowed.join(", ")}`);
  return allowed[0];
}
function parseImages(value, problems) {
  return (value ?? "").split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#")).flatMap((line) => {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(line);
    if (match === null) {
      problems.push(
        `images: "${line}" is not name=new-reference (for example ghcr.io/org/app=ghcr.io/org/app:1.2.3)`
      );
      return [];
    }
    return [{ name: match[1] ?? "", reference: match[2] ?? "" }];
  });
}
function decodeKubeconfig(value, problems) {
  if (value.includes(":")) return { text: value, base64: void 0 };
  const compact = value.replace(/\s+/g, "");
  if (/^[A-Za-z0-9+/]+=*$/.test(compact)) {
    const decoded = Buffer.from(compact, "base64").toString("utf8");
    if (decoded.includes(":")) return { text: decoded, base64: compact };
  }
  problems.push("kubeconfig: the value is neither kubeconfig YAML nor base64 of it");
  return void 0;
}
function decodePem(name, value, problems) {
  if (value === void 0) return void 0;
  if (value.includes("-----BEGIN")) return value.endsWith("\n") ? value : `${value}
`;
  const decoded = Buffer.from(value.replace(/\s+/g, ""), "base64").toString("utf8");
  if (decoded.includes("-----BEGIN")) return decoded;
  problems.push(`${name}: the value is neither PEM nor base64 of PEM`);
  return void 0;
}
function readDirect(env, kubeconfigGiven, auth, problems) {
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
    ["client-key-data", keyData]
  ].flatMap(([name, value]) => value === void 0 ? [] : [name]);
  if (given.length === 0) return void 0;
  if (kubeconfigGiven) {
    problems.push(
      `${given.join(", ")} and kubeconfig contradict each other: give either the kubeconfig or the direct inputs`
    );
  }
  if (auth === "kubeconfig" || auth === "in-cluster")
    problems.push(`${given.join(", ")} cannot be used with auth: ${auth}`);
  if (server === void 0) {
    problems.push(
      `server: required with ${given.join(", ")} (the API server's URL, for example https://cluster.example:6443)`
    );
    return void 0;
  }
  if (!/^https?:\/\/[^/\s]+/.test(server)) problems.push(`server: "${server}" is not an https:// URL`);
  if (certData === void 0 !== (keyData === void 0)) {
    problems.push("client-certificate-data and client-key-data go together: give both, or neither");
  }
  const onlyCluster = token === void 0 && certData === void 0 && keyData === void 0;
  if (onlyCluster && (auth === "auto" || auth === "kubeconfig")) {
    problems.push(
      "server: a token or a client certificate and key are needed with it (token, or client-certificate-data and client-key-data)"
    );
  }
  if (!onlyCluster && isOidcMethod(auth)) {
    problems.push(
      `token, client-certificate-data and client-key-data cannot be used with auth: ${auth}, which signs in with the GitHub ID token; give server and certificate-authority-data only`
    );
  }
  return {
    server: server.replace(/\/+$/, ""),
    certificateAuthority: decodePem("certificate-authority-data", caData, problems),
    token,
    clientCertificate: decodePem("client-certificate-data", certData, problems),
    clientKey: decodePem("client-key-data", keyData, problems),
    secrets: [token, keyData].filter((s) => s !== void 0)
  };
}
function readServiceAccount(value, problems) {
  if (value === void 0) return void 0;
  const [namespace = "", name = "", ...rest] = value.split("/");
  if (rest.length > 0 || !isNamespaceName(namespace) || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
    problems.push(
      `service-account: "${value}" is not NAMESPACE/NAME of a service account (for example deploy/kubeship)`
    );
    return void 0;
  }
  return { namespace, name };
}
function readImpersonation(env, problems) {
  const user = input(env, "as");
  const groups = list(input(env, "as-groups"));
  const uid = input(env, "as-uid");
  if (user === void 0) {
    if (groups.length > 0 || uid !== void 0)
      problems.push("as-groups and as-uid need as: name the user to impersonate");
    return void 0;
  }
  return { user, groups, ...uid === void 0 ? {} : { uid } };
}
function isOidcMethod(auth) {
  return oidcMethods.includes(auth);
}
var providerInputs = /* @__PURE__ */ new Map();
for (const provider of registry) {
  for (const name of provider.inputs) providerInputs.set(name, [...providerInputs.get(name) ?? [], provider.method]);
}
function endpoint(env, names, fallback) {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== void 0 && value !== "") return value.replace(/\/+$/, "");
  }
  return fallback;
}
function readOidc(env, auth, clusterGiven, problems) {
  for (const [name, methods] of providerInputs) {
    const value = input(env, name);
    const isDefault = value !== void 0 && value === inputDefaults[name];
    if (value !== void 0 && !isDefault && !methods.includes(auth)) {
      problems.push(`${name} is only used with auth: ${methods.join(", ")} (auth is ${auth})`);
    }
  }
  const provider = registry.find((candidate) => candidate.method === auth);
  if (provider === void 0) return void 0;
  const defaults2 = provider.defaults ?? {};
  return provider.read({
    clusterGiven,
    input: (name) => input(env, name),
    required(name, what) {
      const value = input(env, name);
      if (value === void 0) problems.push(`${name}: required with auth: ${auth} (${what})`);
      return value ?? "";
    },
    oneOf: (name, allowed) => oneOf(name, input(env, name) ?? defaults2[name] ?? "", allowed, problems),
    requireCluster() {
      if (clusterGiven) return;
      problems.push(
        `auth: ${auth} needs the cluster: give server and certificate-authority-data, or a kubeconfig whose context names the cluster`
      );
    },
    variable: (name) => env[name],
    endpoint: (names, fallback) => endpoint(env, names, fallback),
    problem: (message) => problems.push(message)
  });
}
function readIdTokenRequest(env, auth, problems) {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? "";
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? "";
  if (url !== "" && token !== "") return { url, token };
  if (isOidcMethod(auth)) {
    problems.push(
      `auth: ${auth} signs in with a GitHub ID token, but the runner offers none (ACTIONS_ID_TOKEN_REQUEST_URL is not set): give the job \`permissions: id-token: write\`; pull requests from forks get no ID token`
    );
  }
  return void 0;
}
function readAuth(env, problems) {
  const value = withDefault(env, "auth");
  const method = authMethods.find((m) => m === value);
  if (method === void 0) problems.push(`auth: "${value}" is not one of ${authMethods.join(", ")}`);
  return method ?? "auto";
}
function readSettings(env) {
  const problems = [];
  checkFailClosed(env, problems);
  const manifests = manifestList(input(env, "manifests"));
  if (manifests.length === 0) problems.push("manifests: required; name files, directories or globs (one per line)");
  const namespace = input(env, "namespace");
  if (namespace !== void 0 && !isNamespaceName(namespace)) {
    problems.push(
      `namespace: "${namespace}" is not a valid namespace name (lower-case letters, digits and '-', at most 63)`
    );
  }
  const kubeconfigInput = input(env, "kubeconfig");
  const kubeconfig = kubeconfigInput === void 0 ? void 0 : decodeKubeconfig(kubeconfigInput, problems);
  const auth = readAuth(env, problems);
  if (kubeconfig !== void 0 && auth === "in-cluster")
    problems.push("kubeconfig cannot be used with auth: in-cluster: give one of them");
  const direct = readDirect(env, kubeconfigInput !== void 0, auth, problems);
  const serviceAccount = readServiceAccount(input(env, "service-account"), problems);
  const impersonate = readImpersonation(env, problems);
  const oidc = readOidc(env, auth, direct !== void 0 || kubeconfig !== void 0, problems);
  const idTokenRequest = readIdTokenRequest(env, auth, problems);
  const exportText = withDefault(env, "export-kubeconfig");
  const allowPlainHttp = parseBoolean("allow-plain-http", withDefault(env, "allow-plain-http"), problems);
  const wait = parseBoolean("wait", withDefault(env, "wait"), problems);
  const failFast = parseBoolean("fail-fast", withDefault(env, "fail-fast"), problems);
  const rollbackOnFailure = parseBoolean("rollback-on-failure", withDefault(env, "rollback-on-failure"), problems);
  const timeoutText = withDefault(env, "timeout");
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === void 0 || timeoutMs <= 0) {
    problems.push(`timeout: "${timeoutText}" is not a duration (use for example 90s, 5m or 1h)`);
  } else if (timeoutMs < timeoutRange.min || timeoutMs > timeoutRange.max) {
    problems.push(`timeout: "${timeoutText}" is outside 1s to 6h, the range a deploy step can use`);
  }
  const mode = oneOf("mode", withDefault(env, "mode"), ["apply", "plan"], problems);
  const exportKubeconfig = exportText === "auto" ? mode === "apply" : parseBoolean("export-kubeconfig", exportText, problems);
  const fieldManager = withDefault(env, "field-manager");
  if (fieldManager.length > 128 || !/^[\x21-\x7e][\x20-\x7e]*$/.test(fieldManager)) {
    problems.push(`field-manager: "${fieldManager}" must be at most 128 printable characters`);
  }
  const forceConflicts = parseBoolean("force-conflicts", withDefault(env, "force-conflicts"), problems);
  const fieldValidation = oneOf(
    "field-validation",
    withDefault(env, "field-validation"),
    ["Strict", "Warn", "Ignore"],
    problems
  );
  const images = parseImages(input(env, "images"), problems);
  const applyset = input(env, "applyset");
  if (applyset !== void 0 && (applyset.length > 253 || !dns1123Subdomain.test(applyset))) {
    problems.push(`applyset: "${applyset}" is not a valid Secret name (lower-case letters, digits, '-' and '.')`);
  }
  const prune = parseBoolean("prune", withDefault(env, "prune"), problems);
  const pruneDestructive = parseBoolean("prune-destructive", withDefault(env, "prune-destructive"), problems);
  if (prune && applyset === void 0)
    problems.push("prune: needs applyset, the name of the set whose members may be pruned");
  const environmentUrl = input(env, "environment-url");
  if (environmentUrl !== void 0 && !/^https?:\/\/\S+$/.test(environmentUrl))
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
      podNamespace: env.POD_NAMESPACE
    },
    pluginEnvironment: Object.freeze(
      Object.fromEntries(
        Object.entries(env).filter((e) => e[1] !== void 0 && !e[0].startsWith("INPUT_"))
      )
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
    containerJob: (env.RUNNER_TEMP ?? "").startsWith("/__w/")
  });
}

// src/manifests/kustomize/prepare.ts
import { resolve } from "node:path";
async function prepareKustomize(entries, workspace) {
  const found = await Promise.all(entries.map((entry) => kustomizationFile(resolve(workspace, entry))));
  if (found.every((file) => file === void 0)) return;
  const { readyKustomize } = await import("./module-PWBMSKMI.js");
  await readyKustomize();
}

// src/pipeline/ask.ts
function ask(ctx, settings, defaultNamespace) {
  const { client, signal } = ctx;
  const parent = settings.applyset === void 0 ? void 0 : applySetParent(settings.applyset, defaultNamespace);
  const membership = parent === void 0 ? void 0 : readMembership(client, parent, signal);
  const mapper = discover(client, signal);
  for (const pending of [membership, mapper]) pending?.catch(() => void 0);
  return { parent, membership, mapper };
}

// src/pipeline/index.ts
function requestsOf(session) {
  const serial = session.requests === void 0 ? void 0 : roundTripsBeforeFirstWrite(session.requests);
  const before = serial === void 0 ? "" : ` (${serial} round trips one after another before the first write)`;
  return `${session.requestCount} API requests${before}`;
}
var stagesLoading;
var stages = () => stagesLoading ??= import("./stages-QTCTXVGV.js");
async function deploy(settings, log, options = {}) {
  const started = Date.now();
  const clock = new StageClock();
  const { cancel, connect = connectOverHttps } = options;
  const reached = {};
  let stopped = [];
  let session;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = eitherSignal(timeout, cancel) ?? timeout;
  let stage = "credentials";
  prepareKustomize(settings.manifests, settings.workspace).catch(() => void 0);
  try {
    session = await connect(settings, log, {
      signal,
      ...options.kubeconfigPath === void 0 ? {} : { kubeconfigPath: options.kubeconfigPath }
    });
    reached.cluster = { server: session.server, context: session.context };
    clock.lap("credentials");
    const defaultNamespace = settings.namespace ?? session.namespace ?? "default";
    const ctx = { client: session.client, log, signal };
    const identifying = session.identify();
    identifying.catch(() => void 0);
    const asked = ask(ctx, settings, defaultNamespace);
    await onTheWire(identifying);
    const { load, plan, preflight, apply, prune, waitAndRollBack } = await stages();
    clock.lap("loading");
    stage = "parse";
    const manifests = await load(settings, log);
    reached.manifests = manifests;
    clock.lap("parse");
    stage = "identity";
    const introducing = session.introduce(defaultNamespace);
    const identity = introducing.then((i) => i.identity);
    const planning = plan(ctx, manifests, settings, defaultNamespace, asked);
    const checking = planning.then((planned2) => preflight(ctx, planned2, settings, identity));
    for (const pending of [identity, planning, checking]) pending.catch(() => void 0);
    const { kubeconfigPath } = await introducing;
    if (kubeconfigPath !== void 0) reached.kubeconfigPath = kubeconfigPath;
    clock.lap("identity");
    stage = "discovery and validation";
    const planned = await planning;
    clock.lap("plan and validation");
    stage = "permissions";
    const refused = await checking;
    clock.lap("permissions");
    if (refused !== void 0) {
      stopped = [refused];
      return await finish();
    }
    stage = "apply";
    const applied = await apply(ctx, planned, manifests, settings);
    reached.applied = applied;
    clock.lap("apply");
    if (applied.failures.length > 0) return await finish();
    stage = "prune";
    if (planned.applyset !== void 0 && settings.prune) {
      reached.pruned = await prune(ctx, planned.applyset, applied, settings);
    }
    clock.lap("prune");
    stage = "wait";
    if (settings.mode === "apply" && settings.wait && applied.objects.length > 0) {
      reached.waited = await waitAndRollBack(ctx, applied.objects, settings, cancel);
    }
    clock.lap("wait");
  } catch (error) {
    clock.lap(stage);
    const { failuresOf } = await stages();
    stopped = failuresOf(error, {
      cancelled: cancel?.aborted === true,
      timedOut: timeout.aborted,
      timeoutMs: settings.timeoutMs,
      stage
    });
  } finally {
    await session?.close();
  }
  return finish();
  async function finish() {
    const { assemble } = await stages();
    clock.lap("report");
    log.debug(`kubeship timings: ${clock.toString()}${session === void 0 ? "" : `; ${requestsOf(session)}`}`);
    return assemble({
      settings,
      ...reached,
      stopped,
      cancelled: cancel?.aborted === true,
      durationMs: Date.now() - started
    });
  }
}

// src/signals.ts
function cancelOnSignals(handlers) {
  const cancel = new AbortController();
  const onSignal = (name) => {
    if (cancel.signal.aborted) {
      handlers.again(name);
      return;
    }
    handlers.first(name);
    cancel.abort(new Error(`cancelled (${name})`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return cancel.signal;
}
function signalExitCode(name) {
  return name === "SIGINT" ? 130 : 143;
}

export {
  InputError,
  readSettings,
  deploy,
  cancelOnSignals,
  signalExitCode
};
