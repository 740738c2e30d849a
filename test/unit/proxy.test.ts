import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { noProxyMatches, proxyFromEnvironment } from "../../src/kube/proxy.ts";

const env = (httpsProxy?: string, noProxy?: string, httpProxy?: string) => ({ httpsProxy, httpProxy, noProxy });

describe("proxy from the environment (Go's rules, as kubectl applies them)", () => {
  it("uses HTTPS_PROXY for https servers and HTTP_PROXY only for http ones", () => {
    assert.equal(proxyFromEnvironment("https://k8s.example:6443", env("http://proxy:3128")), "http://proxy:3128");
    assert.equal(proxyFromEnvironment("https://k8s.example:6443", env(undefined, undefined, "http://proxy:3128")), undefined);
    assert.equal(proxyFromEnvironment("http://k8s.example:8080", env(undefined, undefined, "http://proxy:3128")), "http://proxy:3128");
    assert.equal(proxyFromEnvironment("https://k8s.example", env("proxy:3128")), "http://proxy:3128", "no scheme means http");
  });

  it("never proxies localhost or loopback addresses", () => {
    for (const server of ["https://localhost:6443", "https://127.0.0.1:6443", "https://[::1]:6443"]) assert.equal(proxyFromEnvironment(server, env("http://proxy:3128")), undefined);
  });

  it("honours NO_PROXY: *, domains with and without a leading dot, IPs, CIDR ranges and ports", () => {
    assert.ok(noProxyMatches("k8s.example.com", "443", "*"));
    assert.ok(noProxyMatches("example.com", "443", "example.com"));
    assert.ok(noProxyMatches("k8s.example.com", "443", " other.org , example.com"));
    assert.ok(!noProxyMatches("badexample.com", "443", "example.com"));
    assert.ok(noProxyMatches("k8s.example.com", "443", ".example.com"));
    assert.ok(!noProxyMatches("example.com", "443", ".example.com"));
    assert.ok(noProxyMatches("k8s.example.com", "443", "*.example.com"));
    assert.ok(noProxyMatches("10.1.2.3", "6443", "10.0.0.0/8"));
    assert.ok(!noProxyMatches("11.1.2.3", "6443", "10.0.0.0/8"));
    assert.ok(noProxyMatches("192.168.1.5", "6443", "192.168.1.5"));
    assert.ok(noProxyMatches("k8s.example.com", "6443", "example.com:6443"));
    assert.ok(!noProxyMatches("k8s.example.com", "443", "example.com:6443"));
    assert.equal(proxyFromEnvironment("https://10.1.2.3:6443", env("http://proxy:3128", "10.0.0.0/8")), undefined);
  });
});
