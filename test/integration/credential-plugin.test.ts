// The exported credential plugin (dist/credential.js) run as kubectl runs it, through the
// environment's proxy. The runner's ID-token endpoint is stood in for by an HTTPS server here with the
// API server's certificate, which names kubernetes.default.svc: that name does not resolve on this
// machine, so only a proxy that maps it to 127.0.0.1 (test/helpers' CONNECT and SOCKS5 proxies, fakes
// because no proxy stands in front of the test machine) can reach it, and an answer proves the tunnel.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { writeCache } from "../../src/credentials/export/cache.ts";
import { paths } from "../cluster/layout.ts";
import { pkiFiles } from "../cluster/pki.ts";
import { repoRoot } from "../helpers/action.ts";
import { startProxy } from "../helpers/connect-proxy.ts";
import { startSocksProxy } from "../helpers/socks-proxy.ts";

const pki = pkiFiles(paths.pki);
const requestToken = "request-token-0123456789";
const idToken = (exp: number) =>
  `e30.${Buffer.from(JSON.stringify({ exp, sub: "repo:o/r:ref:refs/heads/main" })).toString("base64url")}.sig`;

let endpoint = "";
const requests: string[] = [];
const server = createServer({ cert: readFileSync(pki.servingCert), key: readFileSync(pki.servingKey) }, (req, res) => {
  requests.push(req.url ?? "");
  if (req.headers.authorization !== `Bearer ${requestToken}`) return void res.writeHead(401).end();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ value: idToken(Math.floor(Date.now() / 1000) + 300) }));
});
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `https://kubernetes.default.svc:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

interface PluginRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs dist/credential.js with a new cache (or `cache`) and the step's environment plus `env`. */
function runPlugin(env: Record<string, string>, cache?: string): Promise<PluginRun & { cache: string }> {
  const file = cache ?? join(mkdtempSync(join(tmpdir(), "kubeship-plugin-")), "kubeship-credential-0123456789ab.json");
  const child = spawn(process.execPath, [join(repoRoot, "dist", "credential.js")], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      NODE_EXTRA_CA_CERTS: pki.caCert,
      KUBESHIP_CREDENTIAL: JSON.stringify({ provider: { method: "github-oidc", audience: "k8s" }, cache: file }),
      KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential" }),
      ACTIONS_ID_TOKEN_REQUEST_URL: `${endpoint}/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve) =>
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr, cache: file })),
  );
}

function tokenOf(run: PluginRun): string {
  return (JSON.parse(run.stdout) as { status: { token: string } }).status.token;
}

describe("the credential plugin behind a proxy", () => {
  it("obtains the token through an HTTP CONNECT proxy (HTTPS_PROXY) and caches it 0600", async () => {
    const proxy = await startProxy({ "kubernetes.default.svc": "127.0.0.1" });
    try {
      const before = requests.length;
      const run = await runPlugin({ HTTPS_PROXY: proxy.url });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(proxy.tunnels.length, 1);
      assert.equal(proxy.tunnels[0], new URL(endpoint).host);
      assert.equal(requests.length, before + 1);
      assert.match(requests.at(-1) ?? "", /^\/idtoken\?api-version=2\.0&audience=k8s$/);
      assert.match(tokenOf(run), /^e30\./);
      assert.equal(statSync(run.cache).mode & 0o777, 0o600);
      assert.doesNotMatch(run.stderr, /e30\.|request-token/);
    } finally {
      await proxy.close();
    }
  });

  it("obtains the token through a SOCKS5 proxy (lower-case https_proxy)", async () => {
    const proxy = await startSocksProxy({ "kubernetes.default.svc": "127.0.0.1" });
    try {
      const run = await runPlugin({ https_proxy: proxy.url });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(proxy.tunnels, [new URL(endpoint).host]);
      assert.match(tokenOf(run), /^e30\./);
    } finally {
      await proxy.close();
    }
  });

  it("goes direct for a host in NO_PROXY: the name does not resolve without the proxy", async () => {
    const proxy = await startProxy({ "kubernetes.default.svc": "127.0.0.1" });
    try {
      const run = await runPlugin({ HTTPS_PROXY: proxy.url, NO_PROXY: "example.com,.default.svc" });
      assert.equal(run.code, 1);
      assert.deepEqual(proxy.tunnels, []);
      assert.equal(run.stdout, "");
      assert.match(run.stderr, /GitHub ID token request: could not reach kubernetes\.default\.svc:\d+ \(ENOTFOUND\)/);
    } finally {
      await proxy.close();
    }
  });

  it("a proxy that cannot be reached: the code, and nothing secret (not the proxy's password)", async () => {
    const run = await runPlugin({ HTTPS_PROXY: "http://user:proxy-secret@127.0.0.1:1" });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /could not reach kubernetes\.default\.svc:\d+ \(ECONNREFUSED\)/);
    assert.doesNotMatch(run.stderr, /proxy-secret|request-token/);
  });

  it("with a fresh cached token, sends nothing: neither the proxy nor the endpoint sees a request", async () => {
    const proxy = await startProxy({ "kubernetes.default.svc": "127.0.0.1" });
    try {
      const cache = join(mkdtempSync(join(tmpdir(), "kubeship-plugin-")), "kubeship-credential-0123456789ab.json");
      const issuedAt = new Date();
      await writeCache(cache, { token: "cached-token", issuedAt, expiresAt: new Date(issuedAt.getTime() + 600_000) });
      const before = requests.length;
      const run = await runPlugin({ HTTPS_PROXY: proxy.url }, cache);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(tokenOf(run), "cached-token");
      assert.equal(run.stderr, "");
      assert.deepEqual(proxy.tunnels, []);
      assert.equal(requests.length, before);
    } finally {
      await proxy.close();
    }
  });
});
