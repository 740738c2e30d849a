// deploy()'s branches against a fake API, in milliseconds: success, plan mode with prune, a conflict
// in plan mode, a refused preflight, a rollout that times out, a cancelled workflow, a rollback.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applySetId } from "../../src/apply/applyset.ts";
import { readSettings } from "../../src/inputs.ts";
import type { KubeObject } from "../../src/kube/types.ts";
import type { Log } from "../../src/log.ts";
import { deploy } from "../../src/pipeline/index.ts";
import { failureText } from "../../src/report/failure.ts";
import { objectsOutput } from "../../src/report/outputs.ts";
import type { RunResult } from "../../src/result.ts";
import { conflictError, connectTo, FakeApi } from "../helpers/fake-api.ts";
import { workspaceWith } from "../helpers/workspace.ts";

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {a: '${value}'}\n`;
const deployment = (image: string) =>
  "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n" +
  `  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: '${image}'}]}\n`;

function object(apiVersion: string, kind: string, name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(kind === "Namespace" ? {} : { namespace: "shop" }) }, ...extra };
}

/** A Deployment's status as its controller writes it: rolled out, or stuck. */
function status(live: KubeObject, rolledOut: boolean): KubeObject {
  const observedGeneration = live.metadata.generation;
  return {
    ...live,
    status: rolledOut
      ? { observedGeneration, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }
      : { observedGeneration, replicas: 1, updatedReplicas: 0 },
  };
}

function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    debug: () => undefined,
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    mask: () => undefined,
  };
}

interface Run {
  api: FakeApi;
  result: RunResult;
  log: string[];
}

async function run(
  files: Record<string, string>,
  inputs: Record<string, string>,
  setup: (api: FakeApi) => void = () => undefined,
  cancelAfterMs?: number,
): Promise<Run> {
  const api = new FakeApi();
  api.put(object("v1", "Namespace", "shop"));
  setup(api);
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: workspaceWith(files),
    RUNNER_TEMP: "/tmp",
    INPUT_MANIFESTS: Object.keys(files).join("\n"),
    INPUT_NAMESPACE: "shop",
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const log = memoryLog();
  const cancel = cancelAfterMs === undefined ? undefined : AbortSignal.timeout(cancelAfterMs);
  const result = await deploy(readSettings(env), log, {
    connect: connectTo(api),
    ...(cancel === undefined ? {} : { cancel }),
  });
  return { api, result, log: log.lines };
}

/** An ApplySet `release` in shop that recorded ConfigMaps, with `old` as a member no longer in the manifests. */
function applySetWithOldMember(api: FakeApi): void {
  const id = applySetId("release", "shop");
  const annotations = {
    "applyset.kubernetes.io/tooling": "kubeship/v1",
    "applyset.kubernetes.io/contains-group-kinds": "ConfigMap",
  };
  api.put(
    object("v1", "Secret", "release", {
      metadata: { name: "release", namespace: "shop", labels: { "applyset.kubernetes.io/id": id }, annotations },
    }),
  );
  api.put(
    object("v1", "ConfigMap", "old", {
      metadata: { name: "old", namespace: "shop", labels: { "applyset.kubernetes.io/part-of": id } },
    }),
  );
  api.put(
    object("v1", "ConfigMap", "settings", {
      metadata: { name: "settings", namespace: "shop", labels: { "applyset.kubernetes.io/part-of": id } },
      data: { a: "1" },
    }),
  );
}

describe("deploy() against a fake API", () => {
  it("applies, waits for the rollout and succeeds", async () => {
    const { result } = await run(
      { "app.yaml": `${configMap("settings", "1")}---\n${deployment("nginx:1.27")}` },
      {},
      (api) => {
        api.onApply = (path, live) => (path.includes("/deployments/") ? status(live, true) : live);
      },
    );
    assert.equal(result.result, "success", result.failures.map(failureText).join("\n"));
    assert.deepEqual(
      result.objects.map((o) => [o.ref.kind, o.action, o.rollout, `${o.source.file}:${o.source.line}`]),
      [
        ["ConfigMap", "created", "ready", "app.yaml:1"],
        ["Deployment", "created", "ready", "app.yaml:6"],
      ],
    );
  });

  it("asks discovery and the ApplySet while the manifests are read, and a bad manifest still writes nothing", async () => {
    const { api, result } = await run(
      { "app.yaml": configMap("settings", "1"), "broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: [\n" },
      { applyset: "release", prune: "true" },
    );
    assert.equal(result.result, "failure");
    assert.deepEqual(
      result.failures.map((f) => [f.kind, f.source?.file]),
      [["manifest", "broken.yaml"]],
    );
    // sent before the parse failed: the reads went out while the files were read
    assert.ok(api.sent("GET", "/api").length > 0, "discovery was asked");
    assert.ok(api.sent("GET", "/api/v1/namespaces/shop/secrets/").length > 0, "the ApplySet was read");
    assert.deepEqual(
      api.requests.filter((r) => r.method !== "GET"),
      [],
      "nothing was written",
    );
  });
  it("plans through the dry run: a diff, what prune would delete, and nothing written", async () => {
    const { api, result } = await run(
      { "app.yaml": configMap("settings", "2") },
      { mode: "plan", applyset: "release", prune: "true" },
      applySetWithOldMember,
    );
    assert.equal(result.result, "success", result.failures.map(failureText).join("\n"));
    assert.deepEqual(
      result.objects.map((o) => [
        o.ref.name,
        o.action,
        o.diff?.map((d) => `${d.path}: ${String(d.before)} → ${String(d.after)}`),
      ]),
      [["settings", "configured", ["data.a: 1 → 2"]]],
    );
    assert.deepEqual(result.pruned, [{ ref: { apiVersion: "v1", kind: "ConfigMap", name: "old", namespace: "shop" } }]);
    assert.ok(
      api.sent("PATCH").every((r) => r.query.dryRun === "All"),
      "every apply is a dry run",
    );
    assert.deepEqual(api.sent("DELETE"), [], "plan mode deletes nothing");
  });

  it("plans objects of a Namespace the set creates without a dry run, and says so", async () => {
    const files = {
      "app.yaml": configMap("settings", "1").replace("{name: settings}", "{name: settings, namespace: fresh}"),
      "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: fresh}\n",
    };
    const { api, result } = await run(files, { mode: "plan" });
    assert.equal(result.result, "success", result.failures.map(failureText).join("\n"));
    assert.deepEqual(
      result.objects.map((o) => [o.ref.kind, o.action, o.notes ?? []]),
      [
        ["ConfigMap", "created", ["will be created (server validation deferred until its Namespace or CRD exists)"]],
        ["Namespace", "created", []],
      ],
    );
    assert.deepEqual(
      api.sent("PATCH").map((r) => r.path),
      ["/api/v1/namespaces/fresh"],
    );
  });

  it("records pruned members once: in `pruned`, not among the applied objects", async () => {
    const { api, result } = await run(
      { "app.yaml": configMap("settings", "2") },
      { applyset: "release", prune: "true" },
      applySetWithOldMember,
    );
    assert.equal(result.result, "success", result.failures.map(failureText).join("\n"));
    assert.deepEqual(
      result.objects.map((o) => o.ref.name),
      ["settings"],
    );
    assert.deepEqual(
      result.pruned.map((p) => p.ref.name),
      ["old"],
    );
    assert.deepEqual(
      objectsOutput(result).map((o) => `${o.name} ${o.action}`),
      ["settings configured", "old pruned"],
    );
    assert.deepEqual(
      api.sent("DELETE").map((r) => r.path),
      ["/api/v1/namespaces/shop/configmaps/old"],
    );
  });

  it("names the object and its file:line for a conflict in plan mode", async () => {
    const { result } = await run(
      { "app.yaml": `${configMap("first", "1")}---\n${configMap("settings", "2")}` },
      { mode: "plan" },
      (api) => {
        api.intercept = (r) => {
          if (r.method === "PATCH" && r.path.endsWith("/configmaps/settings"))
            throw conflictError(r.path, "kubectl", ".data");
          return undefined;
        };
      },
    );
    assert.equal(result.result, "failure");
    const [failure] = result.failures;
    assert.deepEqual(
      [failure?.kind, failure?.ref?.name, failure?.source],
      ["apply", "settings", { file: "app.yaml", line: 6 }],
    );
    assert.match(
      failure === undefined ? "" : failureText(failure),
      /^ConfigMap\/shop\/settings conflicts with another field manager: "kubectl" owns \.data\. Fix: set force/,
    );
    assert.equal(
      failure?.cause?.message,
      'Apply failed with 1 conflict: conflict with "kubectl": .data',
      "the server's own words are kept as the cause",
    );
  });

  it("refuses before any write when a permission is missing, with the missing rows as data", async () => {
    const { api, result } = await run({ "app.yaml": deployment("nginx:1.27") }, {}, (api) => {
      api.allow = (r) => !(r.verb === "patch" && r.resource === "deployments");
    });
    assert.equal(result.result, "failure");
    const [failure] = result.failures;
    assert.equal(failure?.kind, "permission");
    assert.deepEqual(
      failure?.missingPermissions?.map((p) => `${p.verb} ${p.resource} ${p.namespace ?? ""} ${p.name ?? ""}`),
      ["patch deployments shop web"],
    );
    assert.match(
      failure === undefined ? "" : failureText(failure),
      /deployer lacks 1 of the \d+ permissions this deploy needs, so nothing was written[\s\S]*\npatch +deployments/,
    );
    assert.deepEqual(api.sent("PATCH"), [], "nothing was written");
  });

  it("fails a rollout that does not become ready within the timeout, with its last state", async () => {
    const { result } = await run({ "app.yaml": deployment("nginx:1.27") }, { timeout: "1s" }, (api) => {
      api.onApply = (path, live) => (path.includes("/deployments/") ? status(live, false) : live);
    });
    assert.equal(result.result, "failure");
    const [failure] = result.failures;
    assert.deepEqual(
      [failure?.kind, failure?.outcome, failure?.source],
      ["rollout", "timeout", { file: "app.yaml", line: 1 }],
    );
    assert.equal(
      failure === undefined ? "" : failureText(failure),
      "Deployment/shop/web did not become ready within 1.0s: 0/1 updated, 0/1 available",
    );
    assert.equal(result.objects[0]?.rollout, "timeout");
  });

  it("reports a cancelled workflow: what was still rolling out is cancelled, and nothing is rolled back", async () => {
    const { api, result, log } = await run(
      { "app.yaml": deployment("nginx:1.27") },
      { timeout: "30s", "rollback-on-failure": "true" },
      (api) => {
        api.onApply = (path, live) => (path.includes("/deployments/") ? status(live, false) : live);
      },
      300,
    );
    assert.equal(result.cancelled, true);
    assert.equal(result.result, "failure");
    assert.deepEqual(
      result.failures.map((f) => [f.kind, f.outcome]),
      [["rollout", "cancelled"]],
    );
    assert.equal(result.objects[0]?.rollout, "cancelled");
    assert.ok(log.includes("Cancelled: 1 object(s) applied; still rolling out: Deployment/shop/web"), log.join("\n"));
    assert.equal(api.sent("PATCH", "/apis/apps").length, 1, "no rollback patch");
  });

  it("rolls a failed Deployment back to its previous revision and attaches the rollback to the failure", async () => {
    const { result } = await run({ "app.yaml": deployment("nginx:2") }, { "rollback-on-failure": "true" }, (api) => {
      const web = object("apps/v1", "Deployment", "web", {
        spec: {
          selector: { matchLabels: { app: "web" } },
          template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1" }] } },
        },
      });
      api.put(web);
      const uid = api.objects.get(api.pathOf(web))?.metadata.uid ?? "";
      for (const revision of ["1", "2"]) {
        const template = {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: `nginx:${revision}` }] },
        };
        api.put(
          object("apps/v1", "ReplicaSet", `web-${revision}`, {
            metadata: {
              name: `web-${revision}`,
              namespace: "shop",
              labels: { app: "web" },
              annotations: { "deployment.kubernetes.io/revision": revision },
              ownerReferences: [{ uid, controller: true, kind: "Deployment", name: "web", apiVersion: "apps/v1" }],
            },
            spec: { template },
          }),
        );
      }
      let patches = 0;
      api.onApply = (path, live) => {
        if (!path.includes("/deployments/")) return live;
        patches++;
        // the new revision makes no progress; the rollback (the second patch) rolls out
        if (patches > 1) return status(live, true);
        const stuck = {
          type: "Progressing",
          status: "False",
          reason: "ProgressDeadlineExceeded",
          message: 'ReplicaSet "web-2" has timed out progressing.',
        };
        return { ...live, status: { observedGeneration: live.metadata.generation, conditions: [stuck] } };
      };
    });
    assert.equal(result.result, "failure");
    const [failure] = result.failures;
    assert.deepEqual(
      [failure?.outcome, failure?.cause?.reason, failure?.rollback?.revision, failure?.rollback?.outcome],
      ["failed", "ProgressDeadlineExceeded", "1", "ready"],
    );
    assert.deepEqual(
      result.rolledBack?.map((r) => [r.ref.name, r.revision, r.outcome]),
      [["web", "1", "ready"]],
    );
    assert.match(
      failure === undefined ? "" : failureText(failure),
      new RegExp(
        /failed to roll out: ProgressDeadlineExceeded: ReplicaSet "web-2" has timed out progressing\.[\s\S]*\n/.source +
          /rolled back to revision 1 \(rolled out\)$/.source,
      ),
    );
  });
});
