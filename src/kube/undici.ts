// The parts of undici the client uses, from their own modules. undici's index loads all of undici
// (fetch, WebSocket, caches, mocks) and with it Node's web streams, worker threads and Node's own copy
// of undici: most of the action's start-up before its first request. What the index adds to the parts
// used here is the request methods on Dispatcher.prototype, which ProxyAgent's `connect` needs too.
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { Dispatcher as DispatcherType } from "undici";
import api from "undici/lib/api/index.js";
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";

Object.assign(Dispatcher.prototype, api);

export { default as Agent } from "undici/lib/dispatcher/agent.js";
export { default as ProxyAgent } from "undici/lib/dispatcher/proxy-agent.js";

type RequestOptions = Omit<DispatcherType.RequestOptions, "origin" | "path"> & { dispatcher: DispatcherType };

/** undici's `request(url, options)`: the origin and path from `url`, sent on `options.dispatcher`. */
export function request(url: string, options: RequestOptions): Promise<DispatcherType.ResponseData> {
  const { dispatcher, ...rest } = options;
  const { origin, pathname, search } = new URL(url);
  return dispatcher.request({ ...rest, origin, path: `${pathname}${search}` });
}

/**
 * Resolves once undici has written a request's headers to a connection (the first request of the
 * process, whichever client sent it), or when `settled` settles first: a request that never reached
 * a connection (refused, a fake API in tests) must not hold anyone waiting for it.
 */
export function onTheWire(settled: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe("undici:client:sendHeaders", done);
      resolve();
    };
    subscribe("undici:client:sendHeaders", done);
    settled.then(done, done);
  });
}
