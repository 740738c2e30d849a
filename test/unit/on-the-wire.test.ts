// onTheWire: the pipeline loads its later stages once the first request is written, so it must
// resolve while an answer is still on its way, and never wait for a request that reaches no server.
// A stand-in server on loopback holds the answer, which the API server cannot be asked to do.
import assert from "node:assert/strict";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { Agent, onTheWire, request } from "../../src/kube/undici.ts";

describe("onTheWire", () => {
  it("resolves once the request is written, while its answer is still held", { timeout: 10_000 }, async () => {
    let held: ServerResponse | undefined;
    const received = Promise.withResolvers<void>();
    const server = createServer((_req, res) => {
      held = res;
      received.resolve();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const dispatcher = new Agent();
    try {
      const answer = request(`http://127.0.0.1:${port}/apis`, { method: "GET", dispatcher });
      let answered = false;
      answer.then(
        () => (answered = true),
        () => (answered = true),
      );
      await onTheWire(answer);
      await received.promise; // the server has it
      assert.equal(answered, false, "onTheWire waited for the answer");
      held?.end("{}");
      const { body } = await answer;
      assert.equal(await body.text(), "{}");
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
