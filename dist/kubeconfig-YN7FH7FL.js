const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  TokenFileAuthenticator
} from "./chunk-677P6RMV.js";
import {
  bearerToken,
  noAuthentication,
  staticAuthenticator
} from "./chunk-BG6EPD6Q.js";
import {
  require_dist
} from "./chunk-SLGBTRB5.js";
import {
  CredentialsError,
  pemSecretLines,
  secretForms
} from "./chunk-OJTZGOVT.js";
import {
  checkProxyUrl,
  proxyFromEnvironment
} from "./chunk-TAMLSLKN.js";
import {
  Interrupted
} from "./chunk-LR26H2VH.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

// src/credentials/sources/kubeconfig.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFileSync } from "node:fs";
import { resolve as resolve2 } from "node:path";

// src/credentials/authenticators/exec.ts
import { spawn } from "node:child_process";
import { isAbsolute as isAbsolute2, sep } from "node:path";

// src/credentials/references.ts
import { isAbsolute, resolve } from "node:path";
function referencedPath(path, what, origin) {
  if (isAbsolute(path)) return path;
  if (origin.baseDir === void 0) {
    const where = what.includes(origin.source) ? what : `${what} in ${origin.source}`;
    throw new CredentialsError(
      `${where} is the relative path "${path}": a kubeconfig given as content has no folder to resolve it from (and the workspace is what a pull request writes); give an absolute path`
    );
  }
  return resolve(origin.baseDir, path);
}

// src/credentials/authenticators/exec.ts
var execApiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];
function checkExecConfig(config, what) {
  if (!execApiVersions.some((v) => v === config.apiVersion)) {
    const old = config.apiVersion === "client.authentication.k8s.io/v1alpha1" ? " (v1alpha1 is no longer supported)" : "";
    throw new CredentialsError(
      `${what}: exec.apiVersion "${config.apiVersion}" is not supported${old}; use ${execApiVersions.join(" or ")}`
    );
  }
  const mode = config.interactiveMode;
  if (mode === void 0 && config.apiVersion === "client.authentication.k8s.io/v1") {
    throw new CredentialsError(
      `${what}: exec.interactiveMode is required with client.authentication.k8s.io/v1; set it to Never (CI has no terminal)`
    );
  }
  if (mode !== void 0 && !["Never", "IfAvailable", "Always"].includes(mode)) {
    throw new CredentialsError(`${what}: exec.interactiveMode "${mode}" is not Never, IfAvailable or Always`);
  }
  if (mode === "Always") {
    throw new CredentialsError(
      `${what}: the plugin "${config.command}" needs a terminal (interactiveMode: Always) and a CI job has none; use a plugin mode that logs in without prompting (interactiveMode: Never), or another credential`
    );
  }
}
function resolveCommand(command, what, origin) {
  return command.includes(sep) ? referencedPath(command, `the command of ${what}`, origin) : command;
}
function sameCredential(a, b) {
  return a.authorization === b.authorization && a.clientCertificate?.cert === b.clientCertificate?.cert;
}
var ExecAuthenticator = class {
  description;
  options;
  command;
  cached;
  running;
  constructor(options) {
    checkExecConfig(options.config, options.what);
    this.options = options;
    this.command = resolveCommand(options.config.command, options.what, options.origin);
    this.description = `the exec credential plugin ${options.config.command} (${options.config.apiVersion.replace("client.authentication.k8s.io/", "")})`;
  }
  now() {
    return (this.options.now ?? Date.now)();
  }
  async current() {
    const cached = this.cached;
    if (cached !== void 0 && (cached.expiresAt === void 0 || this.now() < cached.expiresAt.getTime()))
      return cached;
    return this.refresh();
  }
  async renew(rejected) {
    if (this.cached !== void 0 && !sameCredential(this.cached, rejected)) return true;
    this.cached = void 0;
    await this.refresh();
    return true;
  }
  /** One plugin run at a time, shared by every request waiting for it. */
  refresh() {
    this.running ??= this.run().finally(() => this.running = void 0);
    return this.running;
  }
  kubeconfigUser() {
    const { config } = this.options;
    return Promise.resolve({ exec: { ...config, command: isAbsolute2(this.command) ? this.command : config.command } });
  }
  execInfo() {
    const { config, cluster } = this.options;
    return JSON.stringify({
      apiVersion: config.apiVersion,
      kind: "ExecCredential",
      spec: { interactive: false, ...config.provideClusterInfo === true ? { cluster } : {} }
    });
  }
  async run() {
    const { config, what, log } = this.options;
    const env = { ...this.options.environment };
    for (const variable of config.env ?? []) env[variable.name] = variable.value;
    env.KUBERNETES_EXEC_INFO = this.execInfo();
    const { signal } = this.options;
    const { stdout, stderr, code, error, tooLong } = await runPlugin(this.command, config.args ?? [], env, signal);
    if (signal?.aborted === true) {
      throw new Interrupted(
        `running the exec credential plugin \`${config.command}\` (${what}; killed)`,
        `check that "${config.command}" finishes on its own without a terminal (run it by hand with KUBERNETES_EXEC_INFO set)`,
        signal.reason
      );
    }
    if (tooLong)
      throw new CredentialsError(
        `${what}: "${this.command}" printed more than ${maxStdoutBytes / 1024} KiB on stdout, far more than an ExecCredential; it was stopped`
      );
    const passThrough = () => {
      for (const line of stderr.split("\n")) if (line.trim() !== "") log.info(`  ${config.command}: ${line}`);
    };
    if (error?.code === "ENOENT") {
      const plainHint = config.installHint?.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").trim();
      const hint = plainHint === void 0 ? "" : ` ${plainHint}`;
      throw new CredentialsError(
        `${what}: the command "${this.command}" was not found (is it installed and on PATH?)${hint}`
      );
    }
    if (error !== void 0)
      throw new CredentialsError(`${what}: "${this.command}" could not be started (${error.code ?? error.message})`);
    if (code !== 0) {
      passThrough();
      throw new CredentialsError(
        `${what}: "${this.command}" failed with exit code ${code ?? "?"} (its messages are above)`
      );
    }
    try {
      return this.accept(stdout);
    } finally {
      passThrough();
    }
  }
  /** Reads the plugin's ExecCredential. Its output is never quoted: it holds the secret. */
  accept(stdout) {
    const { config, what, log } = this.options;
    let parsed;
    try {
      parsed = JSON.parse(stdout);
    } catch {
      throw new CredentialsError(`${what}: "${config.command}" did not print an ExecCredential as JSON on stdout`);
    }
    const status = parsed.status ?? {};
    for (const secret of [status.token, status.clientKeyData])
      if (typeof secret === "string") secretForms(secret).forEach((s) => log.mask(s));
    if (parsed.kind !== "ExecCredential")
      throw new CredentialsError(
        `${what}: "${config.command}" printed a ${String(parsed.kind)}, not an ExecCredential`
      );
    if (parsed.apiVersion !== config.apiVersion) {
      throw new CredentialsError(
        `${what}: "${config.command}" answered with apiVersion ${String(parsed.apiVersion)} but was asked for ${config.apiVersion}`
      );
    }
    const hasCert = typeof status.clientCertificateData === "string" && status.clientCertificateData !== "";
    const hasKey = typeof status.clientKeyData === "string" && status.clientKeyData !== "";
    if (hasCert !== hasKey)
      throw new CredentialsError(
        `${what}: "${config.command}" returned a client certificate without its key, or a key without its certificate`
      );
    const hasToken = typeof status.token === "string" && status.token !== "";
    if (!hasToken && !hasCert)
      throw new CredentialsError(`${what}: "${config.command}" returned neither a token nor a client certificate`);
    let expiresAt;
    if (status.expirationTimestamp !== void 0) {
      expiresAt = new Date(status.expirationTimestamp);
      if (Number.isNaN(expiresAt.getTime()))
        throw new CredentialsError(`${what}: "${config.command}" returned an expirationTimestamp that is not RFC 3339`);
    }
    const credential = {
      ...hasToken ? { authorization: `Bearer ${status.token ?? ""}` } : {},
      ...hasCert ? { clientCertificate: { cert: status.clientCertificateData ?? "", key: status.clientKeyData ?? "" } } : {},
      ...expiresAt === void 0 ? {} : { expiresAt }
    };
    this.cached = credential;
    return credential;
  }
};
var maxStdoutBytes = 1024 * 1024;
var maxStderrBytes = 64 * 1024;
var killGraceMs = 2e3;
var running = /* @__PURE__ */ new Set();
var exitHooked = false;
function signalGroup(pid, name) {
  try {
    process.kill(-pid, name);
  } catch {
  }
}
function killRunningOnExit() {
  for (const pid of running) signalGroup(pid, "SIGKILL");
}
function stop(pid) {
  signalGroup(pid, "SIGTERM");
  setTimeout(() => {
    signalGroup(pid, "SIGKILL");
    running.delete(pid);
  }, killGraceMs).unref();
}
function runPlugin(command, args, env, signal) {
  return new Promise((done) => {
    if (signal?.aborted === true) return done({ stdout: "", stderr: "", code: null, tooLong: false });
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const pid = child.pid;
    if (pid !== void 0) {
      if (!exitHooked) process.on("exit", killRunningOnExit);
      exitHooked = true;
      running.add(pid);
    }
    const out = [];
    let outBytes = 0;
    let errors = "";
    let tooLong = false;
    let stopped = false;
    let finished = false;
    const halt = () => {
      if (stopped || pid === void 0) return;
      stopped = true;
      stop(pid);
      child.stdout.destroy();
      child.stderr.destroy();
      finish(null);
    };
    child.stdout.on("data", (chunk) => {
      outBytes += chunk.length;
      if (outBytes <= maxStdoutBytes) out.push(chunk);
      else {
        tooLong = true;
        halt();
      }
    });
    child.stderr.on("data", (chunk) => {
      if (errors.length < maxStderrBytes) errors += chunk.toString("utf8").slice(0, maxStderrBytes - errors.length);
    });
    signal?.addEventListener("abort", halt, { once: true });
    const finish = (code, error) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener("abort", halt);
      if (pid !== void 0 && !stopped) running.delete(pid);
      const stdout = Buffer.concat(out).toString("utf8");
      done({ stdout, stderr: errors, code, tooLong, ...error === void 0 ? {} : { error } });
    };
    child.on("error", (e) => finish(null, e));
    child.on("close", (exit) => finish(exit));
  });
}

// src/credentials/sources/kubeconfig.ts
var clusterFields = {
  server: "string",
  "certificate-authority": "string",
  "certificate-authority-data": "string",
  "insecure-skip-tls-verify": "boolean",
  "tls-server-name": "string",
  "proxy-url": "string",
  "disable-compression": "boolean",
  extensions: "array"
};
var userFields = {
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
  "auth-provider": "object"
};
var execFields = {
  apiVersion: "string",
  command: "string",
  args: "string[]",
  env: "array",
  installHint: "string",
  provideClusterInfo: "boolean",
  interactiveMode: "string"
};
var contextFields = { cluster: "string", user: "string", namespace: "string" };
function typeOk(value, type) {
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
var article = (type) => ({
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  "string[]": "a list of strings"
})[type];
function checkFields(value, fields, path, origin) {
  if (!typeOk(value, "object")) throw new CredentialsError(`${origin.source} is malformed: ${path} must be a mapping`);
  for (const [field, type] of Object.entries(fields)) {
    const fieldValue = value[field];
    if (fieldValue !== void 0 && fieldValue !== null && !typeOk(fieldValue, type)) {
      throw new CredentialsError(`${origin.source} is malformed: ${path}.${field} must be ${article(type)}`);
    }
  }
}
function readSection(parsed, list, section, fields, origin) {
  const entries = parsed[list] ?? [];
  if (!Array.isArray(entries)) throw new CredentialsError(`${origin.source} is malformed: ${list} must be a list`);
  const map = /* @__PURE__ */ new Map();
  entries.forEach((item, index) => {
    const path = `${list}[${index}]`;
    const name = item?.name;
    if (typeof name !== "string" || name === "")
      throw new CredentialsError(`${origin.source} is malformed: ${path}.name must be a non-empty string`);
    const entry = item[section] ?? {};
    checkFields(entry, fields, `${path}.${section}`, origin);
    if (section === "user" && entry.exec !== void 0)
      checkFields(entry.exec, execFields, `${path}.user.exec`, origin);
    if (!map.has(name)) map.set(name, { entry, origin });
  });
  return map;
}
function parseKubeconfig(text, origin) {
  let parsed;
  try {
    parsed = (0, import_yaml.parse)(text);
  } catch (error) {
    const where = error instanceof import_yaml.YAMLParseError && error.linePos !== void 0 ? ` at line ${error.linePos[0].line}` : "";
    throw new CredentialsError(`${origin.source} is not valid YAML${where}`);
  }
  if (parsed === null || parsed === void 0) parsed = {};
  if (typeof parsed !== "object" || Array.isArray(parsed))
    throw new CredentialsError(`${origin.source} is not a kubeconfig (it is not a mapping)`);
  const config = parsed;
  const current = config["current-context"];
  if (current !== void 0 && current !== null && typeof current !== "string")
    throw new CredentialsError(`${origin.source} is malformed: current-context must be a string`);
  return {
    source: origin.source,
    clusters: readSection(config, "clusters", "cluster", clusterFields, origin),
    users: readSection(config, "users", "user", userFields, origin),
    contexts: readSection(config, "contexts", "context", contextFields, origin),
    currentContext: typeof current === "string" && current !== "" ? current : void 0
  };
}
function readKubeconfigFile(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CredentialsError(
      `the kubeconfig ${path} cannot be read (${error.code ?? "unreadable"})`
    );
  }
  return parseKubeconfig(text, { source: path, baseDir: resolve2(path, "..") });
}
function mergeKubeconfigs(configs, source) {
  const merged = {
    source,
    clusters: /* @__PURE__ */ new Map(),
    users: /* @__PURE__ */ new Map(),
    contexts: /* @__PURE__ */ new Map(),
    currentContext: void 0
  };
  for (const config of configs) {
    for (const list of ["clusters", "users", "contexts"]) {
      const target = merged[list];
      for (const [name, located] of config[list]) if (!target.has(name)) target.set(name, located);
    }
    merged.currentContext ??= config.currentContext;
  }
  return merged;
}
function lookup(map, name, what, config, fix) {
  const found = map.get(name);
  if (found !== void 0) return found;
  const known = [...map.keys()].join(", ") || "none";
  throw new CredentialsError(`${what} "${name}" is not defined in ${config.source} (defined: ${known}); ${fix}`);
}
function readReferenced(path, what, origin) {
  const file = referencedPath(path, what, origin);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = error.code ?? "unreadable";
    throw new CredentialsError(`${what} file ${file} named in ${origin.source} cannot be read (${code})`);
  }
}
function decodeData(data, what, origin) {
  const decoded = Buffer.from(data, "base64").toString("utf8");
  if (!decoded.includes("-----BEGIN"))
    throw new CredentialsError(`${origin.source} is malformed: ${what} is not base64 of a PEM block`);
  return decoded;
}
function pemFrom(entry, field, where, origin) {
  const data = entry[`${field}-data`];
  if (data !== void 0) return decodeData(data, `${where}.${field}-data`, origin);
  const path = entry[field];
  return path === void 0 ? void 0 : readReferenced(path, `${where}.${field}`, origin);
}
var authProviderReplacements = {
  gcp: "gke-gcloud-auth-plugin (exec plugin), or auth: gcp",
  azure: "kubelogin (exec plugin, `kubelogin convert-kubeconfig`), or auth: azure",
  oidc: "an OIDC exec plugin such as kubelogin (`kubectl oidc-login`), or auth: github-oidc"
};
function clusterTls(cluster, where, origin, options) {
  if (cluster.server === void 0 || cluster.server === "") {
    throw new CredentialsError(`${where} in ${origin.source} has no server: set its server URL`);
  }
  let url;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new CredentialsError(`${origin.source} is malformed: ${where}.server is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new CredentialsError(`${origin.source} is malformed: ${where}.server must be an https:// URL`);
  const ca = pemFrom(cluster, "certificate-authority", where, origin);
  const insecure = cluster["insecure-skip-tls-verify"] === true;
  if (insecure && ca !== void 0) {
    throw new CredentialsError(
      `${where} in ${origin.source} sets both a certificate-authority and insecure-skip-tls-verify: remove one of them`
    );
  }
  const server = cluster.server.replace(/\/+$/, "");
  const proxyUrl = cluster["proxy-url"];
  return {
    server,
    ca,
    caSource: ca === void 0 ? void 0 : `the certificate-authority${cluster["certificate-authority-data"] === void 0 ? "" : "-data"} of ${where} in ${origin.source}`,
    serverName: cluster["tls-server-name"],
    insecureSkipVerify: insecure,
    proxy: proxyUrl !== void 0 ? checkProxyUrl(proxyUrl, `${where}.proxy-url in ${origin.source}`) : proxyFromEnvironment(server, options.proxyEnvironment),
    disableCompression: cluster["disable-compression"] === true
  };
}
function execClusterInfo(cluster, tls) {
  const extension = cluster.extensions?.find((e) => e.name === "client.authentication.k8s.io/exec")?.extension;
  return {
    server: tls.server,
    ...tls.serverName === void 0 ? {} : { "tls-server-name": tls.serverName },
    ...tls.insecureSkipVerify ? { "insecure-skip-tls-verify": true } : {},
    ...tls.ca === void 0 ? {} : { "certificate-authority-data": Buffer.from(tls.ca).toString("base64") },
    ...cluster["proxy-url"] === void 0 ? {} : { "proxy-url": cluster["proxy-url"] },
    ...tls.disableCompression ? { "disable-compression": true } : {},
    ...extension === void 0 ? {} : { config: extension }
  };
}
function userAuthenticator(user, userName, origin, execCluster, options) {
  const where = `user "${userName}" in ${origin.source}`;
  const provider = user["auth-provider"];
  if (provider !== void 0) {
    const name = provider.name ?? "";
    const replacement = authProviderReplacements[name] ?? "the exec credential plugin its vendor provides";
    throw new CredentialsError(
      `${where} uses the removed auth-provider "${name}": kubectl no longer supports it; use ${replacement} instead`
    );
  }
  if (user.tokenFile !== void 0) {
    const path = referencedPath(user.tokenFile, `the tokenFile of ${where}`, origin);
    return new TokenFileAuthenticator({
      path,
      ...user.token === void 0 ? {} : { fallback: user.token },
      what: `the tokenFile of ${where}`,
      mask: options.log.mask
    });
  }
  if (user.token !== void 0) return bearerToken(user.token);
  if (user.username !== void 0 || user.password !== void 0) {
    const basic = Buffer.from(`${user.username ?? ""}:${user.password ?? ""}`).toString("base64");
    options.log.mask(basic);
    const stanza = {
      ...user.username === void 0 ? {} : { username: user.username },
      ...user.password === void 0 ? {} : { password: user.password }
    };
    return staticAuthenticator(
      { authorization: `Basic ${basic}` },
      stanza,
      "basic authentication (username and password)"
    );
  }
  if (user.exec !== void 0) {
    return new ExecAuthenticator({
      config: user.exec,
      what: `the exec plugin of ${where}`,
      origin,
      cluster: execCluster(),
      environment: options.pluginEnvironment,
      log: options.log,
      ...options.signal === void 0 ? {} : { signal: options.signal }
    });
  }
  return noAuthentication;
}
function connectionFromKubeconfig(config, options) {
  const name = options.context ?? config.currentContext;
  if (name === void 0) {
    throw new CredentialsError(
      `${config.source} has no current-context: set the context input to one of ${[...config.contexts.keys()].join(", ") || "(none defined)"}`
    );
  }
  const context = lookup(
    config.contexts,
    name,
    "context",
    config,
    "set the context input to one of the defined contexts"
  );
  const clusterName = context.entry.cluster;
  if (clusterName === void 0 || clusterName === "")
    throw new CredentialsError(`context "${name}" in ${context.origin.source} names no cluster`);
  const cluster = lookup(config.clusters, clusterName, "cluster", config, `fix context "${name}"`);
  const userName = context.entry.user;
  const user = userName === void 0 || userName === "" ? void 0 : lookup(config.users, userName, "user", config, `fix context "${name}"`);
  const tls = clusterTls(cluster.entry, `cluster "${clusterName}"`, cluster.origin, options);
  const entry = user?.entry ?? {};
  const userOrigin = user?.origin ?? cluster.origin;
  const where = `user "${userName ?? ""}"`;
  const cert = pemFrom(entry, "client-certificate", where, userOrigin);
  const key = pemFrom(entry, "client-key", where, userOrigin);
  if (cert === void 0 !== (key === void 0)) {
    throw new CredentialsError(
      `${where} in ${userOrigin.source} has a client certificate without its key, or a key without its certificate`
    );
  }
  const secrets = [
    ...entry["client-key-data"] === void 0 ? [] : [entry["client-key-data"]],
    ...key === void 0 ? [] : pemSecretLines(key),
    ...[entry.token, entry.password].flatMap((s) => s === void 0 ? [] : secretForms(s))
  ];
  const userAuth = userAuthenticator(
    entry,
    userName ?? "",
    userOrigin,
    () => execClusterInfo(cluster.entry, tls),
    options
  );
  const auth = userAuth === noAuthentication && cert !== void 0 ? staticAuthenticator({}, {}, "a client certificate") : userAuth;
  const groups = entry["as-groups"] ?? [];
  return {
    server: tls.server,
    tls: {
      ...tls.ca === void 0 ? {} : { ca: tls.ca },
      ...tls.caSource === void 0 ? {} : { caSource: tls.caSource },
      ...cert === void 0 ? {} : { cert },
      ...key === void 0 ? {} : { key },
      ...tls.serverName === void 0 ? {} : { serverName: tls.serverName },
      insecureSkipVerify: tls.insecureSkipVerify
    },
    ...tls.proxy === void 0 ? {} : { proxy: tls.proxy },
    ...tls.disableCompression ? { disableCompression: true } : {},
    auth,
    ...entry.as === void 0 ? {} : {
      impersonate: { user: entry.as, groups, ...entry["as-uid"] === void 0 ? {} : { uid: entry["as-uid"] } }
    },
    source: config.source,
    context: name,
    ...context.entry.namespace === void 0 || context.entry.namespace === "" ? {} : { namespace: context.entry.namespace },
    secrets
  };
}
export {
  connectionFromKubeconfig,
  mergeKubeconfigs,
  parseKubeconfig,
  readKubeconfigFile
};
