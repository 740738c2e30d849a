// The CLI as a user gets it from npm: `npm pack`, the tarball installed into an empty project, and
// `node_modules/.bin/kubeship` run against the test cluster. dist/ bundles every library, so the
// package depends on nothing and installs offline, from the tarball alone.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { paths } from "../cluster/layout.ts";
import { repoRoot } from "../helpers/action.ts";
import { closure } from "../helpers/bundles.ts";
import { freshNamespaces } from "../helpers/cluster.ts";
import { type Finished, runProcess } from "../helpers/process.ts";
import { writeFiles } from "../helpers/workspace.ts";

interface Packed {
  filename: string;
  size: number;
  files: { path: string }[];
}

const namespace = freshNamespaces();
const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
// The node that runs the tests (the repository's Node 24) also runs npm and the installed CLI, whose
// `#!/usr/bin/env node` looks it up on PATH.
const env = {
  PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
  HOME: process.env.HOME,
  npm_config_cache: process.env.npm_config_cache,
};

function npm(args: string[], cwd: string): Promise<Finished> {
  return runProcess("npm", args, { cwd, env });
}

describe("the npm package", () => {
  const dir = mkdtempSync(join(tmpdir(), "kubeship-pack-"));
  const project = join(dir, "project");
  let packed: Packed;

  before(async () => {
    const pack = await npm(["pack", "--json", "--pack-destination", dir], repoRoot);
    assert.equal(pack.code, 0, pack.stderr);
    [packed] = JSON.parse(pack.stdout) as [Packed];
    writeFiles(project, { "package.json": JSON.stringify({ name: "kubeship-user", private: true }) });
    const install = await npm(["install", "--offline", "--no-audit", "--no-fund", join(dir, packed.filename)], project);
    assert.equal(install.code, 0, install.stderr);
  });
  // the tarball and its installed copy are 35 MB, mostly kustomize.wasm
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("holds the CLI, every bundle it loads and kustomize.wasm, and not the action's entry points", () => {
    const files = new Set(packed.files.map((f) => f.path));
    assert.ok(files.has("dist/kustomize.wasm") && files.has("package.json"));
    for (const loaded of closure("cli.js", true))
      assert.ok(files.has(`dist/${loaded}`), `dist/${loaded} is not packed`);
    for (const actionOnly of ["dist/index.js", "dist/post.js", "action.yml", "dist/kustomize.wasm.stamp"])
      assert.ok(!files.has(actionOnly), `${actionOnly} is packed`);
    assert.deepEqual(
      [...files].filter((f) => !f.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(f)),
      [],
    );
  });

  it("installs alone: no dependency is pulled in", () => {
    assert.deepEqual(readdirSync(join(project, "node_modules")).sort(), [".bin", ".package-lock.json", "kubeship"]);
  });

  it("prints its version and plans a manifest and a kustomization against the cluster", async () => {
    const ns = await namespace("kubeship-pkg");
    writeFiles(project, {
      "k8s/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '1'\n",
      "overlay/kustomization.yaml": `namespace: ${ns}\nnameSuffix: -v2\nresources:\n- cm.yaml\n`,
      "overlay/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n",
    });
    const kubeship = (args: string[]) =>
      runProcess(join(project, "node_modules", ".bin", "kubeship"), args, {
        cwd: project,
        env: { ...env, KUBECONFIG: paths.kubeconfig },
      });

    const shown = await kubeship(["--version"]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(shown.stdout, `${version}\n`);

    const plan = await kubeship(["plan", "-f", "k8s/", "-n", ns]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, new RegExp(`^ConfigMap/${ns}/settings would be created \\(k8s/cm\\.yaml:1\\)$`, "m"));
    assert.match(plan.stdout, /^Plan: 1 to create, 0 to change, 0 to prune, 0 unchanged/m);

    // rendered by the packed kustomize.wasm, loaded by a bundle that only -k imports
    const overlay = await kubeship(["plan", "-k", "overlay"]);
    assert.equal(overlay.code, 0, overlay.stderr);
    assert.match(
      overlay.stdout,
      new RegExp(`^ConfigMap/${ns}/settings-v2 would be created \\(overlay/cm\\.yaml:1\\)$`, "m"),
    );
  });
});
