// The HTTP client for one API server: TLS and authentication from a Connection, retries where the
// server asks for them, and Status answers turned into KubeApiError. Everything else talks through it.
import { Agent, request, type Dispatcher } from "undici";
import type { Connection } from "./connection.ts";
import { ConnectionError, KubeApiError } from "./errors.ts";
import { isStatus } from "./types.ts";

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: string;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
}

export interface KubeResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

export interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: T;
}

const maxAttempts = 5;
/** kube-apiserver's default --http2-max-streams-per-connection */
export const watchStreamsPerConnection = 100;

export class KubeClient {
  readonly server: string;
  private readonly connection: Connection;
  private readonly agent: Agent;

  constructor(connection: Connection) {
    this.connection = connection;
    this.server = connection.server.replace(/\/+$/, "");
    const { tls } = connection;
    this.agent = new Agent({
      connect: {
        ...(tls.ca === undefined ? {} : { ca: tls.ca }),
        ...(tls.cert === undefined ? {} : { cert: tls.cert }),
        ...(tls.key === undefined ? {} : { key: tls.key }),
        ...(tls.serverName === undefined ? {} : { servername: tls.serverName }),
        rejectUnauthorized: !tls.insecureSkipVerify,
      },
      connections: 32,
      // Watches are long-lived HTTP/2 streams. kube-apiserver allows 100 per connection by default, and
      // undici opens another connection (up to `connections`) once one is full, so many watches never
      // queue behind each other. Pings find dead connections that would otherwise hold a watch forever.
      allowH2: true,
      h2Options: { maxConcurrentStreams: watchStreamsPerConnection, pingInterval: 30_000 },
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  url(path: string, query?: Record<string, string | undefined>): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, value);
    const search = params.toString();
    return `${this.server}${path}${search === "" ? "" : `?${search}`}`;
  }

  private async headers(options: RequestOptions): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      accept: options.accept ?? "application/json",
      "user-agent": "kubeship",
    };
    if (options.contentType !== undefined) headers["content-type"] = options.contentType;
    const authorization = await this.connection.auth.authorization();
    if (authorization !== undefined) headers.authorization = authorization;
    return headers;
  }

  /** One request; non-2xx answers throw KubeApiError. 429s and 5xx with Retry-After, and refused connections, are retried. */
  async request<T>(method: Dispatcher.HttpMethod, path: string, options: RequestOptions = {}): Promise<KubeResponse<T>> {
    for (let attempt = 1; ; attempt++) {
      let response: Dispatcher.ResponseData;
      try {
        response = await request(this.url(path, options.query), {
          dispatcher: this.agent,
          method,
          headers: await this.headers(options),
          body: options.body ?? null,
          signal: options.signal ?? null,
        });
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        if (attempt < maxAttempts && isTransient(error)) {
          await delay(backoff(attempt), options.signal);
          continue;
        }
        throw new ConnectionError(this.server, error);
      }
      const text = await response.body.text();
      const status = response.statusCode;
      if (status < 400) {
        const body = (text === "" ? {} : JSON.parse(text)) as T;
        return { status, headers: response.headers, body };
      }
      const retryAfter = Number(response.headers["retry-after"]);
      if (attempt < maxAttempts && (status === 429 || status >= 500) && Number.isFinite(retryAfter)) {
        await delay(Math.min(retryAfter, 10) * 1000, options.signal);
        continue;
      }
      throw new KubeApiError(status, method, path, parseStatus(text), text);
    }
  }

  /** GET that answers undefined for 404 instead of throwing. */
  async getOptional<T>(path: string, options: RequestOptions = {}): Promise<T | undefined> {
    try {
      return (await this.request<T>("GET", path, options)).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  /** A watch stream: events as the server sends them, ending when the server closes the stream. */
  async *watch<T>(path: string, query: Record<string, string | undefined>, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.url(path, { ...query, watch: "1" }), {
        dispatcher: this.agent,
        method: "GET",
        headers: await this.headers({}),
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      throw new ConnectionError(this.server, error);
    }
    if (response.statusCode >= 400) {
      const text = await response.body.text();
      throw new KubeApiError(response.statusCode, "GET", path, parseStatus(text), text);
    }
    let buffered = "";
    for await (const chunk of response.body) {
      buffered += (chunk as Buffer).toString("utf8");
      let newline: number;
      while ((newline = buffered.indexOf("\n")) !== -1) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line !== "") yield JSON.parse(line) as WatchEvent<T>;
      }
    }
    if (buffered.trim() !== "") yield JSON.parse(buffered) as WatchEvent<T>;
  }
}

function parseStatus(text: string) {
  try {
    const parsed: unknown = JSON.parse(text);
    return isStatus(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ECONNREFUSED" || code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE";
}

function backoff(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 8000);
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason as Error);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      },
      { once: true },
    );
  });
}
