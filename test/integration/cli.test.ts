// The command-line tool end to end against the test cluster: same engine, terminal output.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { paths } from "../cluster/layout.ts";
import { repoRoot } from "../helpers/action.ts";
import { createNamespace, deleteNamespace, getJson } from "../helpers/cluster.ts";
import { type Finished, runProcess } from "../helpers/process.ts";
import { workspaceWith, writeFiles } from "../helpers/workspace.ts";

/** Runs the CLI; `onStderr` sees its error stream as it grows and may signal the process. */
function cli(args: string[], cwd: string, onStderr?: (stderr: string, child: ChildProcess) => void): Promise<Finished> {
  return runProcess(process.execPath, [join(repoRoot, "dist", "cli.js"), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: cwd, KUBECONFIG: paths.kubeconfig },
    ...(onStderr === undefined ? {} : { onStderr }),
  });
}

const packageVersion = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string })
  .version;
const namespaces: string[] = [];
after(async () => {
  for (const ns of namespaces) await deleteNamespace(ns);
});

describe("kubeship CLI", () => {
  it("applies with progress, plans with a diff, and exits 0/1/2 as documented", async () => {
    const ns = await createNamespace("kubeship-cli");
    namespaces.push(ns);
    const app = (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}, annotations: {kubeship.test/ready-after: "2"}}\n    spec: {containers: [{name: web, image: '${image}'}]}\n`;
    const ws = workspaceWith({ "k8s/app.yaml": app("nginx:1.27") });

    const apply = await cli(["apply", "-f", "k8s/", "-n", ns, "--timeout", "60s"], ws);
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stderr, new RegExp(`Deployment/${ns}/web created \\(k8s/app\\.yaml:1\\)`));
    assert.match(
      apply.stderr,
      /deployment\/web: 2\/2 updated, 0\/2 available\n[\s\S]*deployment\/web: rolled out, 2\/2 available/,
    );
    assert.match(apply.stdout, /^Deployed: 1 changed, 1 objects in \d+\.\ds$/m);
    assert.equal(
      (await getJson<{ status: { availableReplicas: number } }>(["get", "deployment", "web", "-n", ns])).status
        .availableReplicas,
      2,
    );

    writeFiles(ws, { "k8s/app.yaml": app("nginx:1.28") });
    const plan = await cli(["plan", "-f", "k8s/app.yaml", "-n", ns], ws);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(
      plan.stdout,
      /- spec\.template\.spec\.containers\[0\]\.image: nginx:1\.27\n {2}\+ spec\.template\.spec\.containers\[0\]\.image: nginx:1\.28/,
    );
    assert.match(plan.stdout, /Plan: 0 to create, 1 to change, 0 to prune, 0 unchanged/);

    const broken = await cli(["apply", "-f", "missing.yaml", "-n", ns], ws);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /error: manifests: "missing\.yaml" matches no file/);

    const usage = await cli(["deploy"], ws);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /unknown command "deploy"/);
    const help = await cli(["--help"], ws);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /kubeship apply -f PATH/);
    const version = await cli(["--version"], ws);
    assert.equal(version.code, 0);
    assert.equal(version.stdout, `${packageVersion}\n`);
  });
});

describe("kubeship CLI with -k", () => {
  it("plans a kustomization as kubectl apply -k would, sources in its files; -k of a plain directory is a usage error", async () => {
    const ns = await createNamespace("kubeship-cli-k");
    namespaces.push(ns);
    const ws = workspaceWith({
      "app/kustomization.yaml": `namespace: ${ns}\nnameSuffix: -v2\nresources:\n- cm.yaml\n`,
      "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: '1'\n",
      "plain/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n",
    });
    const plan = await cli(["plan", "-k", "app"], ws);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stderr, new RegExp(`ConfigMap/${ns}/settings-v2 would be created`));
    assert.match(plan.stdout, /app\/cm\.yaml:1/);
    assert.doesNotMatch(plan.stderr, /ExperimentalWarning|WASI/);

    const usage = await cli(["plan", "-k", "plain"], ws);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /-k\/--kustomize: plain holds no kustomization\.yaml/);
  });
});

describe("kubeship CLI stopped with Ctrl-C", () => {
  it("stops the rollout wait at the first SIGINT, prints what was done and exits 130; a second SIGINT exits at once", async () => {
    const ns = await createNamespace("kubeship-cli-sigint");
    namespaces.push(ns);
    // Ready only after ten minutes: the wait would hold the terminal far longer than the test allows
    const slow = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}, annotations: {kubeship.test/ready-after: "600"}}\n    spec: {containers: [{name: web, image: nginx:1.27}]}\n`;
    const ws = workspaceWith({ "k8s/slow.yaml": slow("slow"), "k8s/slower.yaml": slow("slower") });
    const waiting = /deployment\/slow: /;

    let signalled = 0;
    const started = Date.now();
    const once = await cli(["apply", "-f", "k8s/slow.yaml", "-n", ns, "--timeout", "5m"], ws, (err, child) => {
      if (signalled === 0 && waiting.test(err)) {
        signalled = Date.now();
        child.kill("SIGINT");
      }
    });
    assert.ok(signalled > 0, `the CLI never started waiting:\n${once.stderr}`);
    assert.equal(once.code, 130, once.stderr);
    assert.ok(Date.now() - signalled < 10_000, `it took ${Date.now() - signalled} ms to stop after SIGINT`);
    assert.match(once.stderr, /Received SIGINT: stopping everything in flight/);
    assert.match(once.stderr, new RegExp(`Deployment/${ns}/slow created \\(k8s/slow\\.yaml:1\\)`));
    assert.match(once.stdout, /cancel/i, "the result says the run was cancelled");
    assert.ok(Date.now() - started < 120_000);

    // A second SIGINT while the first is being handled ends the process at once, still with 130
    let sent = 0;
    const twice = await cli(["apply", "-f", "k8s/slower.yaml", "-n", ns, "--timeout", "5m"], ws, (err, child) => {
      if (sent === 0 && /deployment\/slower: /.test(err)) {
        sent = 2;
        child.kill("SIGINT");
        child.kill("SIGINT");
      }
    });
    assert.equal(sent, 2, twice.stderr);
    assert.equal(twice.code, 130, twice.stderr);
  });
});
