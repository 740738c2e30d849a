// A small SOCKS5 proxy (no authentication, CONNECT only), for the same reason as proxy.ts: the test
// cluster has no proxy in front of it. It counts tunnels and resolves names from its own table.
import { type AddressInfo, connect, createServer, type Socket } from "node:net";

export interface TestSocksProxy {
  url: string;
  tunnels: string[];
  close(): Promise<void>;
}

export async function startSocksProxy(hosts: Record<string, string> = {}): Promise<TestSocksProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.once("data", (greeting) => {
      if (greeting[0] !== 5) return client.destroy();
      client.write(Buffer.from([5, 0])); // version 5, no authentication
      client.once("data", (request) => {
        // VER CMD RSV ATYP ADDR PORT; CONNECT only
        const type = request[3];
        let host: string;
        let offset: number;
        if (type === 1) {
          host = [...request.subarray(4, 8)].join(".");
          offset = 8;
        } else if (type === 3) {
          const length = request[4] ?? 0;
          host = request.subarray(5, 5 + length).toString("utf8");
          offset = 5 + length;
        } else return client.destroy();
        const port = request.readUInt16BE(offset);
        tunnels.push(`${host}:${port}`);
        const upstream = connect(port, hosts[host] ?? host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          upstream.pipe(client);
          client.pipe(upstream);
        });
        sockets.add(upstream);
        upstream.on("close", () => sockets.delete(upstream));
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `socks5://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
