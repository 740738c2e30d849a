import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeApi, ObjectList, RequestOptions } from "../../src/kube/api.ts";
import { KubeApiError } from "../../src/kube/errors.ts";
import { EventReader } from "../../src/rollout/events.ts";

/** A server that answers events.k8s.io with 403 (when `denied`) and core v1 events with one event. */
function server(denied: boolean): { api: KubeApi; paths: string[] } {
  const paths: string[] = [];
  const list = <T>(path: string, _options?: RequestOptions): Promise<ObjectList<T>> => {
    paths.push(path);
    if (denied && path.startsWith("/apis/events.k8s.io/")) {
      return Promise.reject(new KubeApiError(403, "GET", path, undefined, "forbidden"));
    }
    const core = { reason: "BackOff", message: "core", count: 2 };
    const item = path.startsWith("/api/v1/")
      ? core
      : { reason: "BackOff", note: "events.k8s.io", series: { count: 3 } };
    return Promise.resolve({ items: [item as T] });
  };
  const unused = () => Promise.reject(new Error("not used"));
  return { api: { list, request: unused, get: unused, watch: () => (async function* () {})() }, paths };
}

const query = { namespace: "shop", uid: "u1", object: "Pod/web-1" };

describe("events", () => {
  const cases: { name: string; denied: boolean; message: string; paths: string[] }[] = [
    {
      name: "are read from events.k8s.io when allowed",
      denied: false,
      message: "events.k8s.io",
      paths: ["/apis/events.k8s.io/v1/namespaces/shop/events"],
    },
    {
      name: "fall back to core v1 when events.k8s.io answers 403",
      denied: true,
      message: "core",
      paths: ["/apis/events.k8s.io/v1/namespaces/shop/events", "/api/v1/namespaces/shop/events"],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { api, paths } = server(c.denied);
      const events = await new EventReader(api).read([query], AbortSignal.timeout(1_000));
      assert.equal(events[0]?.message, c.message);
      assert.deepEqual(paths, c.paths);
    });
  }

  it("a reader remembers the fallback; another reader (another wait) starts with events.k8s.io again", async () => {
    const { api, paths } = server(true);
    const reader = new EventReader(api);
    await reader.read([query], AbortSignal.timeout(1_000));
    await reader.read([query], AbortSignal.timeout(1_000));
    assert.equal(paths.filter((p) => p.startsWith("/apis/")).length, 1, "one 403, then core v1");
    assert.equal(new EventReader(api).path("shop").path, "/apis/events.k8s.io/v1/namespaces/shop/events");
  });
});
