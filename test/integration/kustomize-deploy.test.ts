// An overlay deployed through the bundled action (dist/index.js) to the test cluster: rendered
// in-process, every object's source in the kustomization's own files, origin annotations never sent,
// secretGenerator values masked and redacted in plans, and the hash-suffixed ConfigMap of an older
// render pruned once the overlay moves on.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { ObjectOutput } from "../../src/report/outputs.ts";
import { maskedValues, repoRoot, runAction, visibleLog } from "../helpers/action.ts";
import { adminKubeconfig, createNamespace, deleteNamespace, getJson } from "../helpers/cluster.ts";
import { objectsOf } from "../helpers/workspace.ts";

const kubeconfig = adminKubeconfig();
const namespaces: string[] = [];
after(async () => {
  for (const ns of namespaces) await deleteNamespace(ns);
});

/** examples/deploy in a fresh workspace, its staging overlay deploying into `ns`. */
function deployWorkspace(ns: string): string {
  const ws = mkdtempSync(join(tmpdir(), "kubeship-ws-"));
  cpSync(join(repoRoot, "examples", "deploy"), join(ws, "deploy"), { recursive: true });
  const rewrite = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) rewrite(path);
      else writeFileSync(path, readFileSync(path, "utf8").replaceAll("kubeship-staging", ns));
    }
  };
  rewrite(ws);
  return ws;
}

function edit(ws: string, file: string, from: string, to: string): void {
  const path = join(ws, file);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from));
  writeFileSync(path, text.replace(from, to));
}

const row = (o: ObjectOutput) => `${o.kind}/${o.name} ${o.file}:${o.line} ${o.action}`;

describe("a kustomize overlay deployed by the action", () => {
  it("applies the rendered objects with their sources, masks generated Secret values and prunes older generated ConfigMaps", async () => {
    const ns = await createNamespace("kubeship-kustomize");
    namespaces.push(ns);
    const ws = deployWorkspace(ns);
    const inputs = {
      manifests: "deploy/overlays/staging",
      kubeconfig,
      namespace: ns,
      applyset: "hello",
      prune: "true",
    };

    // the images input applies after rendering, over the overlay's own images entry
    const first = await runAction({ workspace: ws, inputs: { ...inputs, timeout: "2m", images: "nginx=nginx:1.28" } });
    assert.equal(first.exitCode, 0, visibleLog(first.log));
    const objects = objectsOf(first);
    const configMap = objects.find((o) => o.kind === "ConfigMap")?.name ?? "";
    assert.match(configMap, /^hello-config-[a-z0-9]{10}$/);
    assert.deepEqual(objects.map(row).sort(), [
      `ConfigMap/${configMap} deploy/base/kustomization.yaml:10 created`,
      "Deployment/hello deploy/base/deployment.yaml:1 created",
      `Namespace/${ns} deploy/overlays/staging/namespace.yaml:1 configured`,
      expect(objects, "Secret", "deploy/overlays/staging/kustomization.yaml:12 created"),
      "Service/hello deploy/base/service.yaml:1 created",
    ]);
    assert.doesNotMatch(first.log, /ExperimentalWarning|WASI/);
    // generated Secret values: registered for masking, raw and base64, and shown nowhere
    const masked = maskedValues(first.log);
    assert.ok(masked.includes("staging-token-not-secret"));
    assert.ok(masked.includes(Buffer.from("staging-token-not-secret").toString("base64")));
    assert.ok(!visibleLog(first.log).includes("staging-token-not-secret"));

    // what reached the cluster is what kubectl kustomize renders: no origin annotation
    const deployment = await getJson<{
      metadata: { annotations?: Record<string, string> };
      spec: { template: { spec: { containers: { image: string }[] } } };
    }>(["get", "deployment", "hello", "-n", ns]);
    assert.equal(deployment.metadata.annotations?.["config.kubernetes.io/origin"], undefined);
    assert.equal(deployment.spec.template.spec.containers[0]?.image, "nginx:1.28");

    // a plan of a changed secret literal: the object and its source, the value redacted
    edit(ws, "deploy/overlays/staging/kustomization.yaml", "staging-token-not-secret", "staging-token-changed");
    const plan = await runAction({ workspace: ws, inputs: { ...inputs, mode: "plan" } });
    assert.equal(plan.exitCode, 0, visibleLog(plan.log));
    const shown = [visibleLog(plan.log), plan.summary, JSON.stringify(plan.outputs)].join("\n");
    assert.ok(!shown.includes("staging-token-changed"));
    assert.ok(!shown.includes(Buffer.from("staging-token-changed").toString("base64")));
    assert.ok(maskedValues(plan.log).includes("staging-token-changed"));
    assert.match(plan.outputs.diff ?? "", /deploy\/overlays\/staging\/kustomization\.yaml:12/);

    // the overlay moves on: a new generated ConfigMap, and the one from the older render is pruned
    edit(ws, "deploy/components/debug/kustomization.yaml", "LOG_LEVEL=debug", "LOG_LEVEL=info");
    const second = await runAction({ workspace: ws, inputs: { ...inputs, timeout: "2m" } });
    assert.equal(second.exitCode, 0, visibleLog(second.log));
    const after = objectsOf(second);
    const newConfigMap = after.find((o) => o.kind === "ConfigMap" && o.action !== "pruned")?.name ?? "";
    assert.notEqual(newConfigMap, configMap);
    assert.ok(
      after.some((o) => o.kind === "ConfigMap" && o.name === configMap && o.action === "pruned"),
      after.map(row).join("\n"),
    );
    const names = await getJson<{ items: { metadata: { name: string } }[] }>(["get", "configmaps", "-n", ns]);
    assert.ok(!names.items.some((i) => i.metadata.name === configMap));
    assert.ok(names.items.some((i) => i.metadata.name === newConfigMap));
  });
});

function expect(objects: ObjectOutput[], kind: string, rest: string): string {
  return `${kind}/${objects.find((o) => o.kind === kind)?.name ?? "?"} ${rest}`;
}

describe("a failing kustomize overlay", () => {
  it("annotates the generated object at its generator in the kustomization, and writes nothing", async () => {
    const ws = mkdtempSync(join(tmpdir(), "kubeship-ws-"));
    const missing = `kubeship-missing-${Date.now().toString(36)}`;
    cpSync(join(repoRoot, "examples", "deploy"), join(ws, "deploy"), { recursive: true });
    const kustomization = join(ws, "deploy", "overlays", "staging", "kustomization.yaml");
    // the overlay without its Namespace object: every object targets a namespace that does not exist
    writeFileSync(
      kustomization,
      readFileSync(kustomization, "utf8").replace("kubeship-staging", missing).replace("  - namespace.yaml\n", ""),
    );
    const run = await runAction({ workspace: ws, inputs: { manifests: "deploy/overlays/staging", kubeconfig } });
    assert.equal(run.exitCode, 1, visibleLog(run.log));
    // the generated ConfigMap's problem, annotated at its generator in the base's kustomization.yaml
    assert.match(
      run.log,
      /::error file=deploy\/base\/kustomization\.yaml,line=10::deploy\/base\/kustomization\.yaml:10: ConfigMap\/kubeship-missing-[a-z0-9]+\/hello-config-[a-z0-9]{10}: namespace "kubeship-missing-[a-z0-9]+" does not exist/,
    );
    assert.match(run.summary, /deploy\/base\/kustomization\.yaml:10/);
    const namespaces = await getJson<{ items: { metadata: { name: string } }[] }>(["get", "namespaces"]);
    assert.ok(!namespaces.items.some((n) => n.metadata.name === missing), "nothing was written");
  });
});
