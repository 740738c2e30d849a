// The informer's pauses against a fake server: the real API server cannot be made to expire every
// watch, or close every stream at once, on demand; this fake does one of those on every watch and
// records when each LIST and WATCH came.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeApi, WatchEvent } from "../../src/kube/api.ts";
import { KubeApiError } from "../../src/kube/errors.ts";
import type { KubeObject } from "../../src/kube/types.ts";
import { runInformer } from "../../src/rollout/informer.ts";

type Watch = "expired event" | "expired answer" | "closed at once";

const gone = { kind: "Status", status: "Failure", reason: "Expired", code: 410, message: "too old resource version" };

/** A server whose LIST always works and whose every WATCH fails the way `watch` says; it records request times. */
function server(watch: Watch): { api: KubeApi; requests: { what: "list" | "watch"; at: number }[] } {
  const requests: { what: "list" | "watch"; at: number }[] = [];
  const unused = () => Promise.reject(new Error("not used"));
  const api: KubeApi = {
    request: unused,
    get: unused,
    list: <T>() => {
      requests.push({ what: "list", at: Date.now() });
      return Promise.resolve({ items: [] as T[], resourceVersion: "1" });
    },
    watch: async function* <T>(): AsyncGenerator<WatchEvent<T>> {
      requests.push({ what: "watch", at: Date.now() });
      await new Promise((resolve) => setImmediate(resolve));
      if (watch === "expired answer") throw new KubeApiError(410, "GET", "/api/v1/pods", gone as never, "gone");
      if (watch === "expired event") yield { type: "ERROR", object: gone as unknown as T };
    },
  };
  return { api, requests };
}

const handlers = { onList: (_: KubeObject[]) => undefined, onEvent: () => undefined, onFatal: () => undefined };

describe("the informer backs off while every watch fails", () => {
  const cases: { watch: Watch; relists: boolean }[] = [
    { watch: "expired event", relists: true },
    { watch: "expired answer", relists: true },
    { watch: "closed at once", relists: false },
  ];
  for (const c of cases) {
    it(`${c.watch}: a few requests a second, more and more slowly, not a hot loop`, async () => {
      const { api, requests } = server(c.watch);
      const stop = new AbortController();
      const options = { minBackoffMs: 50, maxBackoffMs: 400 };
      const running = runInformer(api, "/api/v1/namespaces/shop/pods", handlers, stop.signal, options);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      stop.abort();
      await running;
      const watches = requests.filter((r) => r.what === "watch");
      // pauses of 50, 100, 200, 400, 400… ms (with jitter of ±50% on errors): about 6 in 1.5 s
      assert.ok(watches.length >= 3 && watches.length <= 12, `${watches.length} watches in 1.5 s`);
      const lists = requests.filter((r) => r.what === "list").length;
      if (c.relists) assert.ok(lists >= watches.length - 1, "an expired watch relists");
      else assert.equal(lists, 1, "a closed stream resumes from its resourceVersion");
      const gaps = watches.slice(1).map((w, i) => w.at - (watches[i]?.at ?? 0));
      assert.ok((gaps.at(-1) ?? 0) > (gaps[0] ?? 0), `the pauses grow: ${gaps.join(", ")} ms`);
    });
  }
});
