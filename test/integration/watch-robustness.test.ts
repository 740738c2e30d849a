// Watches torn down mid-rollout: through a local proxy whose connections the test cuts (the real
// API server cannot drop a client's connection on demand; see test/helpers/cuttable-proxy.ts), kubeship must
// neither miss the completion nor report a failure the rollout does not have.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import type { ObjectOutput } from "../../src/report/outputs.ts";
import { type ActionRun, runAction, visibleLog } from "../helpers/action.ts";
import { deploymentYaml, workspaceWith } from "../helpers/manifests.ts";
import { adminKubeconfig, createNamespace, deleteNamespace, eventually, getJson, kubectl } from "../helpers/cluster.ts";
import { type CuttableProxy, startProxy } from "../helpers/cuttable-proxy.ts";

const kubeconfig = adminKubeconfig();
const server = /server: (\S+)/.exec(kubeconfig)?.[1] ?? "";
const namespaces: string[] = [];
const proxies: CuttableProxy[] = [];

after(async () => {
  for (const proxy of proxies) await proxy.close();
  for (const ns of namespaces) await deleteNamespace(ns);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the action through a fresh proxy; resolves once the Deployment exists, i.e. the wait has begun. */
async function startThroughProxy(
  prefix: string,
  yaml: string,
): Promise<{ ns: string; proxy: CuttableProxy; running: Promise<ActionRun>; finished: () => boolean }> {
  const ns = await createNamespace(prefix);
  namespaces.push(ns);
  const proxy = await startProxy(server);
  proxies.push(proxy);
  const ws = workspaceWith({ "app.yaml": yaml });
  let done = false;
  const running = runAction({
    workspace: ws,
    inputs: { manifests: "app.yaml", kubeconfig: kubeconfig.replace(server, proxy.url), namespace: ns, timeout: "3m" },
  }).finally(() => (done = true));
  await eventually("the Deployment applied", 60_000, async () =>
    (await kubectl(["get", "deployments", "-n", ns, "-o", "name"])).trim() === "" ? undefined : true,
  );
  return { ns, proxy, running, finished: () => done };
}

function rollout(run: ActionRun): string | undefined {
  return (JSON.parse(run.outputs.objects ?? "[]") as ObjectOutput[])[0]?.rollout;
}

describe("torn watch connections", { concurrency: true }, () => {
  it("connections cut every 1.5 s during the rollout: still ready, after reconnecting", async () => {
    const { ns, proxy, running, finished } = await startThroughProxy(
      "kubeship-torn",
      deploymentYaml("web", { annotations: { "kubeship.test/ready-after": "10" } }, 2),
    );
    let cuts = 0;
    while (!finished()) {
      await sleep(1_500);
      if (proxy.cut() > 0) cuts++;
    }
    const run = await running;
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal(rollout(run), "ready");
    assert.ok(cuts >= 3, `only ${cuts} cuts happened while waiting`);
    // Every cut after the first found a connection opened since: kubeship reconnected each time.
    assert.ok(proxy.accepted >= cuts, `${proxy.accepted} connections for ${cuts} cuts`);
    const live = await getJson<{ status: { availableReplicas?: number } }>(["get", "deployment", "web", "-n", ns]);
    assert.equal(live.status.availableReplicas, 2);
  });

  it("the network is down while the rollout completes: the completion is seen after it comes back", async () => {
    const { ns, proxy, running } = await startThroughProxy(
      "kubeship-outage",
      deploymentYaml("web", { annotations: { "kubeship.test/ready-after": "4" } }, 2),
    );
    proxy.refuse = true;
    proxy.cut();
    // Completion happens on the server while kubeship cannot reach it.
    await eventually("available while the network is down", 60_000, async () => {
      const live = await getJson<{ status: { availableReplicas?: number } }>(["get", "deployment", "web", "-n", ns]);
      return live.status.availableReplicas === 2 ? true : undefined;
    });
    await sleep(3_000);
    proxy.refuse = false;
    const run = await running;
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal(rollout(run), "ready");
    assert.match(visibleLog(run.log), /deployment\/web: rolled out, 2\/2 available/);
  });

  it("a crash loop under cut connections fails with its own cause, not a connection error", async () => {
    const { proxy, running, finished } = await startThroughProxy(
      "kubeship-torn-crash",
      deploymentYaml("crasher", { labels: { "kubeship.test/simulate": "crashloop" } }, 2),
    );
    while (!finished()) {
      await sleep(700);
      proxy.cut();
    }
    const run = await running;
    assert.equal(run.exitCode, 1);
    assert.equal(rollout(run), "failed");
    assert.match(run.log, /failed to roll out: CrashLoopBackOff \(pod crasher-/);
  });
});

describe("many watches at once", () => {
  it("Deployments in 60 namespaces (120 watch streams, over kube-apiserver's 100 per HTTP/2 connection) all complete", async () => {
    const count = 60;
    const prefix = `kubeship-many-${Date.now().toString(36)}`;
    const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    namespaces.push(...names);
    // Ready only after 10 s, so that every watch must be open at once (with one connection, the streams
    // past the server's 100 would queue and their Deployments never be seen ready: checked by hand).
    const yaml = names
      .map((ns) =>
        [
          `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}`,
          deploymentYaml("web", { annotations: { "kubeship.test/ready-after": "10" } }).replace(
            "metadata:\n  name: web",
            `metadata:\n  name: web\n  namespace: ${ns}`,
          ),
        ].join("\n---\n"),
      )
      .join("\n---\n");
    const run = await runAction({
      workspace: workspaceWith({ "app.yaml": yaml }),
      inputs: { manifests: "app.yaml", kubeconfig, timeout: "2m" },
    });
    assert.equal(run.exitCode, 0, visibleLog(run.log).slice(-3000));
    const outcomes = (JSON.parse(run.outputs.objects ?? "[]") as ObjectOutput[])
      .filter((o) => o.kind === "Deployment")
      .map((o) => o.rollout);
    assert.deepEqual(
      outcomes,
      names.map(() => "ready"),
    );
  });
});
