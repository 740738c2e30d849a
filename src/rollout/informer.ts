// Keeps the state of one collection (one resource type in one namespace) current through the watch
// API, as client-go's reflector does: list, then watch from the list's resourceVersion so that no
// change is missed; resume from the last resourceVersion seen (events and bookmarks) when the server
// or the network ends the stream; relist when that version is too old (410 Expired/Gone); back off
// between attempts, bounded. Only a watch that delivers changes resets the backoff: an ERROR event is
// not a change, and a good LIST says nothing about the watch after it, so a server that expires every
// watch at once is asked again more and more slowly, not in a hot loop. Runs until `signal` aborts.
import type { KubeApi } from "../kube/api.ts";
import { KubeApiError } from "../kube/errors.ts";
import { isStatus, type KubeObject, type Status } from "../kube/types.ts";

export interface InformerHandlers {
  /** the whole collection, after each (re)list: objects absent from it are gone */
  onList(objects: KubeObject[]): void;
  onEvent(type: "ADDED" | "MODIFIED" | "DELETED", object: KubeObject): void;
  /** an error retrying cannot fix (403, 404): the informer stops */
  onFatal(error: Error): void;
}

export interface InformerOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** first and longest pause between failed attempts */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

function isExpired(status: Status | undefined): boolean {
  return status?.code === 410 || status?.reason === "Expired" || status?.reason === "Gone";
}

/** Errors worth retrying: the network, 5xx, 429; a 4xx answer will not change by asking again. */
function retryable(error: unknown): boolean {
  if (!(error instanceof KubeApiError)) return true;
  return error.code >= 500 || error.code === 429 || error.code === 410;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

export async function runInformer(
  client: KubeApi,
  path: string,
  handlers: InformerHandlers,
  signal: AbortSignal,
  options: InformerOptions = {},
): Promise<void> {
  const minBackoff = options.minBackoffMs ?? 200;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  let backoff = minBackoff;
  let resourceVersion: string | undefined;
  const selector = {
    ...(options.labelSelector === undefined ? {} : { labelSelector: options.labelSelector }),
    ...(options.fieldSelector === undefined ? {} : { fieldSelector: options.fieldSelector }),
  };

  while (!signal.aborted) {
    try {
      if (resourceVersion === undefined) {
        // A consistent list (no resourceVersion): the state now, not a possibly stale cache.
        const list = await client.list(path, { query: selector, signal });
        handlers.onList(list.items);
        resourceVersion = list.resourceVersion;
        continue;
      }
      // Like client-go, ask the server to end the stream after 5–10 minutes, then resume.
      const timeoutSeconds = String(300 + Math.floor(Math.random() * 300));
      const events = client.watch<KubeObject>(
        path,
        { ...selector, resourceVersion, allowWatchBookmarks: "true", timeoutSeconds },
        signal,
      );
      let received = 0;
      let expired = false;
      for await (const event of events) {
        if (event.type === "ERROR") {
          const status = isStatus(event.object) ? event.object : undefined;
          if (!isExpired(status)) {
            throw new KubeApiError(status?.code ?? 500, "GET", path, status, status?.message ?? "watch error");
          }
          expired = true;
          resourceVersion = undefined;
          break;
        }
        received++;
        resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
        backoff = minBackoff;
        if (event.type !== "BOOKMARK") handlers.onEvent(event.type, event.object);
      }
      // The stream ended (server timeout, apiserver shutdown): resume from resourceVersion, at once
      // unless the server keeps closing streams straight away; relist after a pause when it expired.
      if (expired || received === 0) {
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof KubeApiError && error.code === 410) resourceVersion = undefined;
      else if (!retryable(error)) {
        handlers.onFatal(error as Error);
        return;
      }
      await sleep(backoff * (0.5 + Math.random()), signal);
      backoff = Math.min(backoff * 2, maxBackoff);
    }
  }
}
