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
const crashLoopBackOff = { reason: "CrashLoopBackOff", message: "back-off 40s" };
const crashing = { containerStatuses: [{ name: "app", restartCount: 3, state: { waiting: crashLoopBackOff } }] };
const template = { metadata: { labels: { app: "x" } }, spec: { containers: [{ name: "app", image: "app:1" }] } };
const revisionAnnotation = "deployment.kubernetes.io/revision";

type Fields = Record<string, unknown>;

function object(apiVersion: string, kind: string, name: string, uid: string, rest: Fields = {}, meta: Fields = {}) {
  const metadata = { name, namespace: ns, uid, generation: 2, resourceVersion: "5", ...meta };
  return { apiVersion, kind, metadata, ...rest };
}

/** metadata of an object controlled by `uid`, with more fields */
const owned = (uid: string, meta: Fields = {}) => ({
  ownerReferences: [{ uid, name: "o", kind: "O", controller: true }],
  ...meta,
});
const hash = (value: string) => ({ labels: { "controller-revision-hash": value } });
const crashingPod = (name: string, meta: Fields) => object("v1", "Pod", name, "p1", { status: crashing }, meta);
const controllerRevision = (name: string, revision: number, meta: Fields) =>
  object("apps/v1", "ControllerRevision", name, `c${revision}`, { revision, data: { spec: { template } } }, meta);
const replicaSet = (name: string, revision: string, owner: string) =>
  object(
    "apps/v1",
    "ReplicaSet",
    name,
    `r${revision}`,
    { spec: { template } },
    {
      ...owned(owner, { annotations: { [revisionAnnotation]: revision } }),
    },
  );

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
    workload: object(
      "apps/v1",
      "Deployment",
      "web",
      "d1",
      { spec: { replicas: 1, ...selector }, status: { observedGeneration: 2, replicas: 1, updatedReplicas: 1 } },
      { annotations: { [revisionAnnotation]: "2" } },
    ),
    children: {
      replicasets: [replicaSet("web-1", "1", "d1"), replicaSet("web-2", "2", "d1")],
      pods: [crashingPod("web-2-a", owned("r2"))],
    },
  },
  {
    kind: "StatefulSet",
    group: "apps",
    resource: "statefulsets",
    workload: object("apps/v1", "StatefulSet", "db", "s1", {
      spec: { replicas: 1, ...selector },
      status: { observedGeneration: 2, replicas: 1, updateRevision: "db-2", currentRevision: "db-1" },
    }),
    children: {
      controllerrevisions: [controllerRevision("db-1", 1, owned("s1")), controllerRevision("db-2", 2, owned("s1"))],
      pods: [crashingPod("db-0", owned("s1", hash("db-2")))],
    },
  },
  {
    kind: "DaemonSet",
    group: "apps",
    resource: "daemonsets",
    workload: object("apps/v1", "DaemonSet", "agent", "a1", {
      spec: selector,
      status: { observedGeneration: 2, desiredNumberScheduled: 1, updatedNumberScheduled: 1 },
    }),
    children: {
      controllerrevisions: [
        controllerRevision("agent-1", 1, owned("a1", hash("h1"))),
        controllerRevision("agent-2", 2, owned("a1", hash("h2"))),
      ],
      pods: [crashingPod("agent-a", owned("a1", hash("h2")))],
    },
  },
  {
    kind: "Job",
    group: "batch",
    resource: "jobs",
    workload: object("batch/v1", "Job", "migrate", "j1", { spec: { template }, status: { active: 1 } }),
    children: { pods: [crashingPod("migrate-a", owned("j1"))] },
  },
];

/** `verb resource.group namespace` of a request path. */
function permissionOf(verb: string, path: string): string {
  const match = /^\/(?:api\/v1|apis\/([^/]+)\/[^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  assert.ok(match !== null, path);
  const [, group = "", namespace, resource, name] = match;
  return `${verb} ${resource}${group === "" ? "" : `.${group}`} ${namespace}${name === undefined ? "" : ` ${name}`}`;
}

/** A server holding the case's objects: records what each request needs; watches stay silent until stopped. */
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
    watch: async function* <T>(path: string, _query: unknown, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>> {
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
      const access = waitAccess(c.group, c.kind, { rollback: true });
      const rows = requiredPermissions({ objects: [], waitFor: [{ ...target, access }] });
      const granted = rows.map((r) => {
        const resource = `${r.resource}${r.group === "" ? "" : `.${r.group}`}`;
        return `${r.verb} ${resource} ${r.namespace ?? ""}${r.name === undefined ? "" : ` ${r.name}`}`;
      });
      assert.deepEqual([...requested].sort(), [...granted].sort());
    });
  }
});
