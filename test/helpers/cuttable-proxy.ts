// A TCP proxy in front of the API server whose connections a test can cut at will. The real
// kube-apiserver cannot tear a client's connection on demand, so this local proxy stands in for a
// network that drops connections; everything behind it is the real server.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface CuttableProxy {
  /** https://127.0.0.1:PORT, to put in a kubeconfig in place of the real server */
  url: string;
  /** destroys every open connection (both sides); returns how many were cut */
  cut(): number;
  /** while true, new connections are closed at once, as by a network that is down */
  refuse: boolean;
  /** connections accepted so far */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<CuttableProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let accepted = 0;
  const state = { refuse: false };
  const server: Server = createServer((client) => {
    if (state.refuse) {
      client.destroy();
      return;
    }
    accepted++;
    const upstream = connect(Number(port), hostname);
    const pair = [client, upstream];
    for (const socket of pair) {
      open.add(socket);
      socket.on("error", () => pair.forEach((s) => s.destroy()));
      socket.on("close", () => {
        open.delete(socket);
        pair.forEach((s) => s.destroy());
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the proxy has no port");
  return {
    url: `https://127.0.0.1:${address.port}`,
    cut: () => {
      const clients = [...open].length / 2;
      for (const socket of open) socket.destroy();
      return clients;
    },
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
