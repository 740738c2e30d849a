// Kustomizations in manifests: what is refused before kustomize runs (remote bases, KRM functions,
// external plugins, helm), the sandbox (only files kubeship read and handed over, inside the
// workspace, links under the manifests rule), kustomizations mixed with plain files, and a directory
// that holds kustomizations further down.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadManifests, ManifestError } from "../../src/manifests/load.ts";
import { runKustomize } from "../../src/manifests/kustomize/module.ts";
import { workspaceWith } from "../helpers/workspace.ts";

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;

async function problemsOf(entries: string[], ws: string): Promise<string[]> {
  try {
    await loadManifests(entries, ws);
  } catch (error) {
    assert.ok(error instanceof ManifestError, String(error));
    return error.problems.map((p) =>
      p.source === undefined ? p.message : `${p.source.file}:${p.source.line}: ${p.message}`,
    );
  }
  assert.fail("loading succeeded");
}

describe("kustomizations refused before kustomize runs", () => {
  it("names the kustomization, the entry and what to do instead", async () => {
    const ws = workspaceWith({
      "app/kustomization.yaml":
        "resources:\n- cm.yaml\n- github.com/example/repo//deploy?ref=v1\n- https://example.com/x.yaml\n- ../base\n" +
        "helmCharts:\n- name: redis\n  repo: https://charts.example.com\n" +
        "transformers:\n- fn.yaml\n- |-\n  apiVersion: builtin\n  kind: PrefixSuffixTransformer\n  metadata:\n    name: p\n  prefix: x-\n  fieldSpecs:\n  - path: metadata/name\n" +
        "generators:\n- |-\n  apiVersion: example.com/v1\n  kind: Gen\n  metadata:\n    name: g\n    annotations:\n      config.kubernetes.io/function: |\n        exec:\n          path: ./gen.sh\n",
      "app/cm.yaml": cm("a"),
      "app/fn.yaml": "apiVersion: someteam.example.com/v1\nkind: SedTransformer\nmetadata:\n  name: sed\n",
      "base/kustomization.yaml": "resources:\n- git@github.com:example/base.git\n",
    });
    const problems = await problemsOf(["app"], ws);
    const expected = [
      /^app\/kustomization\.yaml:1: app\/kustomization\.yaml: resources entry "github\.com\/example\/repo\/\/deploy\?ref=v1" is a remote base.*vendor it into the repository/,
      /resources entry "https:\/\/example\.com\/x\.yaml" is a remote base/,
      /app\/kustomization\.yaml: helmCharts needs a helm binary.*helm template/,
      /app\/kustomization\.yaml: Gen \(apiVersion example\.com\/v1\) is a KRM function \(exec or container\).*earlier step/,
      /app\/fn\.yaml: SedTransformer \(apiVersion someteam\.example\.com\/v1\) is an external kustomize plugin/,
      /base\/kustomization\.yaml: resources entry "git@github\.com:example\/base\.git" is a remote base/,
    ];
    assert.equal(problems.length, expected.length, problems.join("\n"));
    for (const pattern of expected)
      assert.ok(
        problems.some((p) => pattern.test(p)),
        `${pattern}\n${problems.join("\n")}`,
      );
  });

  it("a directory holding kustomizations further down is an error naming them, never their YAML applied", async () => {
    const ws = workspaceWith({
      "deploy/base/kustomization.yaml": "resources: [cm.yaml]\n",
      "deploy/base/cm.yaml": cm("a"),
      "deploy/overlays/prod/kustomization.yaml": "resources: [../../base]\n",
      "deploy/overlays/staging/kustomization.yaml": "resources: [../../base]\n",
    });
    const problems = await problemsOf(["deploy"], ws);
    assert.deepEqual(problems, [
      "manifests: a directory holds the kustomizations deploy/base, deploy/overlays/prod, deploy/overlays/staging: " +
        "name the one to deploy (for example `manifests: deploy/overlays/prod`), and kubeship renders it as `kubectl apply -k` would",
    ]);
  });
});

describe("the sandbox: kustomize sees only what kubeship read and handed over", () => {
  it("refuses a resource outside the workspace and a symbolic link out of it, naming them", async () => {
    const ws = workspaceWith({
      "app/kustomization.yaml": "resources:\n- /etc/passwd\n- cm.yaml\n",
      "app/cm.yaml": cm("a"),
    });
    symlinkSync("/etc", join(ws, "app", "etc"));
    const problems = await problemsOf(["app"], ws);
    assert.equal(problems.length, 2, problems.join("\n"));
    assert.match(
      problems[0] ?? "",
      /the symbolic link app\/etc leads to \/etc, outside the workspace: kubeship reads a kustomization's files only there/,
    );
    assert.match(problems[1] ?? "", /the resource \/etc\/passwd leads to \/etc\/passwd, outside the workspace/);
  });

  it("a file outside the kustomization's root is refused by kustomize's load restrictor, as kubectl refuses it", async () => {
    const ws = workspaceWith({
      "app/kustomization.yaml": "resources:\n- ../outside.yaml\n",
      "outside.yaml": cm("out"),
    });
    const problems = await problemsOf(["app"], ws);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(
      problems[0] ?? "",
      /^app\/kustomization\.yaml:1: kustomize cannot render app: .*security; file '\/?outside\.yaml' is not in or below '\/?app'/,
    );
  });

  it("the module reads no disk: a file present on disk but not handed over does not exist for it", async () => {
    const ws = workspaceWith({ "app/kustomization.yaml": "resources: [cm.yaml]\n", "app/cm.yaml": cm("a") });
    const root = join(ws, "app");
    const outcome = await runKustomize({
      root,
      files: new Map([[join(root, "kustomization.yaml"), Buffer.from("resources: [cm.yaml]\n")]]),
      dirs: [],
      origins: false,
    });
    assert.equal(outcome.ok, false);
    assert.match(outcome.ok ? "" : outcome.error, /cm\.yaml/);
  });
});

describe("kustomizations among plain files", () => {
  it("a rendered object kubeship cannot deploy is named at its kustomization", async () => {
    const ws = workspaceWith({
      "app/kustomization.yaml": "resources: [x.yaml]\n",
      "app/x.yaml": "kind: Coffee\nmetadata:\n  name: c\n",
    });
    assert.deepEqual(await problemsOf(["app"], ws), [
      "app/kustomization.yaml:1: the object kustomize rendered at line 1 of its output: Coffee is missing apiVersion",
    ]);
  });

  it("renders a kustomization named by its directory or its file, in entry order with plain files", async () => {
    const ws = workspaceWith({
      "app/kustomization.yaml": "namePrefix: app-\nresources:\n- cm.yaml\n",
      "app/cm.yaml": "# first\n" + cm("a"),
      "plain.yaml": cm("plain"),
    });
    const objects = await loadManifests(["plain.yaml", "app/kustomization.yaml"], ws);
    assert.deepEqual(
      objects.map(
        (o) => `${o.ref.kind}/${o.ref.name} ${o.source.file}:${o.source.line} ${JSON.stringify(o.object.metadata)}`,
      ),
      ['ConfigMap/plain plain.yaml:1 {"name":"plain"}', 'ConfigMap/app-a app/cm.yaml:2 {"name":"app-a"}'],
    );
  });
});

describe("Node's WASI warning", () => {
  it("is dropped while node:wasi loads, in a fresh process, and every other warning is still printed", () => {
    const ws = workspaceWith({ "app/kustomization.yaml": "resources: [cm.yaml]\n", "app/cm.yaml": cm("a") });
    const script =
      `import { loadManifests } from ${JSON.stringify(join(import.meta.dirname, "../../src/manifests/load.ts"))};\n` +
      `const objects = await loadManifests(["app"], ${JSON.stringify(ws)});\n` +
      `process.emitWarning("still shown", "DeprecationWarning");\n` +
      `console.log(objects.map((o) => o.ref.name).join(","));\n`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), "a");
    assert.doesNotMatch(child.stderr, /ExperimentalWarning|WASI/);
    assert.match(child.stderr, /DeprecationWarning: still shown/);
  });
});

describe("the module compiled and instantiated before the render", () => {
  // A fresh process counts WebAssembly.compile and instantiate calls: this process may have compiled
  // the module already.
  function callsIn(ws: string, entries: string[]): { compiles: number[]; instances: number[]; names: string } {
    const src = (path: string) => JSON.stringify(join(import.meta.dirname, "../../src/manifests", path));
    const script =
      `const compile = WebAssembly.compile.bind(WebAssembly); let compiles = 0;\n` +
      `WebAssembly.compile = (bytes) => { compiles++; return compile(bytes); };\n` +
      `const instantiate = WebAssembly.instantiate.bind(WebAssembly); let instances = 0;\n` +
      `WebAssembly.instantiate = (module, imports) => { instances++; return instantiate(module, imports); };\n` +
      `const { prepareKustomize } = await import(${src("kustomize/prepare.ts")});\n` +
      `const { loadManifests } = await import(${src("load.ts")});\n` +
      `await prepareKustomize(${JSON.stringify(entries)}, ${JSON.stringify(ws)});\n` +
      `const prepared = [compiles, instances];\n` +
      `const objects = await loadManifests(${JSON.stringify(entries)}, ${JSON.stringify(ws)});\n` +
      `console.log(JSON.stringify({ compiles: [prepared[0], compiles], instances: [prepared[1], instances], ` +
      `names: objects.map((o) => o.ref.name).join(",") }));\n`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout) as { compiles: number[]; instances: number[]; names: string };
  }

  it("happens when an entry is a kustomization, and the first render takes that instance; a second makes its own", () => {
    const ws = workspaceWith({
      "app/kustomization.yaml": "resources: [cm.yaml]\n",
      "app/cm.yaml": cm("a"),
      "other/kustomization.yaml": "resources: [cm.yaml]\n",
      "other/cm.yaml": cm("b"),
    });
    assert.deepEqual(callsIn(ws, ["app"]), { compiles: [1, 1], instances: [1, 1], names: "a" });
    assert.deepEqual(callsIn(ws, ["app", "other"]), { compiles: [1, 1], instances: [1, 2], names: "a,b" });
  });

  it("never happens for plain manifests", () => {
    const ws = workspaceWith({ "plain/cm.yaml": cm("b"), "app/cm.yaml": cm("c") });
    assert.deepEqual(callsIn(ws, ["plain", "app/cm.yaml"]), { compiles: [0, 0], instances: [0, 0], names: "b,c" });
  });
});
