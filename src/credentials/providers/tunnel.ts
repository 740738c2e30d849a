// A connection to host:port through a proxy, for the token services' calls: an HTTP CONNECT tunnel
// (an http:// or https:// proxy) or a SOCKS5 CONNECT (RFC 1928; RFC 1929's username and password when
// the proxy URL carries them, as Go's SOCKS5 dialer sends them). The caller runs TLS inside. node:https
// has no SOCKS5, and its own proxy support (`proxyEnv`) reads NO_PROXY by other rules than kubectl's.
import { connect as connectTcp, isIP, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";

const setupTimeout = 10_000;
const defaultPorts: Record<string, number> = { "http:": 80, "https:": 443, "socks5:": 1080 };
const socksFailures = [
  "succeeded",
  "general failure",
  "connection not allowed by its rules",
  "network unreachable",
  "host unreachable",
  "connection refused",
  "TTL expired",
  "command not supported",
  "address type not supported",
];

/** Reads until `complete` says how many bytes make the answer (undefined: not yet). */
function readAnswer(socket: Socket, complete: (data: Buffer) => number | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const done = (error: Error | undefined, answer?: Buffer) => {
      socket.off("readable", read);
      socket.off("end", ended);
      socket.off("error", done);
      if (error === undefined && answer !== undefined) resolve(answer);
      else reject(error ?? new Error("the proxy's answer was cut short"));
    };
    const ended = () => done(new Error("the proxy closed the connection"));
    function read(): void {
      let chunk: Buffer | null;
      while ((chunk = socket.read() as Buffer | null) !== null) {
        data = Buffer.concat([data, chunk]);
        let length: number | undefined;
        try {
          length = complete(data);
        } catch (error) {
          return done(error as Error);
        }
        if (length === undefined) continue;
        // nothing may follow the answer before the client's first TLS record
        if (data.length > length) return done(new Error("the proxy sent data after its answer"));
        return done(undefined, data);
      }
    }
    socket.on("readable", read);
    socket.once("end", ended);
    socket.once("error", done);
  });
}

/** host:port as CONNECT's request target names it (IPv6 in brackets). */
function authority(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

async function httpConnect(socket: Socket, proxy: URL, host: string, port: number): Promise<void> {
  const target = authority(host, port);
  const credentials =
    proxy.username === ""
      ? ""
      : `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}\r\n`;
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${credentials}\r\n`);
  const answer = await readAnswer(socket, (data) => {
    const end = data.indexOf("\r\n\r\n");
    if (end === -1 && data.length > 16_384) throw new Error("the proxy's answer to CONNECT has no end");
    return end === -1 ? undefined : end + 4;
  });
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer.toString("latin1"))?.[1];
  if (status === undefined) throw new Error("the proxy's answer to CONNECT is not HTTP");
  if (status !== "200") throw new Error(`the proxy answered HTTP ${status} to CONNECT`);
}

async function socksConnect(socket: Socket, proxy: URL, host: string, port: number): Promise<void> {
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  socket.write(Buffer.from(user === "" ? [5, 1, 0] : [5, 2, 0, 2]));
  const [, method] = await readAnswer(socket, (data) => (data.length >= 2 ? 2 : undefined));
  if (method === 2 && user !== "") {
    const u = Buffer.from(user);
    const p = Buffer.from(password);
    socket.write(Buffer.concat([Buffer.from([1, u.length]), u, Buffer.from([p.length]), p]));
    const [, status] = await readAnswer(socket, (data) => (data.length >= 2 ? 2 : undefined));
    if (status !== 0) throw new Error("the SOCKS5 proxy refused the username and password");
  } else if (method !== 0) throw new Error("the SOCKS5 proxy accepts none of the offered authentication methods");
  const family = isIP(host);
  const address =
    family === 4
      ? Buffer.from([1, ...host.split(".").map(Number)])
      : family === 6
        ? Buffer.concat([Buffer.from([4]), ipv6Bytes(host)])
        : Buffer.concat([Buffer.from([3, Buffer.byteLength(host)]), Buffer.from(host)]);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0]), address, Buffer.from([port >> 8, port & 0xff])]));
  const answer = await readAnswer(socket, (data) => {
    if (data.length < 5) return undefined;
    const length = data[3] === 1 ? 10 : data[3] === 4 ? 22 : data[3] === 3 ? 7 + (data[4] ?? 0) : 0;
    if (length === 0) throw new Error("the SOCKS5 proxy's answer is malformed");
    return data.length >= length ? length : undefined;
  });
  const reply = answer[1] ?? 1;
  if (reply !== 0) throw new Error(`the SOCKS5 proxy refused: ${socksFailures[reply] ?? `reply ${reply}`}`);
}

function ipv6Bytes(host: string): Buffer {
  const [head = "", tail = ""] = host.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const fill = 8 - groups(head).length - groups(tail).length;
  const all = host.includes("::") ? [...groups(head), ...Array<string>(fill).fill("0"), ...groups(tail)] : groups(host);
  return Buffer.from(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
}

/** A socket to host:port through `proxy` (http:, https: or socks5: URL), ready for the caller's TLS. */
export async function openTunnel(proxy: string, host: string, port: number): Promise<Socket> {
  const url = new URL(proxy);
  const proxyHost = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const proxyPort = url.port === "" ? (defaultPorts[url.protocol] ?? 80) : Number(url.port);
  const socket: Socket =
    url.protocol === "https:"
      ? connectTls({ host: proxyHost, port: proxyPort, ...(isIP(proxyHost) === 0 ? { servername: proxyHost } : {}) })
      : connectTcp({ host: proxyHost, port: proxyPort });
  socket.setTimeout(setupTimeout, () => socket.destroy(new Error("the proxy did not answer within 10 s")));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => resolve());
      socket.once("error", reject);
    });
    if (url.protocol === "socks5:") await socksConnect(socket, url, host, port);
    else await httpConnect(socket, url, host, port);
  } catch (error) {
    socket.destroy();
    throw error;
  }
  socket.setTimeout(0);
  return socket;
}
