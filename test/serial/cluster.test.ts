// The cluster command itself: env, restart and down/up. These stop parts of the cluster, so they run
// after the other tests, one at a time (see test/run.ts).
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, it } from "node:test";
import { clusterDir, paths } from "../cluster/layout.ts";
import { repoRoot } from "../helpers/action.ts";
import { getJson, kubectl } from "../helpers/cluster.ts";

function cluster(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, "test", "cluster", "cluster.ts"), ...args], {
    encoding: "utf8",
  });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function pidOf(name: string): number {
  return (JSON.parse(readFileSync(join(paths.run, `${name}.pid`), "utf8")) as { pid: number }).pid;
}

describe("npm run cluster", () => {
  it("env prints only shell-quoted exports that reach the cluster with its own kubectl", () => {
    const env = cluster("env");
    assert.equal(env.status, 0);
    const lines = env.stdout.trim().split("\n");
    // KUBECONFIG and PATH, then the runner's ID-token variables for the local identity services
    assert.deepEqual(
      lines.map((l) => /^export ([A-Z_]+)='[^']*'$/.exec(l)?.[1]),
      ["KUBECONFIG", "PATH", "ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "NODE_EXTRA_CA_CERTS"],
    );
    const out = execFileSync(
      "bash",
      ["-c", `${env.stdout}\nkubectl version --client -o json && kubectl get nodes --no-headers`],
      { encoding: "utf8" },
    );
    assert.match(out, /"gitVersion": "v1\.36\.\d+"/);
    const nodes = out.split("\n").filter((l) => /^kwok-node-\d+\s+Ready\s/.test(l));
    assert.ok(nodes.length >= 3, out);
  });

  it("restart apiserver keeps the address and the data", async () => {
    await kubectl(["create", "configmap", "survives-restart", "-n", "default", "--from-literal=a=1"]);
    const before = pidOf("apiserver");
    const restart = cluster("restart", "apiserver");
    assert.equal(restart.status, 0, restart.stderr);
    assert.notEqual(pidOf("apiserver"), before);
    const cm = await getJson<{ data: { a: string } }>(["get", "configmap", "survives-restart", "-n", "default"]);
    assert.equal(cm.data.a, "1");
    await kubectl(["delete", "configmap", "survives-restart", "-n", "default"]);
  });

  it("down leaves no process behind, and up brings the same cluster back", async () => {
    const down = cluster("down");
    assert.equal(down.status, 0, down.stderr);
    const left = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
      .split("\n")
      // inside this cluster's folder only: the older Kubernetes' cluster (cluster-1.35) keeps running beside it
      .filter((l) => l.includes(clusterDir + sep) && !l.includes("ps -eo"));
    assert.deepEqual(left, []);
    assert.equal(cluster("status").status, 1);
    const up = cluster("up");
    assert.equal(up.status, 0, up.stderr);
    assert.equal(cluster("status").status, 0);
    const nodes = await getJson<{ items: unknown[] }>(["get", "nodes"]);
    assert.ok(nodes.items.length >= 3);
  });
});
