// onTheWire: the pipeline loads its later stages once the first request is written, so it must
// resolve while an answer is still on its way, and never wait for a request that reaches no server.
// A stand-in server on loopback holds the answer, which the API server cannot be asked to do.
import assert from "node:assert/strict";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { Agent, onTheWire, request } from "../../src/kube/undici.ts";

describe("onTheWire", () => {
  it(
    "resolves once every request made is written, while their answers are still held",
    { timeout: 10_000 },
    async () => {
      const held: ServerResponse[] = [];
      const server = createServer((_req, res) => void held.push(res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      // one connection: the second request is written only after the first is answered (HTTP/1.1)
      const dispatcher = new Agent({ connections: 1 });
      try {
        const answers = ["/api", "/apis", "/version"].map((path) =>
          request(`http://127.0.0.1:${port}${path}`, { method: "GET", dispatcher }).then(({ body }) => body.text()),
        );
        let answered = 0;
        for (const answer of answers)
          answer.then(
            () => answered++,
            () => answered++,
          );
        const wire = onTheWire(answers[0] ?? Promise.resolve());
        let resolved = false;
        void wire.then(() => (resolved = true));
        // the first request reaches the server; the others wait on the one connection
        while (held.length === 0) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(resolved, false, "onTheWire resolved with requests still unwritten");
        for (let i = 0; i < 3; i++) {
          while (held.length <= i) await new Promise((r) => setTimeout(r, 5));
          held[i]?.end("{}");
        }
        await wire;
        await Promise.all(answers);
        assert.equal(answered, 3);
      } finally {
        server.close();
        await dispatcher.close();
      }
    },
  );

  it("resolves while the answers are still held once all requests are written", { timeout: 10_000 }, async () => {
    const held: ServerResponse[] = [];
    const server = createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const dispatcher = new Agent();
    try {
      const answers = ["/api", "/apis"].map((path) =>
        request(`http://127.0.0.1:${port}${path}`, { method: "GET", dispatcher }).then(({ body }) => body.text()),
      );
      let answered = false;
      for (const answer of answers)
        answer.then(
          () => (answered = true),
          () => (answered = true),
        );
      await onTheWire(answers[0] ?? Promise.resolve());
      assert.equal(answered, false, "onTheWire waited for an answer");
      while (held.length < 2) await new Promise((r) => setTimeout(r, 5));
      for (const res of held) res.end("{}");
      await Promise.all(answers);
    } finally {
      server.close();
      await dispatcher.close();
    }
  });

  it("resolves when the request fails before reaching a connection", { timeout: 10_000 }, async () => {
    // a port that was free a moment ago: the connection is refused
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const dispatcher = new Agent();
    try {
      const answer = request(`http://127.0.0.1:${port}/apis`, { method: "GET", dispatcher });
      answer.catch(() => undefined);
      await onTheWire(answer);
      await assert.rejects(answer, /ECONNREFUSED/);
    } finally {
      await dispatcher.close();
    }
  });
});
