// Sends one token-service request over node:http(s), through the environment's proxy as kubectl
// chooses it (kube/proxy.ts). node:https rather than undici: the credential plugin, which every later
// kubectl call starts, then bundles small and starts fast. Connections are kept alive per proxy.
import type { ClientRequestArgs, Agent as HttpAgent, IncomingMessage } from "node:http";
import { isIP } from "node:net";
import type { Duplex } from "node:stream";
import { connect as connectTls } from "node:tls";
import { type ProxyEnvironment, proxyFromEnvironment } from "../../kube/proxy.ts";
import type { ServiceAnswer, ServiceRequest } from "./https.ts";
import { openTunnel } from "./tunnel.ts";

const headersTimeout = 30_000;

// Loaded at the first call, not with the module: an `import` of node:http evaluates Node's own copy
// of undici (for http.WebSocket), and most runs of the action never call a token service.
const http = () => process.getBuiltinModule("node:http");
const https = () => process.getBuiltinModule("node:https");

type Callback = (error: Error | null, stream: Duplex) => void;

/** Hands each connection the tunnel through the proxy, with TLS inside when the service is https. */
function tunnelling(Base: typeof HttpAgent, proxy: string, tls: boolean): HttpAgent {
  return new (class extends Base {
    override createConnection(options: ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
      const host = (options.hostname ?? options.host ?? "").replace(/^\[(.*)\]$/, "$1");
      const port = Number(options.port ?? (tls ? 443 : 80));
      openTunnel(proxy, host, port).then(
        (socket) => {
          if (!tls) return callback?.(null, socket);
          const servername = isIP(host) === 0 ? { servername: host } : {};
          callback?.(null, connectTls({ socket, host, ...servername, ALPNProtocols: ["http/1.1"] }));
        },
        // the agent reads no stream when there is an error
        (error: Error) => (callback as ((error: Error) => void) | undefined)?.(error),
      );
      return undefined;
    }
  })({ keepAlive: true });
}

/** One agent per protocol and proxy (or none), shared by every call of the process. */
const agents = new Map<string, HttpAgent>();

function agentFor(url: URL, proxy: string | undefined): HttpAgent {
  const tls = url.protocol === "https:";
  const key = `${url.protocol} ${proxy ?? ""}`;
  let agent = agents.get(key);
  if (agent === undefined) {
    const Base = tls ? https().Agent : http().Agent;
    agent = proxy === undefined ? new Base({ keepAlive: true }) : tunnelling(Base, proxy, tls);
    agents.set(key, agent);
  }
  return agent;
}

export function closeTransport(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

export function send(
  call: ServiceRequest,
  proxyEnvironment: ProxyEnvironment,
  signal?: AbortSignal,
): Promise<ServiceAnswer> {
  const url = new URL(call.url);
  const agent = agentFor(url, proxyFromEnvironment(call.url, proxyEnvironment));
  const headers: Record<string, string> = { "user-agent": "kubeship", ...call.headers };
  if (call.body !== undefined) headers["content-length"] = String(Buffer.byteLength(call.body));
  const request = url.protocol === "https:" ? https().request : http().request;
  return new Promise((resolve, reject) => {
    const options = { method: call.method ?? "GET", headers, agent, ...(signal === undefined ? {} : { signal }) };
    const outgoing = request(url, options, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    // no answer (or no further bytes of one) for this long: the service is stuck
    outgoing.setTimeout(headersTimeout, () =>
      outgoing.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })),
    );
    outgoing.on("error", reject);
    outgoing.end(call.body);
  });
}
