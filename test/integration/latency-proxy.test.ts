// The latency proxy used by bench/ and by tests that count requests: it adds the round trips it is
// asked for (one per request on a kept-alive connection, TCP's and TLS's own on a new one), passes the
// API server's TLS session through untouched, and kubectl works through it. The time checks are lower
// bounds the proxy guarantees by construction (its timers never deliver early), not benchmarks.
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { Agent, get } from "node:https";
import { createServer, type Socket, connect as connectTcp } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "node:tls";
import { after, before, describe, it } from "node:test";
import { paths } from "../cluster/layout.ts";
import { adminKubeconfig, kubectl } from "../helpers/cluster.ts";
import { type LatencyProxy, startLatencyProxy, statsSince } from "../helpers/latency-proxy.ts";

adminKubeconfig(); // fails early, with the reason, when the test cluster is not up
const pki = (name: string) => readFileSync(join(paths.pki, name));
const credentials = { ca: pki("ca.crt"), cert: pki("admin.crt"), key: pki("admin.key") };

/** GET /version through `agent`: the time it took and the body. */
function version(proxy: LatencyProxy, agent: Agent): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(`${proxy.url}/version`, { agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        if (res.statusCode !== 200) reject(new Error(`GET /version: HTTP ${res.statusCode ?? "?"}: ${body}`));
        else resolve({ ms: performance.now() - started, body });
      });
    }).on("error", reject);
  });
}

describe("the latency proxy", () => {
  let proxy: LatencyProxy;
  before(async () => {
    proxy = await startLatencyProxy({ rttMs: 0 });
  });
  after(() => proxy.close());

  it("adds one round trip to each request on a kept-alive connection", async () => {
    const agent = new Agent({ ...credentials, keepAlive: true, maxSockets: 1 });
    try {
      proxy.rttMs = 0;
      await version(proxy, agent); // opens the connection
      const before = proxy.stats();
      const direct = await version(proxy, agent);
      proxy.rttMs = 60;
      const delayed = [await version(proxy, agent), await version(proxy, agent)];
      const seen = statsSince(before, proxy.stats());
      for (const answer of delayed) {
        assert.ok(answer.ms >= 60, `GET /version took ${answer.ms.toFixed(1)} ms at a 60 ms round trip`);
      }
      assert.deepEqual(
        delayed.map((answer) => answer.body),
        [direct.body, direct.body],
      );
      assert.equal(seen.connections, 0, "the three requests reused the open connection");
      // Encrypted, every answer is at least as long as its body.
      assert.ok(seen.bytesToClient >= 3 * direct.body.length, `${seen.bytesToClient} bytes reached the client`);
      assert.ok(seen.bytesToServer > 0);
    } finally {
      agent.destroy();
    }
  });

  it("makes a new connection wait for TCP's handshake, TLS's, and the request: three round trips", async () => {
    const agent = new Agent({ ...credentials, keepAlive: false });
    try {
      proxy.rttMs = 60;
      const before = proxy.stats();
      const answer = await version(proxy, agent);
      const took = `a GET /version on a new connection took ${answer.ms.toFixed(1)} ms at a 60 ms round trip`;
      assert.ok(answer.ms >= 180, took);
      assert.equal(statsSince(before, proxy.stats()).connections, 1);
    } finally {
      agent.destroy();
    }
  });

  it("passes the API server's own TLS session through: its certificate verifies, ALPN says h2", async () => {
    proxy.rttMs = 0;
    const { port } = new URL(proxy.url);
    const alpn = ["h2", "http/1.1"];
    const socket = connect({ host: "127.0.0.1", port: Number(port), ca: credentials.ca, ALPNProtocols: alpn });
    try {
      await new Promise<void>((resolve, reject) => socket.once("secureConnect", resolve).once("error", reject));
      assert.equal(socket.authorized, true, String(socket.authorizationError));
      assert.equal(socket.alpnProtocol, "h2");
      const served = new X509Certificate(pki("apiserver.crt"));
      assert.equal(socket.getPeerX509Certificate()?.fingerprint256, served.fingerprint256);
    } finally {
      socket.destroy();
    }
  });

  it("serves the test cluster's kubectl with the kubeconfig it writes", async () => {
    proxy.rttMs = 30;
    const before = proxy.stats();
    const cache = mkdtempSync(join(tmpdir(), "kubeship-kubectl-cache-"));
    const through = ["--kubeconfig", proxy.kubeconfigPath, "--cache-dir", cache];
    const raw = JSON.parse(await kubectl([...through, "get", "--raw", "/version"])) as { gitVersion?: string };
    assert.match(raw.gitVersion ?? "", /^v1\./);
    const listed = await kubectl([...through, "get", "namespace", "default", "-o", "name"]);
    assert.equal(listed.trim(), "namespace/default");
    const seen = statsSince(before, proxy.stats());
    assert.ok(seen.connections >= 2, `kubectl opened ${seen.connections} connections through the proxy`);
    assert.ok(seen.bytesToClient > 0 && seen.bytesToServer > 0);
  });
});

describe("the latency proxy's delay line, in front of a plain TCP echo server", () => {
  let proxy: LatencyProxy;
  let echo: ReturnType<typeof createServer>;
  before(async () => {
    echo = createServer({ allowHalfOpen: true }, (socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    const address = echo.address();
    if (address === null || typeof address === "string") throw new Error("the echo server has no port");
    proxy = await startLatencyProxy({ rttMs: 0, target: `tcp://127.0.0.1:${address.port}` });
  });
  after(async () => {
    await proxy.close();
    await new Promise((resolve) => echo.close(resolve));
  });

  function open(): { socket: Socket; received: () => string; ended: Promise<void> } {
    const socket = connectTcp(Number(new URL(proxy.url).port), "127.0.0.1");
    socket.setEncoding("utf8");
    let text = "";
    socket.on("data", (chunk: string) => (text += chunk));
    const ended = new Promise<void>((resolve) => socket.once("end", resolve));
    return { socket, received: () => text, ended };
  }

  it("keeps every segment in order, also when the round trip shrinks mid-stream, and counts the bytes", async () => {
    proxy.rttMs = 40;
    const before = proxy.stats();
    const { socket, received, ended } = open();
    let sent = "";
    for (let i = 0; i < 60; i++) {
      // a shorter round trip for later segments must not let them overtake earlier ones
      if (i === 30) proxy.rttMs = 0;
      const chunk = `segment ${i};`;
      sent += chunk;
      socket.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, i % 7));
    }
    socket.end();
    await ended;
    assert.equal(received(), sent);
    const seen = statsSince(before, proxy.stats());
    assert.equal(seen.connections, 1);
    assert.equal(seen.bytesToServer, Buffer.byteLength(sent));
    assert.equal(seen.bytesToClient, Buffer.byteLength(sent));
  });

  it("passes the end of each stream on after the data before it", async () => {
    proxy.rttMs = 20;
    const { socket, received, ended } = open();
    socket.end("last words");
    await ended;
    assert.equal(received(), "last words");
  });
});
