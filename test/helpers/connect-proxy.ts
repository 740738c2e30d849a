// A small HTTP CONNECT proxy. A fake, because the test cluster has no proxy in front of it: it
// tunnels each CONNECT to the target, counts the tunnels, and resolves host names from its own
// table, so a server name that does not resolve on this machine is reachable only through it.
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";

export interface TestProxy {
  url: string;
  /** host:port of every CONNECT, in order */
  tunnels: string[];
  close(): Promise<void>;
}

export async function startProxy(hosts: Record<string, string> = {}): Promise<TestProxy> {
  const tunnels: string[] = [];
  const server: Server = createServer((_request, response) => response.writeHead(405).end());
  server.on("connect", (request, client, head) => {
    const target = request.url ?? "";
    tunnels.push(target);
    const [host = "", port = "443"] = target.split(/:(?=\d+$)/);
    const upstream = connect(Number(port), hosts[host] ?? host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\n\r\n"));
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
