const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

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

export {
  readProxyEnvironment,
  checkProxyUrl,
  proxyFromEnvironment
};
