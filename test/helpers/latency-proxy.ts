// A TCP proxy on 127.0.0.1 in front of the test cluster's kube-apiserver that puts a network round
// trip between a client and the server, as a hosted runner 20–100 ms away from a cloud API server
// meets it. It never terminates TLS: the client's TLS session (certificates, ALPN, HTTP/2) is with
// the real API server, and the API server certificate names 127.0.0.1, so a kubeconfig whose server
// is this proxy verifies as it is.
//
// The delay model: every segment read from one side is written to the other half a round trip later,
// in order per connection and direction, and the end of a stream travels the same way. So a request and
// its response cost one round trip, a TLS handshake costs the round trips it really has, a new
// connection first waits one round trip for TCP's own handshake (the client's first segment cannot
// leave before the SYN-ACK is back), and requests multiplexed on one HTTP/2 connection still overlap.
// Bandwidth is not limited: on a 30 ms path with a few MB per run, the round trips dominate.
//
// It counts what it sees without decrypting: connections opened and bytes each way.
//
//   node test/helpers/latency-proxy.ts --rtt 30    (runs until interrupted; prints its kubeconfig's path)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { paths } from "../cluster/layout.ts";

export interface LatencyStats {
  /** connections accepted so far */
  connections: number;
  /** connections still open */
  open: number;
  /** bytes sent by clients towards the API server */
  bytesToServer: number;
  /** bytes sent by the API server towards clients */
  bytesToClient: number;
}

export interface LatencyProxy {
  /** https://127.0.0.1:PORT, to put in a kubeconfig in place of the real server */
  url: string;
  /** the round trip added to every exchange; may be changed while connections are open */
  rttMs: number;
  /** a kubeconfig like the admin one, whose server is this proxy */
  kubeconfig: string;
  /** the same kubeconfig in a file of its own (mode 0600), removed by close() */
  kubeconfigPath: string;
  /** a snapshot of the counters */
  stats(): LatencyStats;
  close(): Promise<void>;
}

export interface LatencyOptions {
  rttMs: number;
  /** the API server's URL; the admin kubeconfig's server when omitted */
  target?: string;
}

/** The difference between two snapshots (what one run sent through the proxy). */
export function statsSince(before: LatencyStats, after: LatencyStats): LatencyStats {
  return {
    connections: after.connections - before.connections,
    open: after.open,
    bytesToServer: after.bytesToServer - before.bytesToServer,
    bytesToClient: after.bytesToClient - before.bytesToClient,
  };
}

interface Segment {
  due: number;
  /** undefined: the end of the stream */
  chunk: Buffer | undefined;
}

/**
 * One direction of one connection: segments from `source` are written to `destination` once due.
 * Due times never decrease, so a segment never overtakes an earlier one.
 */
class DelayLine {
  private readonly source: Socket;
  private readonly destination: Socket;
  private readonly halfRtt: () => number;
  private readonly notBefore: number;
  private readonly queue: Segment[] = [];
  private lastDue = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(source: Socket, destination: Socket, halfRtt: () => number, notBefore: number) {
    this.source = source;
    this.destination = destination;
    this.halfRtt = halfRtt;
    this.notBefore = notBefore;
    destination.on("drain", () => source.resume());
  }

  push(chunk: Buffer | undefined): void {
    const now = performance.now();
    const due = Math.max(now, this.notBefore) + this.halfRtt();
    this.lastDue = Math.max(due, this.lastDue);
    this.queue.push({ due: this.lastDue, chunk });
    this.flush();
  }

  /** Stops delivering: the destination is gone. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private flush(): void {
    const now = performance.now();
    let delivered = 0;
    for (const segment of this.queue) {
      if (segment.due > now) break;
      delivered++;
      if (this.destination.destroyed) continue;
      if (segment.chunk === undefined) this.destination.end();
      // Backpressure: stop reading the source while the destination's buffer is full.
      else if (!this.destination.write(segment.chunk)) this.source.pause();
    }
    this.queue.splice(0, delivered);
    const next = this.queue[0];
    if (next === undefined || this.timer !== undefined) return;
    // Timers may fire up to a millisecond early; flush() checks the clock again and re-arms.
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.flush();
      },
      Math.max(1, Math.ceil(next.due - now)),
    );
  }
}

function adminServer(): string {
  const admin = parse(readFileSync(paths.kubeconfig, "utf8")) as { clusters: { cluster: { server: string } }[] };
  const server = admin.clusters[0]?.cluster.server;
  if (server === undefined) throw new Error(`${paths.kubeconfig} names no server`);
  return server;
}

export async function startLatencyProxy(options: LatencyOptions): Promise<LatencyProxy> {
  const upstream = new URL(options.target ?? adminServer());
  const state = { rttMs: options.rttMs };
  const counts: LatencyStats = { connections: 0, open: 0, bytesToServer: 0, bytesToClient: 0 };
  const sockets = new Set<Socket>();
  const halfRtt = () => state.rttMs / 2;

  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    counts.connections++;
    counts.open++;
    const accepted = performance.now();
    const port = Number(upstream.port || 443);
    const target = connect({ host: upstream.hostname, port, allowHalfOpen: true, noDelay: true });
    // The client's first segment leaves once TCP's handshake would have come back: one round trip.
    const toServer = new DelayLine(client, target, halfRtt, accepted + state.rttMs);
    const toClient = new DelayLine(target, client, halfRtt, 0);
    const pairs: [Socket, DelayLine, DelayLine, "bytesToServer" | "bytesToClient"][] = [
      [client, toServer, toClient, "bytesToServer"],
      [target, toClient, toServer, "bytesToClient"],
    ];
    for (const [socket, outgoing, incoming, counter] of pairs) {
      sockets.add(socket);
      socket.on("data", (chunk: Buffer) => {
        counts[counter] += chunk.length;
        outgoing.push(chunk);
      });
      let ended = false;
      socket.on("end", () => {
        ended = true;
        outgoing.push(undefined);
      });
      // A reset on either side resets the other at once, as a broken path would.
      socket.on("error", () => {
        client.destroy();
        target.destroy();
      });
      socket.on("close", () => {
        sockets.delete(socket);
        incoming.stop();
        // Closed without an end of its stream: the other side learns it half a round trip later.
        if (!ended) outgoing.push(undefined);
      });
    }
    client.on("close", () => counts.open--);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the latency proxy has no port");
  const url = `https://127.0.0.1:${address.port}`;

  const kubeconfig = parse(readFileSync(paths.kubeconfig, "utf8")) as { clusters: { cluster: { server: string } }[] };
  for (const c of kubeconfig.clusters) c.cluster.server = url;
  const dir = mkdtempSync(join(tmpdir(), "kubeship-latency-"));
  const kubeconfigPath = join(dir, "kubeconfig.yaml");
  const text = stringify(kubeconfig);
  writeFileSync(kubeconfigPath, text, { mode: 0o600 });

  return {
    url,
    get rttMs() {
      return state.rttMs;
    },
    set rttMs(value: number) {
      state.rttMs = value;
    },
    kubeconfig: text,
    kubeconfigPath,
    stats: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        rmSync(dir, { recursive: true, force: true });
        server.close(() => resolve());
      }),
  };
}

if (import.meta.main) {
  const at = process.argv.indexOf("--rtt");
  const rttMs = Number(at < 0 ? 30 : process.argv[at + 1]);
  if (!Number.isFinite(rttMs) || rttMs < 0) throw new Error("usage: node test/helpers/latency-proxy.ts --rtt <ms>");
  const proxy = await startLatencyProxy({ rttMs });
  console.log(`latency proxy at ${proxy.url} (round trip ${rttMs} ms)\nKUBECONFIG=${proxy.kubeconfigPath}`);
  process.once("SIGINT", () => {
    console.log(proxy.stats());
    void proxy.close().then(() => process.exit(0));
  });
}
