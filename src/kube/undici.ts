// The parts of undici the client uses, from their own modules. undici's index loads all of undici
// (fetch, WebSocket, caches, mocks) and with it Node's web streams, worker threads and Node's own copy
// of undici: most of the action's start-up before its first request. What the index adds to the parts
// used here is the request methods on Dispatcher.prototype, which ProxyAgent's `connect` needs too.
import { subscribe } from "node:diagnostics_channel";
import type { Dispatcher as DispatcherType } from "undici";
import api from "undici/lib/api/index.js";
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";

Object.assign(Dispatcher.prototype, api);

export { default as Agent } from "undici/lib/dispatcher/agent.js";
export { default as ProxyAgent } from "undici/lib/dispatcher/proxy-agent.js";

type RequestOptions = Omit<DispatcherType.RequestOptions, "origin" | "path"> & { dispatcher: DispatcherType };

/** A request sent through `request` that undici has not yet written to a connection. */
interface Unwritten {
  method: string;
  origin: string;
  path: string;
}

const unwritten = new Set<Unwritten>();
const waiting = new Set<() => void>();

function written(request: Unwritten): void {
  if (!unwritten.delete(request) || unwritten.size > 0) return;
  for (const resolve of waiting) resolve();
}

// undici announces each request as it writes its headers (requests wait in a pool's queue until a
// connection takes them, so this is later than their dispatch); the request is told by its method,
// origin and path, the oldest first.
subscribe("undici:client:sendHeaders", (message) => {
  const sent = (message as { request?: Partial<Unwritten> }).request;
  for (const request of unwritten) {
    if (request.method === sent?.method && request.origin === sent.origin && request.path === sent.path)
      return written(request);
  }
});

/** undici's `request(url, options)`: the origin and path from `url`, sent on `options.dispatcher`. */
export function request(url: string, options: RequestOptions): Promise<DispatcherType.ResponseData> {
  const { dispatcher, ...rest } = options;
  const { origin, pathname, search } = new URL(url);
  const path = `${pathname}${search}`;
  const pending: Unwritten = { method: rest.method, origin, path };
  unwritten.add(pending);
  const answer = dispatcher.request({ ...rest, origin, path });
  // an answer (or a failure) means the request was written (or never will be)
  answer.then(
    () => written(pending),
    () => written(pending),
  );
  return answer;
}

/**
 * Resolves once every request sent through `request` so far has been written to a connection (or
 * answered, or has failed), at the first such moment after the call; or when `settled` settles
 * first: requests that never reach undici (a fake API in tests) must not hold anyone waiting.
 */
export function onTheWire(settled: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      waiting.delete(done);
      resolve();
    };
    waiting.add(done);
    settled.then(done, done);
  });
}
