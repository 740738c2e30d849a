import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noProxyMatches, proxyFromEnvironment } from "../../src/kube/proxy.ts";

const env = (httpsProxy?: string, noProxy?: string, httpProxy?: string) => ({ httpsProxy, httpProxy, noProxy });

const proxyCases: { name: string; server: string; env: ReturnType<typeof env>; proxy: string | undefined }[] = [
  {
    name: "HTTPS_PROXY for an https server",
    server: "https://k8s.example:6443",
    env: env("http://proxy:3128"),
    proxy: "http://proxy:3128",
  },
  {
    name: "not HTTP_PROXY for an https server",
    server: "https://k8s.example:6443",
    env: env(undefined, undefined, "http://proxy:3128"),
    proxy: undefined,
  },
  {
    name: "HTTP_PROXY for an http server",
    server: "http://k8s.example:8080",
    env: env(undefined, undefined, "http://proxy:3128"),
    proxy: "http://proxy:3128",
  },
  {
    name: "a proxy without a scheme is http",
    server: "https://k8s.example",
    env: env("proxy:3128"),
    proxy: "http://proxy:3128",
  },
  { name: "never for localhost", server: "https://localhost:6443", env: env("http://proxy:3128"), proxy: undefined },
  {
    name: "never for an IPv4 loopback address",
    server: "https://127.0.0.1:6443",
    env: env("http://proxy:3128"),
    proxy: undefined,
  },
  {
    name: "never for the IPv6 loopback address",
    server: "https://[::1]:6443",
    env: env("http://proxy:3128"),
    proxy: undefined,
  },
  {
    name: "not for a server NO_PROXY matches",
    server: "https://10.1.2.3:6443",
    env: env("http://proxy:3128", "10.0.0.0/8"),
    proxy: undefined,
  },
];

const noProxyCases: { noProxy: string; host: string; port: string; matches: boolean }[] = [
  { noProxy: "*", host: "k8s.example.com", port: "443", matches: true },
  { noProxy: "example.com", host: "example.com", port: "443", matches: true },
  { noProxy: " other.org , example.com", host: "k8s.example.com", port: "443", matches: true },
  { noProxy: "example.com", host: "badexample.com", port: "443", matches: false },
  { noProxy: ".example.com", host: "k8s.example.com", port: "443", matches: true },
  { noProxy: ".example.com", host: "example.com", port: "443", matches: false },
  { noProxy: "*.example.com", host: "k8s.example.com", port: "443", matches: true },
  { noProxy: "10.0.0.0/8", host: "10.1.2.3", port: "6443", matches: true },
  { noProxy: "10.0.0.0/8", host: "11.1.2.3", port: "6443", matches: false },
  { noProxy: "192.168.1.5", host: "192.168.1.5", port: "6443", matches: true },
  { noProxy: "example.com:6443", host: "k8s.example.com", port: "6443", matches: true },
  { noProxy: "example.com:6443", host: "k8s.example.com", port: "443", matches: false },
];

describe("proxy from the environment (Go's rules, as kubectl applies them)", () => {
  for (const c of proxyCases) {
    it(c.name, () => assert.equal(proxyFromEnvironment(c.server, c.env), c.proxy));
  }
});

describe("NO_PROXY: *, domains with and without a leading dot, IPs, CIDR ranges and ports", () => {
  for (const c of noProxyCases) {
    it(`${JSON.stringify(c.noProxy)} ${c.matches ? "matches" : "does not match"} ${c.host}:${c.port}`, () => {
      assert.equal(noProxyMatches(c.host, c.port, c.noProxy), c.matches);
    });
  }
});
