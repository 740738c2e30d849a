import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);

// src/credentials/export/cache.ts
var fs = () => process.getBuiltinModule("node:fs");
function readCache(path) {
  try {
    const cached = JSON.parse(fs().readFileSync(path, "utf8"));
    return { token: cached.token, issuedAt: new Date(cached.issuedAt), expiresAt: new Date(cached.expiresAt) };
  } catch {
    return void 0;
  }
}
async function writeCache(path, issued) {
  const { open, rename, rm } = fs().promises;
  const temporary = `${path}.${process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex")}`;
  const file = await open(temporary, "wx", 384);
  try {
    const cached = {
      token: issued.token,
      issuedAt: issued.issuedAt.toISOString(),
      expiresAt: issued.expiresAt.toISOString()
    };
    await file.writeFile(JSON.stringify(cached), "utf8");
  } finally {
    await file.close();
  }
  await rename(temporary, path).catch(async (error) => {
    await rm(temporary, { force: true });
    throw error;
  });
}

// src/credentials/export/plugin.ts
import { fileURLToPath } from "node:url";

// src/deadline.ts
var Interrupted = class extends Error {
  name = "Interrupted";
  /** `waiting for the API server to answer GET /version at https://…` */
  waitingFor;
  /** what to look at besides the timeout: `check that the plugin …` */
  check;
  constructor(waitingFor, check, reason) {
    super(`stopped while ${waitingFor}`, { cause: reason });
    this.waitingFor = waitingFor;
    this.check = check;
  }
};
function interruptionOf(error) {
  for (let e = error, depth = 0; e !== void 0 && e !== null && depth < 8; depth++) {
    if (e instanceof Interrupted) return e;
    e = e.cause;
  }
  return void 0;
}
function durationText(ms) {
  if (ms < 6e4 || ms % 1e3 !== 0) return `${Number((ms / 1e3).toFixed(1))}s`;
  const h = Math.floor(ms / 36e5);
  const m = Math.floor(ms % 36e5 / 6e4);
  const s = ms % 6e4 / 1e3;
  return `${h > 0 ? `${h}h` : ""}${m > 0 ? `${m}m` : ""}${s > 0 ? `${s}s` : ""}`;
}
function eitherSignal(a, b) {
  if (a === void 0) return b;
  if (b === void 0 || a === b) return a;
  return AbortSignal.any([a, b]);
}

// src/kube/proxy.ts
import { BlockList, isIP } from "node:net";
function readProxyEnvironment(env) {
  const read = (name) => {
    const value = env[name] ?? env[name.toLowerCase()];
    return value === void 0 || value === "" ? void 0 : value;
  };
  return { httpsProxy: read("HTTPS_PROXY"), httpProxy: read("HTTP_PROXY"), noProxy: read("NO_PROXY") };
}
var ProxyUrlError = class extends Error {
  name = "ProxyUrlError";
};
var proxySchemes = ["http:", "https:", "socks5:"];
function checkProxyUrl(url, where) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProxyUrlError(`${where}: proxy-url is not a URL`);
  }
  if (!proxySchemes.includes(parsed.protocol)) {
    throw new ProxyUrlError(
      `${where}: proxy-url has scheme "${parsed.protocol.replace(":", "")}"; use http, https or socks5`
    );
  }
  return url;
}
function proxyFromEnvironment(server, env) {
  const url = new URL(server);
  const proxy = url.protocol === "https:" ? env.httpsProxy : url.protocol === "http:" ? env.httpProxy : void 0;
  if (proxy === void 0) return void 0;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost" || isLoopback(host)) return void 0;
  const port = url.port === "" ? url.protocol === "https:" ? "443" : "80" : url.port;
  if (noProxyMatches(host, port, env.noProxy ?? "")) return void 0;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
  return checkProxyUrl(withScheme, url.protocol === "https:" ? "HTTPS_PROXY" : "HTTP_PROXY");
}
function isLoopback(host) {
  const family = isIP(host);
  if (family === 4) return host.startsWith("127.");
  if (family === 6) return host === "::1" || /^::ffff:127\./.test(host);
  return false;
}
function noProxyMatches(host, port, noProxy) {
  const family = isIP(host);
  for (const raw of noProxy.split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") return true;
    if (entry.includes("/")) {
      const [network = "", bits = ""] = entry.split("/");
      const networkFamily = isIP(network);
      if (family !== 0 && networkFamily === family) {
        const list = new BlockList();
        list.addSubnet(network, Number(bits), family === 4 ? "ipv4" : "ipv6");
        if (list.check(host, family === 4 ? "ipv4" : "ipv6")) return true;
      }
      continue;
    }
    if (isIP(entry.replace(/^\[(.*)\]$/, "$1")) !== 0) {
      if (entry.replace(/^\[(.*)\]$/, "$1") === host) return true;
      continue;
    }
    const portMatch = /^(.*):(\d+)$/.exec(entry);
    let domain = portMatch?.[1] ?? entry;
    const entryPort = portMatch?.[2];
    if (entryPort !== void 0 && entryPort !== port) continue;
    if (isIP(domain.replace(/^\[(.*)\]$/, "$1")) !== 0) {
      if (domain.replace(/^\[(.*)\]$/, "$1") === host) return true;
      continue;
    }
    if (domain.startsWith("*.")) domain = domain.slice(1);
    const matchHost = !domain.startsWith(".");
    const suffix = matchHost ? `.${domain}` : domain;
    if (host.endsWith(suffix) || matchHost && host === domain) return true;
  }
  return false;
}

// src/credentials/authenticators/issued-token.ts
function renewalTime(token) {
  const issued = token.issuedAt.getTime();
  return issued + 0.8 * (token.expiresAt.getTime() - issued);
}
function jwtClaims(token) {
  try {
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? claims : {};
  } catch {
    return {};
  }
}
function expiringIn(token, seconds, issuedAt = /* @__PURE__ */ new Date()) {
  const lifetime = typeof seconds === "number" ? seconds : Number(seconds);
  const ms = Number.isFinite(lifetime) && lifetime > 0 ? lifetime * 1e3 : 3e5;
  return { token, issuedAt, expiresAt: new Date(issuedAt.getTime() + ms) };
}

// src/credentials/export/plugin.ts
var credentialPluginVariable = "KUBESHIP_CREDENTIAL";
function readCredentialPluginSettings(env) {
  const text = env[credentialPluginVariable];
  if (text === void 0 || text === "") {
    throw new Error(
      `${credentialPluginVariable} is not set: this program is run by kubectl through the kubeconfig kubeship exported`
    );
  }
  const config = JSON.parse(text);
  let execApiVersion = "client.authentication.k8s.io/v1";
  try {
    const info = JSON.parse(env.KUBERNETES_EXEC_INFO ?? "{}");
    if (typeof info.apiVersion === "string") execApiVersion = info.apiVersion;
  } catch {
  }
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? "";
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? "";
  return {
    config,
    idTokenRequest: url === "" || token === "" ? void 0 : { url, token },
    proxyEnvironment: readProxyEnvironment(env),
    execApiVersion
  };
}
var credentialPluginScript = fileURLToPath(new URL("./credential.js", import.meta.url));
function credentialPluginUser(config) {
  return {
    exec: {
      apiVersion: "client.authentication.k8s.io/v1",
      command: process.execPath,
      args: [credentialPluginScript],
      env: [{ name: credentialPluginVariable, value: JSON.stringify(config) }],
      interactiveMode: "Never",
      provideClusterInfo: false
    }
  };
}
var pluginDeadlineMs = 6e4;
async function runCredentialPlugin(env, io) {
  const now = io.now ?? Date.now;
  try {
    const settings = readCredentialPluginSettings(env);
    let issued = readCache(settings.config.cache);
    if (issued === void 0 || now() >= renewalTime(issued)) {
      const { renewToken } = await import("./renew-7RHW5BW4.js");
      const renewed = await renewToken(settings);
      issued = renewed.issued;
      io.stderr(renewed.note);
    }
    const expirationTimestamp = new Date(renewalTime(issued)).toISOString();
    io.stdout(
      JSON.stringify({
        apiVersion: settings.execApiVersion,
        kind: "ExecCredential",
        status: { token: issued.token, expirationTimestamp }
      }) + "\n"
    );
    return 0;
  } catch (error) {
    const message = error instanceof Interrupted ? `gave up after ${pluginDeadlineMs / 1e3}s ${error.waitingFor}; ${error.check}` : error instanceof Error ? error.message : String(error);
    io.stderr(`kubeship credential plugin: ${message}
`);
    return 1;
  }
}

export {
  Interrupted,
  interruptionOf,
  durationText,
  eitherSignal,
  readProxyEnvironment,
  checkProxyUrl,
  proxyFromEnvironment,
  renewalTime,
  jwtClaims,
  expiringIn,
  writeCache,
  credentialPluginUser,
  pluginDeadlineMs,
  runCredentialPlugin
};
