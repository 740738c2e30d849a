// kube-apiserver restarted mid-rollout: every watch breaks, reconnects are refused for a while, and
// the resourceVersions kubeship holds may be too old for the new server's watch cache (410). The step
// must still see the rollout through, without reporting a failure it does not have.
// This restarts the shared cluster's API server, so it lives in test/serial/ (run alone, after the rest).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { ObjectOutput } from "../../src/report/outputs.ts";
import { type ActionRun, repoRoot, runAction, visibleLog } from "../helpers/action.ts";
import { deploymentYaml, workspaceWith } from "../helpers/manifests.ts";
import { adminKubeconfig, createNamespace, deleteNamespace, eventually, getJson, kubectl } from "../helpers/cluster.ts";

const kubeconfig = adminKubeconfig();
const namespaces: string[] = [];

after(async () => {
  for (const ns of namespaces) await deleteNamespace(ns);
});

function restartApiserver(): Promise<number> {
  const child = spawn(process.execPath, [join(repoRoot, "test", "cluster", "cluster.ts"), "restart", "apiserver"], {
    stdio: "ignore",
  });
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
}

/** Runs the action and restarts kube-apiserver as soon as the Deployment has been applied. */
async function deployAcrossRestart(prefix: string, yaml: string): Promise<{ ns: string; run: ActionRun }> {
  const ns = await createNamespace(prefix);
  namespaces.push(ns);
  const ws = workspaceWith({ "app.yaml": yaml });
  let finished = false;
  const running = runAction({
    workspace: ws,
    inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, timeout: "4m" },
  }).finally(() => (finished = true));
  await eventually("the Deployment applied", 60_000, async () =>
    (await kubectl(["get", "deployments", "-n", ns, "-o", "name"])).trim() === "" ? undefined : true,
  );
  assert.equal(await restartApiserver(), 0, "npm run cluster -- restart apiserver failed");
  // Otherwise the restart did not happen during the wait, and this test would prove nothing.
  assert.equal(finished, false, "the step ended before kube-apiserver was back");
  return { ns, run: await running };
}

function rollout(run: ActionRun): string | undefined {
  return (JSON.parse(run.outputs.objects ?? "[]") as ObjectOutput[])[0]?.rollout;
}

describe("kube-apiserver restarted during a rollout", () => {
  it("a healthy rollout is still seen to completion", async () => {
    const { ns, run } = await deployAcrossRestart(
      "kubeship-restart",
      deploymentYaml("web", { annotations: { "kubeship.test/ready-after": "8" } }, 2),
    );
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal(rollout(run), "ready");
    const live = await getJson<{ status: { availableReplicas?: number } }>(["get", "deployment", "web", "-n", ns]);
    assert.equal(live.status.availableReplicas, 2);
  });
});
