import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import {
  grantObjects,
  missingPermissions,
  type PermissionRow,
  requiredPermissions,
  subjectOf,
} from "../../src/apply/permissions.ts";
import { readsByList } from "../../src/apply/live.ts";
import type { KubeApi } from "../../src/kube/api.ts";
import { permissionTable, rbacManifest } from "../../src/report/rbac.ts";
import { waitAccess } from "../../src/rollout/kinds.ts";

const deployments = { group: "apps", resource: "deployments", namespaced: true };
const namespaces = { group: "", resource: "namespaces", namespaced: false };

/** `verb resource.group namespace name neededFor`, one line per row. */
function lines(rows: readonly PermissionRow[]): string[] {
  return rows.map((r) => {
    const resource = `${r.resource}${r.group === "" ? "" : `.${r.group}`}`;
    return `${r.verb} ${resource} ${r.namespace ?? "-"} ${r.name ?? "*"} ${r.neededFor}`;
  });
}

describe("required permissions", () => {
  it("reads busy collections with one LIST, as the apply engine does, and needs delete to re-create", () => {
    const objects = Array.from({ length: 5 }, (_, i) => ({
      mapping: deployments,
      ref: { namespace: "shop", name: `d${i}` },
    }));
    const rows = requiredPermissions({ objects, readsByList, recreate: objects.slice(0, 1) });
    const verbs = rows.map((r) => `${r.verb} ${r.name ?? "*"}`);
    assert.ok(verbs.includes("list *") && !verbs.some((v) => v.startsWith("get ")));
    assert.ok(verbs.includes("delete d0"));
    const few = requiredPermissions({ objects: objects.slice(0, 4), readsByList }).map(
      (r) => `${r.verb} ${r.name ?? "*"}`,
    );
    assert.ok(few.includes("get d0") && !few.includes("list *"));
    // a LIST of CRDs would bring every CRD on the cluster: the set's own are read one by one
    const crd = { group: "apiextensions.k8s.io", resource: "customresourcedefinitions", namespaced: false };
    const crds = Array.from({ length: 6 }, (_, i) => ({ mapping: crd, ref: { name: `c${i}.example.com` } }));
    const crdRows = requiredPermissions({ objects: crds, readsByList }).map((r) => `${r.verb} ${r.name ?? "*"}`);
    assert.ok(crdRows.includes("get c0.example.com") && !crdRows.includes("list *"));
  });

  it("lists get, patch and create for applies, the kind table's rows for waits, the ApplySet parent and prune, once each", () => {
    const web = { mapping: deployments, ref: { namespace: "shop", name: "web" } };
    const api = { mapping: deployments, ref: { namespace: "shop", name: "api" } };
    const ns = { mapping: namespaces, ref: { name: "shop" } };
    const access = waitAccess("apps", "Deployment", { rollback: false });
    const rows = requiredPermissions({
      objects: [ns, web, api],
      waitFor: [
        { ...web, access },
        { ...api, access },
      ],
      applyset: { namespace: "shop", name: "release" },
      prune: [{ group: "apps", resource: "deployments", namespace: "shop" }],
    });
    assert.deepEqual(lines(rows), [
      "get namespaces - shop apply",
      "patch namespaces - shop apply",
      "create namespaces - * apply",
      "get deployments.apps shop web apply",
      "patch deployments.apps shop web apply",
      "create deployments.apps shop * apply",
      "get deployments.apps shop api apply",
      "patch deployments.apps shop api apply",
      "list deployments.apps shop * wait",
      "watch deployments.apps shop * wait",
      "list events.events.k8s.io shop * wait: events",
      "list pods shop * wait: pods",
      "watch pods shop * wait: pods",
      "list replicasets.apps shop * wait: revision",
      "get secrets shop release applyset",
      "patch secrets shop release applyset",
      "create secrets shop * applyset",
      "delete deployments.apps shop * prune",
    ]);
  });
});

describe("what the wait of each kind needs, from the kind table", () => {
  interface Case {
    kind: string;
    group: string;
    resource: string;
    namespaced?: false;
    rollback?: true;
    rows: string[];
  }
  const cases: Case[] = [
    {
      kind: "Deployment",
      group: "apps",
      resource: "deployments",
      rollback: true,
      rows: [
        "list deployments.apps shop * wait",
        "watch deployments.apps shop * wait",
        "list events.events.k8s.io shop * wait: events",
        "list pods shop * wait: pods",
        "watch pods shop * wait: pods",
        "list replicasets.apps shop * wait: revision",
        "get deployments.apps shop x rollback",
        "patch deployments.apps shop x rollback",
        // list replicasets: already there for the wait
      ],
    },
    {
      kind: "StatefulSet",
      group: "apps",
      resource: "statefulsets",
      rollback: true,
      rows: [
        "list statefulsets.apps shop * wait",
        "watch statefulsets.apps shop * wait",
        "list events.events.k8s.io shop * wait: events",
        "list pods shop * wait: pods",
        "watch pods shop * wait: pods",
        "watch events.events.k8s.io shop * wait: events",
        "get statefulsets.apps shop x rollback",
        "patch statefulsets.apps shop x rollback",
        "list controllerrevisions.apps shop * rollback",
      ],
    },
    {
      kind: "DaemonSet",
      group: "apps",
      resource: "daemonsets",
      rows: [
        "list daemonsets.apps shop * wait",
        "watch daemonsets.apps shop * wait",
        "list events.events.k8s.io shop * wait: events",
        "list pods shop * wait: pods",
        "watch pods shop * wait: pods",
        "list controllerrevisions.apps shop * wait: revision",
        "watch events.events.k8s.io shop * wait: events",
      ],
    },
    {
      kind: "Job",
      group: "batch",
      resource: "jobs",
      rollback: true,
      rows: [
        "list jobs.batch shop * wait",
        "watch jobs.batch shop * wait",
        "list events.events.k8s.io shop * wait: events",
        "list pods shop * wait: pods",
        "watch pods shop * wait: pods",
        "watch events.events.k8s.io shop * wait: events",
      ],
    },
    {
      kind: "CustomResourceDefinition",
      group: "apiextensions.k8s.io",
      resource: "customresourcedefinitions",
      namespaced: false,
      rows: [
        "list customresourcedefinitions.apiextensions.k8s.io - * wait",
        "watch customresourcedefinitions.apiextensions.k8s.io - * wait",
        "list events.events.k8s.io default * wait: events",
      ],
    },
    { kind: "ConfigMap", group: "", resource: "configmaps", rows: [] },
  ];
  for (const c of cases) {
    it(`${c.kind}${c.rollback ? " with rollback" : ""}`, () => {
      const mapping = { group: c.group, resource: c.resource, namespaced: c.namespaced ?? true };
      const access = waitAccess(c.group, c.kind, { rollback: c.rollback === true });
      const rows = requiredPermissions({
        objects: [],
        waitFor: [{ mapping, ref: { namespace: "shop", name: "x" }, access }],
      });
      assert.deepEqual(lines(rows), c.rows);
    });
  }
});

describe("the check", () => {
  /** A server whose SelfSubjectAccessReviews allow exactly `allowed` (`verb resource.group namespace`). */
  function server(allowed: readonly string[]): Pick<KubeApi, "request"> {
    const request = <T>(_method: string, _path: string, options?: { body?: string }) => {
      type Attributes = { verb: string; group: string; resource: string; namespace?: string };
      const { spec } = JSON.parse(options?.body ?? "{}") as { spec: { resourceAttributes: Attributes } };
      const a = spec.resourceAttributes;
      const key = `${a.verb} ${a.resource}${a.group === "" ? "" : `.${a.group}`} ${a.namespace ?? "-"}`;
      return Promise.resolve({ status: 201, headers: {}, body: { status: { allowed: allowed.includes(key) } } as T });
    };
    return { request };
  }
  const events: PermissionRow = {
    verb: "list",
    group: "events.k8s.io",
    resource: "events",
    namespace: "shop",
    neededFor: "wait: events",
    fallback: { group: "", resource: "events" },
  };

  const cases: { name: string; allowed: string[]; missing: number }[] = [
    { name: "events.k8s.io granted", allowed: ["list events.events.k8s.io shop"], missing: 0 },
    { name: "only core v1 events granted: as good, the waiter falls back", allowed: ["list events shop"], missing: 0 },
    { name: "neither granted: events.k8s.io is asked for", allowed: [], missing: 1 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const missing = await missingPermissions(server(c.allowed), [events]);
      assert.equal(missing.length, c.missing);
      if (c.missing > 0) assert.equal(missing[0]?.group, "events.k8s.io");
    });
  }
});

describe("the grant", () => {
  const rows: PermissionRow[] = [
    { verb: "get", group: "apps", resource: "deployments", namespace: "shop", name: "web", neededFor: "apply" },
    { verb: "patch", group: "apps", resource: "deployments", namespace: "shop", name: "web", neededFor: "apply" },
    { verb: "get", group: "apps", resource: "deployments", namespace: "shop", name: "api", neededFor: "apply" },
    { verb: "patch", group: "apps", resource: "deployments", namespace: "shop", name: "api", neededFor: "apply" },
    { verb: "create", group: "apps", resource: "deployments", namespace: "shop", neededFor: "apply" },
    { verb: "list", group: "", resource: "pods", namespace: "shop", neededFor: "wait: pods" },
    { verb: "watch", group: "", resource: "pods", namespace: "shop", neededFor: "wait: pods" },
    { verb: "list", group: "", resource: "pods", namespace: "blog", neededFor: "wait: pods" },
    { verb: "get", group: "", resource: "namespaces", name: "shop", neededFor: "namespace check" },
  ];

  it("binds a service account by its namespace and name, anyone else as a user", () => {
    const serviceAccount = { kind: "ServiceAccount", name: "deployer", namespace: "ci" };
    assert.deepEqual(subjectOf("system:serviceaccount:ci:deployer"), serviceAccount);
    const user = { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane@example.com" };
    assert.deepEqual(subjectOf("jane@example.com"), user);
  });

  it("grants with a Role and RoleBinding per namespace, a ClusterRole for cluster-scoped rows, names gathered", () => {
    const objects = grantObjects(rows, "system:serviceaccount:ci:deployer");
    assert.deepEqual(
      objects.map((o) => `${o.kind} ${o.metadata.namespace ?? "-"}`),
      ["ClusterRole -", "ClusterRoleBinding -", "Role blog", "RoleBinding blog", "Role shop", "RoleBinding shop"],
    );
    const shop = objects.find((o) => o.kind === "Role" && o.metadata.namespace === "shop");
    assert.deepEqual(shop?.rules, [
      { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "patch"], resourceNames: ["web", "api"] },
      { apiGroups: ["apps"], resources: ["deployments"], verbs: ["create"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["list", "watch"] },
    ]);
    const binding = objects.find((o) => o.kind === "RoleBinding" && o.metadata.namespace === "shop");
    assert.deepEqual(binding?.subjects, [{ kind: "ServiceAccount", name: "deployer", namespace: "ci" }]);
    const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: shop?.metadata.name };
    assert.deepEqual(binding?.roleRef, roleRef);
  });

  it("names the objects after what they grant, so that the grants of successive refusals add up", () => {
    const first = grantObjects(rows, "jane");
    assert.equal(grantObjects(rows, "jane")[0]?.metadata.name, first[0]?.metadata.name);
    assert.notEqual(grantObjects(rows.slice(1), "jane")[0]?.metadata.name, first[0]?.metadata.name);
    assert.match(first[0]?.metadata.name ?? "", /^kubeship-deploy-[0-9a-f]{10}$/);
  });

  it("without a username gives the roles alone", () => {
    assert.deepEqual(
      grantObjects(rows, undefined).map((o) => o.kind),
      ["ClusterRole", "Role", "Role"],
    );
  });

  it("prints one YAML document per object, which reads back as the objects", () => {
    const objects = grantObjects(rows, "jane");
    const documents = parseAllDocuments(rbacManifest(objects));
    assert.deepEqual(
      (Array.isArray(documents) ? documents : []).map((d) => d.toJS() as unknown),
      objects,
    );
  });
});

describe("the table of missing permissions", () => {
  it("renders one aligned table with the authorizer's reason", () => {
    const table = permissionTable([
      { verb: "create", group: "apps", resource: "deployments", namespace: "shop", neededFor: "apply" },
      {
        verb: "get",
        group: "",
        resource: "namespaces",
        name: "shop",
        neededFor: "apply",
        detail: "no RBAC policy matched",
      },
    ]);
    assert.equal(
      table,
      [
        "VERB    RESOURCE          NAMESPACE  NAME   NEEDED FOR",
        "create  deployments.apps  shop       (all)  apply",
        "get     namespaces        (cluster)  shop   apply: no RBAC policy matched",
      ].join("\n"),
    );
  });
});
