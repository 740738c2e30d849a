// The kind table and the preflight cannot drift: the wait and the rollback of each workload kind, run
// against a fake server holding a crash-looping rollout, request exactly the permissions that the
// preflight derives from the table for that kind, no more (no 403 for an identity granted them) and
// no fewer (nothing granted in vain).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { requiredPermissions } from "../../src/apply/permissions.ts";
import type { HttpMethod, KubeApi, KubeResponse, ObjectList, RequestOptions, WatchEvent } from "../../src/kube/api.ts";
import type { KubeObject } from "../../src/kube/types.ts";
import { canRollBack, waitAccess } from "../../src/rollout/kinds.ts";
import { rollBack } from "../../src/rollout/rollback.ts";
import { waitForRollouts } from "../../src/rollout/wait.ts";

const ns = "shop";
const crashing = { containerStatuses: [{ name: "app", restartCount: 3, state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } } }] };
const owned = (uid: string) => [{ uid, name: "owner", kind: "Owner", controller: true }];
const template = { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "app", image: "app:1" }] } };

function object(apiVersion: string, kind: string, name: string, uid: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: ns, uid, generation: 2, resourceVersion: "5", ...meta }, ...rest };
}

interface Case {
  kind: string;
  group: string;
  resource: string;
  /** the workload, rolling out, and the collections the fake server holds, by resource */
  workload: KubeObject;
  children: Record<string, KubeObject[]>;
}

const selector = { selector: { matchLabels: { app: "x" } }, template };
const cases: Case[] = [
  {
    kind: "Deployment",
    group: "apps",
    resource: "deployments",
    workload: object("apps/v1", "Deployment", "web", "d1", { spec: { replicas: 1, ...selector }, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1 } }, { annotations: { "deployment.kubernetes.io/revision": "2" } }),
    children: {
      replicasets: [
        object("apps/v1", "ReplicaSet", "web-1", "r1", { spec: { template } }, { annotations: { "deployment.kubernetes.io/revision": "1" }, ownerReferences: owned("d1") }),
        object("apps/v1", "ReplicaSet", "web-2", "r2", { spec: { template } }, { annotations: { "deployment.kubernetes.io/revision": "2" }, ownerReferences: owned("d1") }),
      ],
      pods: [object("v1", "Pod", "web-2-a", "p1", { status: crashing }, { ownerReferences: owned("r2") })],
    },
  },
  {
    kind: "StatefulSet",
    group: "apps",
    resource: "statefulsets",
    workload: object("apps/v1", "StatefulSet", "db", "s1", { spec: { replicas: 1, ...selector }, status: { observedGeneration: 2, replicas: 1, updateRevision: "db-2", currentRevision: "db-1" } }),
    children: {
      controllerrevisions: [
        object("apps/v1", "ControllerRevision", "db-1", "c1", { revision: 1, data: { spec: { template } } }, { ownerReferences: owned("s1") }),
        object("apps/v1", "ControllerRevision", "db-2", "c2", { revision: 2, data: { spec: { template } } }, { ownerReferences: owned("s1") }),
      ],
      pods: [object("v1", "Pod", "db-0", "p1", { status: crashing }, { ownerReferences: owned("s1"), labels: { "controller-revision-hash": "db-2" } })],
    },
  },
  {
    kind: "DaemonSet",
    group: "apps",
    resource: "daemonsets",
    workload: object("apps/v1", "DaemonSet", "agent", "a1", { spec: selector, status: { observedGeneration: 2, desiredNumberScheduled: 1, updatedNumberScheduled: 1 } }),
    children: {
      controllerrevisions: [
        object("apps/v1", "ControllerRevision", "agent-1", "c1", { revision: 1, data: { spec: { template } } }, { ownerReferences: owned("a1"), labels: { "controller-revision-hash": "h1" } }),
        object("apps/v1", "ControllerRevision", "agent-2", "c2", { revision: 2, data: { spec: { template } } }, { ownerReferences: owned("a1"), labels: { "controller-revision-hash": "h2" } }),
      ],
      pods: [object("v1", "Pod", "agent-a", "p1", { status: crashing }, { ownerReferences: owned("a1"), labels: { "controller-revision-hash": "h2" } })],
    },
  },
  {
    kind: "Job",
    group: "batch",
    resource: "jobs",
    workload: object("batch/v1", "Job", "migrate", "j1", { spec: { template }, status: { active: 1 } }),
    children: { pods: [object("v1", "Pod", "migrate-a", "p1", { status: crashing }, { ownerReferences: owned("j1") })] },
  },
];

/** `verb resource.group namespace` of a request path. */
function permissionOf(verb: string, path: string): string {
  const match = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  assert.ok(match !== null, path);
  const [, group = "", namespace, resource, name] = match;
  return `${verb} ${resource}${group === "" ? "" : `.${group}`} ${namespace}${name === undefined ? "" : ` ${name}`}`;
}

/** A server holding the case's objects; it records what each request needs, answers watches with nothing until stopped. */
function server(c: Case): { api: KubeApi; requested: Set<string> } {
  const requested = new Set<string>();
  const held = (path: string): KubeObject[] => {
    const resource = path.split("/").at(-1) ?? "";
    return resource === c.resource ? [c.workload] : (c.children[resource] ?? []);
  };
  const request = <T>(method: HttpMethod, path: string, _options?: RequestOptions): Promise<KubeResponse<T>> => {
    requested.add(permissionOf(method === "GET" ? "get" : method.toLowerCase(), path));
    return Promise.resolve({ status: 200, headers: {}, body: c.workload as T });
  };
  const api: KubeApi = {
    request,
    get: <T>(path: string) => request<T>("GET", path).then((r) => r.body),
    list: <T>(path: string): Promise<ObjectList<T>> => {
      requested.add(permissionOf("list", path));
      return Promise.resolve({ items: held(path) as T[], resourceVersion: "5" });
    },
    watch: async function* <T>(path: string, _query: Record<string, string | undefined>, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
      requested.add(permissionOf("watch", path));
      await new Promise((resolve) => signal?.addEventListener("abort", resolve, { once: true }));
      // no events: the LIST said all there is
      yield* [] as WatchEvent<T>[];
    },
  };
  return { api, requested };
}

describe("the wait and rollback of each kind request exactly what the preflight asks for", () => {
  for (const c of cases) {
    it(c.kind, async () => {
      const { api, requested } = server(c);
      const target = {
        ref: { apiVersion: c.workload.apiVersion, kind: c.kind, namespace: ns, name: c.workload.metadata.name ?? "" },
        mapping: { group: c.group, version: "v1", kind: c.kind, resource: c.resource, namespaced: true },
      };
      // a Job retries its crashes: only the timeout (here, a second) ends its wait
      const [result] = await waitForRollouts(api, [target], { signal: AbortSignal.timeout(1_000) });
      if (c.kind === "Job") assert.notEqual(result?.outcome, "failed");
      else assert.equal(result?.cause?.reason, "CrashLoopBackOff");
      if (canRollBack(c.group, c.kind)) await rollBack(api, target, AbortSignal.timeout(1_000));
      const rows = requiredPermissions({ objects: [], waitFor: [{ ...target, access: waitAccess(c.group, c.kind, { rollback: true }) }] });
      const granted = rows.map((r) => `${r.verb} ${r.resource}${r.group === "" ? "" : `.${r.group}`} ${r.namespace ?? ""}${r.name === undefined ? "" : ` ${r.name}`}`);
      assert.deepEqual([...requested].sort(), [...granted].sort());
    });
  }
});
