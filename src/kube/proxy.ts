// Which proxy a request to the API server goes through, as kubectl decides: the cluster's
// `proxy-url` if set, else the environment's HTTPS_PROXY (for https servers) or HTTP_PROXY (for
// http servers) unless NO_PROXY matches the host. Loopback hosts never use the environment's proxy.
// These are the rules of Go's net/http ProxyFromEnvironment, which kubectl uses.
import { BlockList, isIP } from "node:net";

/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or their lower-case forms), as kubectl reads them. */
export interface ProxyEnvironment {
  httpsProxy: string | undefined;
  httpProxy: string | undefined;
  noProxy: string | undefined;
}

/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY (upper case first, as Go reads them), as the action and the credential plugin read them. */
export function readProxyEnvironment(env: Record<string, string | undefined>): ProxyEnvironment {
  const read = (name: string) => {
    const value = env[name] ?? env[name.toLowerCase()];
    return value === undefined || value === "" ? undefined : value;
  };
  return { httpsProxy: read("HTTPS_PROXY"), httpProxy: read("HTTP_PROXY"), noProxy: read("NO_PROXY") };
}

/** A proxy URL that client-go would refuse (from a kubeconfig's proxy-url or HTTPS_PROXY/HTTP_PROXY). */
export class ProxyUrlError extends Error {
  override name = "ProxyUrlError";
}

const proxySchemes = ["http:", "https:", "socks5:"];

/** A kubeconfig `proxy-url`, checked as client-go checks it. */
export function checkProxyUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProxyUrlError(`${where}: proxy-url is not a URL`);
  }
  if (!proxySchemes.includes(parsed.protocol)) {
    throw new ProxyUrlError(
      `${where}: proxy-url has scheme "${parsed.protocol.replace(":", "")}"; use http, https or socks5`,
    );
  }
  return url;
}

/** The proxy for `server` from the environment, or undefined to connect directly. */
export function proxyFromEnvironment(server: string, env: ProxyEnvironment): string | undefined {
  const url = new URL(server);
  const proxy = url.protocol === "https:" ? env.httpsProxy : url.protocol === "http:" ? env.httpProxy : undefined;
  if (proxy === undefined) return undefined;
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (host === "localhost" || isLoopback(host)) return undefined;
  const port = url.port === "" ? (url.protocol === "https:" ? "443" : "80") : url.port;
  if (noProxyMatches(host, port, env.noProxy ?? "")) return undefined;
  // Go reads a proxy without a scheme as http://
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
  return checkProxyUrl(withScheme, url.protocol === "https:" ? "HTTPS_PROXY" : "HTTP_PROXY");
}

function isLoopback(host: string): boolean {
  const family = isIP(host);
  if (family === 4) return host.startsWith("127.");
  if (family === 6) return host === "::1" || /^::ffff:127\./.test(host);
  return false;
}

/** NO_PROXY entries: `*`, IP addresses, CIDR ranges, and domains (`example.com` also matches its subdomains, `.example.com` only them), each optionally with `:port`. */
export function noProxyMatches(host: string, port: string, noProxy: string): boolean {
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
    if (entryPort !== undefined && entryPort !== port) continue;
    if (isIP(domain.replace(/^\[(.*)\]$/, "$1")) !== 0) {
      if (domain.replace(/^\[(.*)\]$/, "$1") === host) return true;
      continue;
    }
    if (domain.startsWith("*.")) domain = domain.slice(1);
    const matchHost = !domain.startsWith(".");
    const suffix = matchHost ? `.${domain}` : domain;
    if (host.endsWith(suffix) || (matchHost && host === domain)) return true;
  }
  return false;
}
