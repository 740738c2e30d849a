// Answers the API server would never send, from a stand-in on loopback (the real server cannot be
// made to send them): a login page with 200, an endless body, an endless watch line. Each ends in a
// clear error instead of a crash or a process that grows until it is killed.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { KubeClient } from "../../src/kube/client.ts";
import type { Connection } from "../../src/kube/connection.ts";
import { Interrupted } from "../../src/deadline.ts";
import { ServerAnswerError } from "../../src/kube/errors.ts";
import { startSilentServer } from "../helpers/silent-server.ts";

/** Writes `prefix`, then up to `total` bytes without a line break, in 1 MiB chunks, stopping when the client goes. */
function endless(res: ServerResponse, prefix: string, total: number): void {
  const chunk = Buffer.alloc(1024 * 1024, "a");
  let sent = 0;
  res.write(prefix);
  const more = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", more);
    }
    res.end();
  };
  more();
}

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  "/login": (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<html><body>Sign in to continue</body></html>");
  },
  "/huge": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    endless(res, '{"items":["', 64 * 1024 * 1024);
  },
  "/api/v1/namespaces/default/pods": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    endless(res, '{"type":"ADDED","object":{"metadata":{"name":"', 64 * 1024 * 1024);
  },
};

let server: Server;
let client: KubeClient;
let connection: Connection;

before(async () => {
  server = createServer((req, res) => {
    const route = routes[new URL(req.url ?? "/", "http://x").pathname];
    if (route === undefined) res.writeHead(404).end();
    else route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  connection = {
    server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tls: { insecureSkipVerify: false },
    auth: {
      current: () => Promise.resolve({}),
      renew: () => Promise.resolve(false),
      kubeconfigUser: () => Promise.resolve({}),
      description: "none",
    },
    source: "a test",
    secrets: [],
  };
  // Limits of 1 MiB, so that the test sends a few MiB instead of the hundreds the defaults allow.
  client = new KubeClient(connection, { limits: { bodyBytes: 1024 * 1024, watchLineBytes: 1024 * 1024 } });
});

after(async () => {
  await client.close();
  server.closeAllConnections();
  server.close();
});

describe("answers the client cannot use", () => {
  it("a 2xx answer that is not JSON names the request and asks whether this is the API server", async () => {
    await assert.rejects(client.request("GET", "/login"), (error: unknown) => {
      assert.ok(error instanceof ServerAnswerError);
      assert.match(
        error.message,
        /GET http:\/\/127\.0\.0\.1:\d+\/login: the answer is not JSON \(text\/html\): is this the Kubernetes API server/,
      );
      return true;
    });
  });

  it("a body larger than the limit is refused once the limit is passed, not read to its end", async () => {
    await assert.rejects(client.request("GET", "/huge"), /the answer is larger than 1 MiB/);
  });

  it("a watch line longer than the limit ends the watch with a clear error", async () => {
    const events = client.watch("/api/v1/namespaces/default/pods", {});
    await assert.rejects(
      (async () => {
        for await (const _event of events);
      })(),
      /a watch event is longer than 1 MiB/,
    );
  });
});

// A server that accepts and never answers (the real API server cannot be made to hang).
describe("a server that never answers", () => {
  const silentClient = async (limits: { headersMs?: number } = {}) => {
    const silent = await startSilentServer({ tls: false });
    const quiet = new KubeClient({ ...connection, server: silent.url }, { limits });
    return {
      quiet,
      close: async () => {
        await quiet.close();
        await silent.close();
      },
    };
  };

  it("a request ends when the run's signal aborts, naming the request and the server", async () => {
    const { quiet, close } = await silentClient();
    const started = Date.now();
    await assert.rejects(quiet.request("GET", "/version", { signal: AbortSignal.timeout(300) }), (error: unknown) => {
      assert.ok(error instanceof Interrupted, String(error));
      assert.match(
        error.waitingFor,
        /^waiting for the API server to answer GET \/version at http:\/\/127\.0\.0\.1:\d+$/,
      );
      return true;
    });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started}ms`);
    await close();
  });

  it("without a signal, a request other than a watch waits for headers only as long as the limit", async () => {
    const { quiet, close } = await silentClient({ headersMs: 300 });
    await assert.rejects(
      quiet.request("GET", "/version"),
      /cannot reach http:\/\/127\.0\.0\.1:\d+: it accepted the connection but did not answer \(UND_ERR_HEADERS_TIMEOUT\)/,
    );
    await close();
  });
});
