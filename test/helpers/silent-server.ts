// A server on loopback that accepts connections — completing the TLS handshake, with the identity
// services' certificate, which the cluster's CA signed — and then never answers. It stands in for an
// API server, a token service or GitHub's API that hangs: the real ones cannot be made to.
import { readFileSync } from "node:fs";
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { paths } from "../cluster/layout.ts";

export interface SilentServer {
  /** https://127.0.0.1:PORT (or http:// without TLS) */
  url: string;
  /** connections accepted so far */
  readonly accepted: number;
  close(): Promise<void>;
}

export async function startSilentServer(options: { tls: boolean } = { tls: true }): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  // reads whatever the client sends, so that it never blocks on a full buffer, and answers nothing
  const hold = (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.on("data", () => undefined);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  };
  const server: Server = options.tls
    ? createTlsServer(
        {
          cert: readFileSync(join(paths.pki, "identity.crt")),
          key: readFileSync(join(paths.pki, "identity.key")),
          ALPNProtocols: ["h2", "http/1.1"],
        },
        hold,
      )
    : createTcpServer(hold);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
