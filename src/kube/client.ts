// The HTTP client for one API server: TLS and authentication from a Connection, retries where the
// server asks for them, and Status answers turned into KubeApiError. Everything else talks through it.
import type { Dispatcher } from "undici";
import { Agent, ProxyAgent, request } from "./undici.ts";
import type { HttpMethod, KubeApi, KubeResponse, ObjectList, RequestOptions, WatchEvent } from "./api.ts";
import { eitherSignal, Interrupted } from "../deadline.ts";
import type { Connection, Credential } from "./connection.ts";
import { ConnectionError, KubeApiError, ServerAnswerError } from "./errors.ts";
import { RequestTrace } from "./trace.ts";
import { isStatus } from "./types.ts";

export type { KubeResponse, RequestOptions, WatchEvent } from "./api.ts";

const maxAttempts = 6;

/** How much of an answer the client reads before it gives up on it. */
export interface AnswerLimits {
  /**
   * The largest answer. etcd stores objects of at most 1.5 MiB by default, and the largest LIST
   * kubeship sends (the pods of a namespace, a collection of CRDs) is a few MiB: more is a server or
   * a proxy gone wrong, and is refused before it fills the memory.
   */
  bodyBytes: number;
  /** The longest watch event: one object, so well below this. */
  watchLineBytes: number;
  /**
   * How long a request other than a watch waits for the answer's headers. kube-apiserver ends a
   * request it cannot finish after its --request-timeout (1 minute by default) with a 504, so silence
   * past that is a server or a proxy that will never answer; undici's own default is 5 minutes.
   * Watches keep undici's default: the server sends their headers at once and events come later.
   */
  headersMs: number;
}

const defaultLimits: AnswerLimits = {
  bodyBytes: 256 * 1024 * 1024,
  watchLineBytes: 16 * 1024 * 1024,
  headersMs: 90_000,
};

export interface ClientOptions {
  limits?: Partial<AnswerLimits>;
  /** ends every request of this client, whatever its own signal: the run's timeout and cancellation */
  signal?: AbortSignal;
}
const maxRetryAfterMs = 10_000;
/** kube-apiserver's default --http2-max-streams-per-connection */
export const watchStreamsPerConnection = 100;

/** What one attempt sends: headers, and the dispatcher whose TLS carries the client certificate. */
interface Prepared {
  headers: Record<string, string | string[]>;
  credential: Credential;
  dispatcher: Dispatcher;
}

export class KubeClient implements KubeApi {
  readonly server: string;
  /** requests sent, retries included: for the debug log and the benchmarks */
  requestCount = 0;
  /** when each request was sent and answered: how many round trips stood one after another */
  readonly trace = new RequestTrace();
  private readonly connection: Connection;
  /** one dispatcher per client certificate: TLS presents it per connection, not per request */
  private readonly dispatchers = new Map<string, Dispatcher>();

  private readonly limits: AnswerLimits;
  private readonly signal: AbortSignal | undefined;

  constructor(connection: Connection, options: ClientOptions = {}) {
    this.limits = { ...defaultLimits, ...options.limits };
    this.signal = options.signal;
    this.connection = connection;
    this.server = connection.server.replace(/\/+$/, "");
  }

  async close(): Promise<void> {
    await Promise.all([...this.dispatchers.values()].map((d) => d.close()));
    this.dispatchers.clear();
  }

  /** The dispatcher for a credential: the connection's own TLS, or the certificate a provider returned (exec plugins). */
  private dispatcher(credential: Credential): Dispatcher {
    const { tls, proxy } = this.connection;
    const cert =
      credential.clientCertificate ??
      (tls.cert !== undefined && tls.key !== undefined ? { cert: tls.cert, key: tls.key } : undefined);
    const key = cert === undefined ? "" : cert.cert;
    const existing = this.dispatchers.get(key);
    if (existing !== undefined) return existing;
    const connect = {
      ...(tls.ca === undefined ? {} : { ca: tls.ca }),
      ...(cert === undefined ? {} : { cert: cert.cert, key: cert.key }),
      ...(tls.serverName === undefined ? {} : { servername: tls.serverName }),
      rejectUnauthorized: !tls.insecureSkipVerify,
    };
    // HTTP/2 multiplexes the parallel applies over one connection per origin: measured faster than
    // a pool of HTTP/1.1 connections (bench/apply.ts). But undici joins a repeated header into one
    // comma-separated field over HTTP/2, which the API server reads as one group named "a, b": with
    // several impersonated groups, HTTP/1.1.
    const allowH2 = (this.connection.impersonate?.groups.length ?? 0) <= 1;
    // Watches are long-lived HTTP/2 streams. kube-apiserver allows 100 per connection by default, and
    // undici opens another connection (up to `connections`) once one is full, so many watches never
    // queue behind each other. Pings find dead connections that would otherwise hold a watch forever.
    const pool = {
      allowH2,
      connections: 32,
      h2Options: { maxConcurrentStreams: watchStreamsPerConnection, pingInterval: 30_000 },
    };
    // Through a proxy the TLS session with the API server runs inside the CONNECT tunnel (or SOCKS5).
    const dispatcher =
      proxy === undefined
        ? new Agent({ connect, ...pool })
        : new ProxyAgent({ uri: proxy, requestTls: connect, ...pool });
    this.dispatchers.set(key, dispatcher);
    return dispatcher;
  }

  url(path: string, query?: Record<string, string | undefined>): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, value);
    const search = params.toString();
    return `${this.server}${path}${search === "" ? "" : `?${search}`}`;
  }

  private async prepare(options: RequestOptions): Promise<Prepared> {
    const headers: Record<string, string | string[]> = {
      accept: options.accept ?? "application/json",
      "user-agent": "kubeship",
    };
    if (options.contentType !== undefined) headers["content-type"] = options.contentType;
    const credential = await this.connection.auth.current();
    if (credential.authorization !== undefined) headers.authorization = credential.authorization;
    const impersonate = this.connection.impersonate;
    if (impersonate !== undefined) {
      headers["impersonate-user"] = impersonate.user;
      if (impersonate.uid !== undefined) headers["impersonate-uid"] = impersonate.uid;
      // one header per group, as the API server reads them
      if (impersonate.groups.length > 0) headers["impersonate-group"] = [...impersonate.groups];
    }
    return { headers, credential, dispatcher: this.dispatcher(credential) };
  }

  /** After a 401: whether the authenticator renewed the credential, so the request is sent once more. */
  private async renewed(status: number, credential: Credential, alreadyRenewed: boolean): Promise<boolean> {
    return status === 401 && !alreadyRenewed && (await this.connection.auth.renew(credential));
  }

  private connectionError(error: unknown): ConnectionError {
    const { tls, proxy } = this.connection;
    return new ConnectionError(this.server, error, {
      ...(tls.caSource === undefined ? {} : { caSource: tls.caSource }),
      ...(tls.serverName === undefined ? {} : { serverName: tls.serverName }),
      ...(proxy === undefined ? {} : { proxy }),
    });
  }

  /**
   * One request; non-2xx answers throw KubeApiError. Throttling (429, honouring Retry-After),
   * unavailable servers (502-504, or any 5xx with Retry-After) and refused or torn connections are
   * retried with bounded backoff: every request kubeship sends is safe to repeat (server-side apply
   * is idempotent).
   */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<KubeResponse<T>> {
    const signal = eitherSignal(this.signal, options.signal);
    try {
      return await this.attempts<T>(method, path, options, signal);
    } catch (error) {
      if (signal?.aborted !== true || error instanceof Interrupted) throw error;
      throw new Interrupted(
        `waiting for the API server to answer ${method} ${path} at ${this.server}`,
        "check that the API server answers (kubectl get --raw /readyz) and that no proxy holds the request",
        signal.reason,
      );
    }
  }

  private async attempts<T>(
    method: HttpMethod,
    path: string,
    options: RequestOptions,
    signal: AbortSignal | undefined,
  ): Promise<KubeResponse<T>> {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      let response: Dispatcher.ResponseData;
      let text: string;
      this.requestCount++;
      const prepared = await this.prepare(options);
      const record = this.trace.sent(method, path, String(prepared.headers.accept));
      try {
        response = await request(this.url(path, options.query), {
          dispatcher: prepared.dispatcher,
          method,
          headers: prepared.headers,
          body: options.body ?? null,
          signal: signal ?? null,
          headersTimeout: this.limits.headersMs,
        });
        const tooLarge = () =>
          this.answerError(method, path, `the answer is larger than ${mib(this.limits.bodyBytes)}`);
        const body = await readLimited(response.body, this.limits.bodyBytes, tooLarge);
        text = body.toString("utf8");
        RequestTrace.answered(record, body.length);
      } catch (error) {
        RequestTrace.answered(record);
        if (signal?.aborted === true || error instanceof ServerAnswerError) throw error;
        if (attempt < maxAttempts && isTransient(error)) {
          await delay(backoff(attempt), signal);
          continue;
        }
        throw this.connectionError(error);
      }
      const status = response.statusCode;
      if (await this.renewed(status, prepared.credential, renewed)) {
        renewed = true;
        continue;
      }
      // The API server answers 2xx or an error; a redirect is not followed (it would take the
      // credentials elsewhere) and is an error like any other answer.
      if (status >= 200 && status < 300)
        return { status, headers: response.headers, body: this.parseJson<T>(text, method, path, response.headers) };
      // The Retry-After of API priority and fairness is whole seconds; its body is plain text.
      const retryAfter = Number(response.headers["retry-after"]);
      const hasRetryAfter = Number.isFinite(retryAfter) && retryAfter > 0;
      // A 500 without Retry-After is the server's verdict on this request (for example a field not in
      // the schema), not a passing state; gateways' 502-504 and throttling's 429 are worth retrying.
      if (
        attempt < maxAttempts &&
        (status === 429 || (status >= 502 && status <= 504) || (status >= 500 && hasRetryAfter))
      ) {
        await delay(hasRetryAfter ? Math.min(retryAfter * 1000, maxRetryAfterMs) : backoff(attempt), signal);
        continue;
      }
      throw new KubeApiError(status, method, path, parseStatus(text), text);
    }
  }

  private answerError(method: string, path: string, problem: string): ServerAnswerError {
    return new ServerAnswerError(this.server, method, path, problem);
  }

  private parseJson<T>(text: string, method: string, path: string, headers: KubeResponse<T>["headers"]): T {
    if (text === "") return {} as T;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      const type = String(headers["content-type"] ?? "no content type");
      throw this.answerError(
        method,
        path,
        `the answer is not JSON (${type}): is this the Kubernetes API server, or a login page or proxy in front of it?`,
      );
    }
    // Every answer of the API server is an object (an object, a list, a review, a Status).
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw this.answerError(method, path, "the answer is JSON but not an object, as no Kubernetes API answer is");
    return parsed as T;
  }

  /** GET that answers undefined for 404 instead of throwing. */
  async get<T>(path: string, options: RequestOptions = {}): Promise<T | undefined> {
    try {
      return (await this.request<T>("GET", path, options)).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  async list<T>(path: string, options: RequestOptions = {}): Promise<ObjectList<T>> {
    const { body } = await this.request<{ items?: T[] | null; metadata?: { resourceVersion?: string } }>(
      "GET",
      path,
      options,
    );
    return {
      items: body.items ?? [],
      ...(body.metadata?.resourceVersion === undefined ? {} : { resourceVersion: body.metadata.resourceVersion }),
    };
  }

  /** A watch stream: events as the server sends them, ending when the server closes the stream. */
  async *watch<T>(
    path: string,
    query: Record<string, string | undefined>,
    watchSignal?: AbortSignal,
  ): AsyncGenerator<WatchEvent<T>> {
    const signal = eitherSignal(this.signal, watchSignal);
    let response: Dispatcher.ResponseData;
    for (let renewed = false; ; renewed = true) {
      const prepared = await this.prepare({});
      try {
        response = await request(this.url(path, { ...query, watch: "1" }), {
          dispatcher: prepared.dispatcher,
          method: "GET",
          headers: prepared.headers,
          signal: signal ?? null,
        });
      } catch (error) {
        if (signal?.aborted === true) throw error;
        throw this.connectionError(error);
      }
      if (!(await this.renewed(response.statusCode, prepared.credential, renewed))) break;
      await response.body.dump();
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const text = await response.body.text();
      throw new KubeApiError(response.statusCode, "GET", path, parseStatus(text), text);
    }
    // The start of a line not yet ended, in pieces: searched for its end one chunk at a time, so a
    // long line costs its length once, not once per chunk.
    let pending: string[] = [];
    let pendingLength = 0;
    // one decoder for the stream: a character split across two chunks stays whole
    const decoder = new TextDecoder("utf-8");
    const event = (line: string) => this.parseJson<WatchEvent<T>>(line, "GET", path, response.headers);
    for await (const chunk of response.body) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      let start = 0;
      let newline: number;
      while ((newline = text.indexOf("\n", start)) !== -1) {
        const line = (pending.join("") + text.slice(start, newline)).trim();
        pending = [];
        pendingLength = 0;
        start = newline + 1;
        if (line !== "") yield event(line);
      }
      pending.push(text.slice(start));
      pendingLength += text.length - start;
      // decoded UTF-8 has at most one UTF-16 unit per byte: a line this long has passed the byte limit
      if (pendingLength > this.limits.watchLineBytes) {
        response.body.destroy();
        throw this.answerError("GET", path, `a watch event is longer than ${mib(this.limits.watchLineBytes)}`);
      }
    }
    const rest = pending.join("").trim();
    if (rest !== "") yield event(rest);
  }
}

function mib(bytes: number): string {
  return `${bytes / 1024 / 1024} MiB`;
}

/** The body, or `tooLarge()` thrown once it passes `limit` bytes (the rest is not read). */
async function readLimited(
  body: Dispatcher.ResponseData["body"],
  limit: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseStatus(text: string) {
  try {
    const parsed: unknown = JSON.parse(text);
    return isStatus(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Refused, reset or cut connections: the request may not have reached the server, or its answer was lost. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  // An HTTP/2 GOAWAY ends the streams the server did not take: they are safe to send again, on a new
  // connection (kube-apiserver sends one when it closes a connection, for example to rebalance).
  const goaway = code === "UND_ERR_INFO" && error instanceof Error && error.message.includes("GOAWAY");
  return goaway || ["ECONNREFUSED", "ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"].includes(code ?? "");
}

/** The messages of `Warning: 299 - "…"` response headers (deprecated APIs, unknown fields under Warn). */
export function warningsOf(headers: Record<string, string | string[] | undefined>): string[] {
  const raw = headers.warning;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values.flatMap((value) =>
    [...value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? "").replace(/\\(.)/g, "$1")),
  );
}

/** 0.25 s, 0.5 s, 1 s, 2 s, 4 s: about 8 s in all before giving up. */
function backoff(attempt: number): number {
  return Math.min(250 * 2 ** (attempt - 1), 4000);
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    // the listener goes when the timer fires: the run-wide signal would otherwise collect one per retry
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
