import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { permissionTable, requiredPermissions } from "../../src/apply/permissions.ts";

const deployments = { group: "apps", resource: "deployments", namespaced: true };
const namespaces = { group: "", resource: "namespaces", namespaced: false };

describe("required permissions", () => {
  it("reads busy collections with one LIST, as the apply engine does, and needs delete to re-create", () => {
    const objects = Array.from({ length: 5 }, (_, i) => ({ mapping: deployments, ref: { namespace: "shop", name: `d${i}` } }));
    const rows = requiredPermissions({ objects, listFrom: 5, recreate: objects.slice(0, 1) });
    const verbs = rows.map((r) => `${r.verb} ${r.name ?? "*"}`);
    assert.ok(verbs.includes("list *") && !verbs.some((v) => v.startsWith("get ")));
    assert.ok(verbs.includes("delete d0"));
    const few = requiredPermissions({ objects: objects.slice(0, 4), listFrom: 5 }).map((r) => `${r.verb} ${r.name ?? "*"}`);
    assert.ok(few.includes("get d0") && !few.includes("list *"));
  });

  it("lists get, patch and create for applies, list and watch plus events for waits, the ApplySet parent and prune, without repeats", () => {
    const web = { mapping: deployments, ref: { namespace: "shop", name: "web" } };
    const api = { mapping: deployments, ref: { namespace: "shop", name: "api" } };
    const ns = { mapping: namespaces, ref: { name: "shop" } };
    const rows = requiredPermissions({
      objects: [ns, web, api],
      waitFor: [web, api],
      applyset: { namespace: "shop", name: "release" },
      prune: [{ group: "apps", resource: "deployments", namespace: "shop" }],
    });
    const text = rows.map((r) => `${r.verb} ${r.resource}${r.group === "" ? "" : `.${r.group}`} ${r.namespace ?? "-"} ${r.name ?? "*"} ${r.neededFor}`);
    assert.deepEqual(text, [
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
      "list events shop * events",
      "get secrets shop release applyset",
      "patch secrets shop release applyset",
      "create secrets shop * applyset",
      "delete deployments.apps shop * prune",
    ]);
  });

  it("renders one aligned table with the authorizer's reason", () => {
    const table = permissionTable([
      { verb: "create", group: "apps", resource: "deployments", namespace: "shop", neededFor: "apply" },
      { verb: "get", group: "", resource: "namespaces", name: "shop", neededFor: "apply", detail: "no RBAC policy matched" },
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
