// Renders through kubeship equal `kubectl kustomize` of the test cluster's kubectl (1.36.3, kustomize
// v5.8.1): our examples/deploy overlays, kustomize's own examples (test/fixtures/kustomize-examples) and
// strategic-merge patches that lean on kustomize's Kubernetes schema, which the module gives kyaml in
// compact form (test/fixtures/kustomize-smp: merge keys, $patch, a custom resource, namespace scopes).
// Each kustomization is compared twice: the module's bytes without origin annotations, and the
// objects kubeship loads (origins tracked, then removed) with kubectl's objects, in order.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseAllDocuments } from "yaml";
import { kubectl } from "../helpers/cluster.ts";
import { repoRoot } from "../helpers/action.ts";
import { loadManifests, ManifestError } from "../../src/manifests/load.ts";
import { runKustomize } from "../../src/manifests/kustomize/module.ts";
import { modulePath } from "../../src/manifests/kustomize/render.ts";
import { readKustomizationTree } from "../../src/manifests/kustomize/tree.ts";

const corpus = join(repoRoot, "test", "fixtures", "kustomize-examples");
interface Target {
  name: string;
  tree: string;
  root: string;
}
const index = JSON.parse(readFileSync(join(corpus, "index.json"), "utf8")) as { targets: Target[] };

async function reference(dir: string): Promise<{ ok: true; yaml: string } | { ok: false; error: string }> {
  try {
    return { ok: true, yaml: await kubectl(["kustomize", dir]) };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

function objectsOf(yaml: string): unknown[] {
  return parseAllDocuments(yaml, { version: "1.1" })
    .map((d) => d.toJS() as unknown)
    .filter((o) => o !== null);
}

/** Checks one kustomization `root` (relative to `workspace`) against kubectl; true when kubectl renders it. */
async function compare(workspace: string, root: string): Promise<boolean> {
  const dir = join(workspace, root);
  const expected = await reference(dir);
  const tree = await readKustomizationTree(dir, workspace, workspace);
  assert.deepEqual(tree.problems, []);
  const raw = await runKustomize({
    root: modulePath(dir),
    files: new Map([...tree.files].map(([p, c]) => [modulePath(p), c])),
    dirs: tree.dirs.map(modulePath),
    origins: false,
  });
  if (!expected.ok) {
    // kubectl refuses it (an example of an error): kubeship refuses it too, before anything is sent
    assert.equal(raw.ok, false, `kubectl fails (${expected.error}) but the module rendered ${root}`);
    await assert.rejects(loadManifests([root], workspace), ManifestError);
    return false;
  }
  assert.ok(raw.ok, raw.ok ? "" : raw.error);
  assert.equal(raw.yaml, expected.yaml, `${root}: the module's bytes differ from kubectl kustomize`);
  const loaded = await loadManifests([root], workspace).catch((error: unknown) => {
    // examples of kustomize itself that are not Kubernetes objects (breakfast.md's Coffee has no
    // apiVersion): equal bytes above, and kubeship refuses to deploy them
    if (error instanceof ManifestError && error.problems.every((p) => / is missing /.test(p.message))) return undefined;
    throw error;
  });
  if (loaded === undefined) return true;
  assert.deepEqual(
    loaded.map((o) => o.object),
    objectsOf(expected.yaml),
    `${root}: the loaded objects differ from kubectl kustomize once origins are removed`,
  );
  for (const o of loaded) assert.ok(!o.source.file.includes("(rendered)"), `${o.ref.kind}/${o.ref.name} has no origin`);
  return true;
}

describe("kustomizations render as kubectl kustomize renders them", () => {
  for (const overlay of ["base", "overlays/staging", "overlays/prod"]) {
    it(`examples/deploy/${overlay}`, async () => {
      assert.equal(await compare(join(repoRoot, "examples", "deploy"), overlay), true);
    });
  }

  for (const overlay of ["lists", "delete", "custom", "namespaces", "legacy"]) {
    it(`test/fixtures/kustomize-smp/${overlay}`, async () => {
      assert.equal(await compare(join(repoRoot, "test", "fixtures", "kustomize-smp"), overlay), true);
    });
  }

  it(`kustomize's examples at the recorded commit (${index.targets.length} kustomizations)`, async () => {
    const rendered: string[] = [];
    const failed: string[] = [];
    for (const target of index.targets) {
      if (await compare(join(corpus, "trees", target.tree), target.root)) rendered.push(target.name);
      else failed.push(target.name);
    }
    console.log(
      `${rendered.length} of ${index.targets.length} rendered and equal to kubectl's; failing in both: ${failed.join(", ")}`,
    );
    assert.ok(rendered.length >= index.targets.length - 2, "most examples render");
  });
});
