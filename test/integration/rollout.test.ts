// The rollout wait, through the bundled action, against the test cluster's simulated pods: every
// simulated failure fails the step well before its 10-minute timeout, naming the reason; slow but
// healthy rollouts succeed only once ready, with progress lines; StatefulSets, DaemonSets, custom
// resources, skipped waits, fail-fast off and rollback-on-failure give the outcome a user expects.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { after, describe, it } from "node:test";
import type { ObjectOutput } from "../../src/report/outputs.ts";
import { type ActionRun, runAction, visibleLog } from "../helpers/action.ts";
import { deploymentYaml, jobYaml, type PodTemplate, podTemplateYaml, workspaceWith } from "../helpers/manifests.ts";
import { adminKubeconfig, eventually, getJson, kubectl, freshNamespaces } from "../helpers/cluster.ts";

const kubeconfig = adminKubeconfig();
const namespace = freshNamespaces();

function deploy(ns: string, files: Record<string, string>, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const ws = workspaceWith(files);
  return runAction({
    workspace: ws,
    inputs: { manifests: Object.keys(files).join("\n"), kubeconfig, namespace: ns, timeout: "10m", ...inputs },
  });
}

function objects(run: ActionRun): ObjectOutput[] {
  return JSON.parse(run.outputs.objects ?? "[]") as ObjectOutput[];
}

/** "Well before the 10-minute timeout": the bound the issue sets, not a measure of speed. */
const wellBefore = 3 * 60_000;

describe(
  "fail fast: each simulated failure fails the step with its reason, well before the timeout",
  { concurrency: true },
  () => {
    const noPods = async (ns: string) => {
      await kubectl(["create", "quota", "no-pods", "-n", ns, "--hard=pods=0"]);
    };
    const workload = (kind: "StatefulSet" | "DaemonSet", name: string, t: PodTemplate = {}) =>
      [
        "apiVersion: apps/v1",
        `kind: ${kind}`,
        "metadata:",
        `  name: ${name}`,
        "spec:",
        `  serviceName: ${name}`,
        `  selector: {matchLabels: {app: ${name}}}`,
        "  template:",
        podTemplateYaml(name, t, "    "),
        "",
      ]
        .filter((line) => kind === "StatefulSet" || !line.includes("serviceName"))
        .join("\n");
    const crashloop = { labels: { "kubeship.test/simulate": "crashloop" } };
    const cases: {
      name: string;
      yaml: (name: string) => string;
      reason: RegExp;
      kind?: string;
      prepare?: (ns: string) => Promise<void>;
    }[] = [
      {
        name: "crashloop",
        yaml: (n) => deploymentYaml(n, { labels: { "kubeship.test/simulate": "crashloop" } }, 2),
        reason:
          /CrashLoopBackOff \(pod crashloop-[a-z0-9]+-[a-z0-9]+, container app\)[^\n]*%0Alast termination: Error, exit code 1/,
      },
      {
        name: "image-pull",
        yaml: (n) => deploymentYaml(n, { labels: { "kubeship.test/simulate": "image-pull" } }),
        reason: /(ImagePullBackOff|ErrImagePull) \(pod image-pull-[^)]*\): [^%]*%0A.*fix: the image cannot be pulled/,
      },
      {
        name: "config-error",
        yaml: (n) => deploymentYaml(n, { labels: { "kubeship.test/simulate": "config-error" } }),
        reason: /CreateContainerConfigError \(pod [^)]*\): configmap "kubeship-simulated-missing" not found/,
      },
      {
        name: "oom-killed",
        yaml: (n) => deploymentYaml(n, { labels: { "kubeship.test/simulate": "oom-killed" } }),
        reason:
          /OOMKilled \(pod [^)]*\): container app was OOM-killed \(exit code 137\)[^%]*%0Alast termination: OOMKilled, exit code 137/,
      },
      {
        name: "invalid-image",
        yaml: (n) => deploymentYaml(n, { labels: { "kubeship.test/simulate": "invalid-image" } }),
        reason: /InvalidImageName \(pod [^)]*\): .*invalid reference format/,
      },
      {
        name: "unschedulable",
        yaml: (n) => deploymentYaml(n, { nodeSelector: { "kubeship.test/no-such-node": "true" } }),
        reason: /Unschedulable \(pod [^)]*\): 0\/\d+ nodes are available: .*didn't match Pod's node affinity\/selector/,
      },
      {
        name: "quota",
        prepare: noPods,
        yaml: (n) => deploymentYaml(n),
        reason: /FailedCreate: pods "quota-[a-z0-9]+-[a-z0-9]+" is forbidden: exceeded quota: no-pods/,
      },
      {
        name: "sts-quota",
        kind: "StatefulSet",
        prepare: noPods,
        yaml: (n) => workload("StatefulSet", n),
        reason:
          /FailedCreate: Create Pod sts-quota-0 in StatefulSet sts-quota failed error: pods "sts-quota-0" is forbidden: exceeded quota: no-pods/,
      },
      {
        name: "sts-crashloop",
        kind: "StatefulSet",
        yaml: (n) => workload("StatefulSet", n, crashloop),
        reason: /CrashLoopBackOff \(pod sts-crashloop-0, container app\)/,
      },
      {
        name: "ds-crashloop",
        kind: "DaemonSet",
        yaml: (n) => workload("DaemonSet", n, crashloop),
        reason: /CrashLoopBackOff \(pod ds-crashloop-[a-z0-9]+, container app\)/,
      },
      {
        name: "job-fail",
        kind: "Job",
        yaml: (n) => jobYaml(n, { labels: { "kubeship.test/simulate": "job-fail" } }),
        reason:
          /BackoffLimitExceeded \(pod job-fail-[a-z0-9]+, container app\): Job has reached the specified backoff limit%0Alast termination: Error, exit code 1/,
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const ns = await namespace(`kubeship-ff-${c.name}`);
        await c.prepare?.(ns);
        const started = Date.now();
        const run = await deploy(ns, { "app.yaml": c.yaml(c.name) });
        const took = Date.now() - started;
        assert.equal(run.exitCode, 1, visibleLog(run.log));
        assert.ok(took < wellBefore, `took ${took / 1000}s`);
        assert.equal(run.outputs.result, "failure");
        assert.equal(objects(run)[0]?.rollout, "failed");
        const kind = c.kind ?? "Deployment";
        assert.match(
          run.log,
          new RegExp(`::error file=app\\.yaml,line=1::app\\.yaml:1: ${kind}/${ns}/${c.name} failed to roll out: `),
        );
        assert.match(run.log, c.reason);
        assert.match(
          run.summary,
          new RegExp(
            `\\*\\*${kind}/${ns}/${c.name}\\*\\* \\(\`app\\.yaml:1\`\\): ${kind}/${ns}/${c.name} failed to roll out`,
          ),
        );
      });
    }
  },
);

describe("Jobs retry", () => {
  it("a Job whose pods crash is not failed fast: its backoffLimit decides, so only the timeout ends the wait", async () => {
    const ns = await namespace("kubeship-job-retries");
    const run = await deploy(
      ns,
      { "job.yaml": jobYaml("migrate", { labels: { "kubeship.test/simulate": "crashloop" } }) },
      { timeout: "12s" },
    );
    assert.equal(run.exitCode, 1);
    assert.equal(objects(run)[0]?.rollout, "timeout");
    assert.doesNotMatch(run.log, /failed to roll out: CrashLoopBackOff/);
  });
});

describe("slow but healthy rollouts succeed once ready", { concurrency: true }, () => {
  it("a Deployment ready after 20 s and a Job complete after 15 s, with progress lines", async () => {
    const ns = await namespace("kubeship-slow");
    const run = await deploy(ns, {
      "app.yaml": deploymentYaml("web", { annotations: { "kubeship.test/ready-after": "20" } }, 2),
      "job.yaml": jobYaml("migrate", { annotations: { "kubeship.test/complete-after": "15" } }),
    });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.deepEqual(
      objects(run).map((o) => [o.kind, o.rollout]),
      [
        ["Deployment", "ready"],
        ["Job", "ready"],
      ],
    );
    const log = visibleLog(run.log);
    assert.match(log, /deployment\/web: 2\/2 updated, 0\/2 available/);
    assert.match(log, /deployment\/web: rolled out, 2\/2 available/);
    assert.match(log, /job\/migrate: 0\/1 succeeded, 1 active/);
    assert.match(log, /job\/migrate: complete/);
    assert.match(
      log,
      /Still waiting for 2 objects \(\d+s of 10m00s\):\n {2}deployment\/web: 2\/2 updated, 0\/2 available/,
    );
    // The step ended only once both really were ready on the server.
    const deployment = await getJson<{ status: { availableReplicas?: number } }>([
      "get",
      "deployment",
      "web",
      "-n",
      ns,
    ]);
    assert.equal(deployment.status.availableReplicas, 2);
    const job = await getJson<{ status: { succeeded?: number } }>(["get", "job", "migrate", "-n", ns]);
    assert.equal(job.status.succeeded, 1);
  });

  it("StatefulSets with and without a partition, and a DaemonSet across the fake nodes", async () => {
    const ns = await namespace("kubeship-sets");
    const sts = (name: string, image: string, partition?: number) =>
      [
        "apiVersion: apps/v1",
        "kind: StatefulSet",
        "metadata:",
        `  name: ${name}`,
        "spec:",
        "  replicas: 3",
        `  serviceName: ${name}`,
        `  selector: {matchLabels: {app: ${name}}}`,
        ...(partition === undefined
          ? []
          : ["  updateStrategy:", "    type: RollingUpdate", `    rollingUpdate: {partition: ${partition}}`]),
        "  template:",
        podTemplateYaml(name, { image, annotations: { "kubeship.test/ready-after": "2" } }, "    "),
        "",
      ].join("\n");
    const ds = [
      "apiVersion: apps/v1",
      "kind: DaemonSet",
      "metadata:",
      "  name: agent",
      "spec:",
      "  selector: {matchLabels: {app: agent}}",
      "  template:",
      podTemplateYaml("agent", { annotations: { "kubeship.test/ready-after": "2" } }, "    "),
      "",
    ].join("\n");
    const first = await deploy(ns, {
      "db.yaml": sts("db", "registry.example/db:1"),
      "part.yaml": sts("part", "registry.example/db:1"),
      "ds.yaml": ds,
    });
    assert.equal(first.exitCode, 0, visibleLog(first.log));
    assert.match(visibleLog(first.log), /daemonset\/agent: rolled out on 3 nodes/);

    // A new image with partition 2 updates only the pod at ordinal 2; the step is done when it is.
    const second = await deploy(ns, {
      "db.yaml": sts("db", "registry.example/db:2"),
      "part.yaml": sts("part", "registry.example/db:2", 2),
    });
    assert.equal(second.exitCode, 0, visibleLog(second.log));
    assert.match(visibleLog(second.log), /statefulset\/part: partitioned rollout done: 1\/1 updated \(partition 2\)/);
    assert.match(visibleLog(second.log), /statefulset\/db: rolled out, 3\/3 ready/);
    const pods = await getJson<{ items: { metadata: { name: string }; spec: { containers: { image: string }[] } }[] }>([
      "get",
      "pods",
      "-n",
      ns,
      "-l",
      "app=part",
    ]);
    const images = Object.fromEntries(pods.items.map((p) => [p.metadata.name, p.spec.containers[0]?.image]));
    assert.deepEqual(images, {
      "part-0": "registry.example/db:1",
      "part-1": "registry.example/db:1",
      "part-2": "registry.example/db:2",
    });
    const db = await getJson<{ status: { updatedReplicas?: number; readyReplicas?: number } }>([
      "get",
      "statefulset",
      "db",
      "-n",
      ns,
    ]);
    assert.equal(db.status.updatedReplicas, 3);
  });
});

describe("custom resources and skipped waits", { concurrency: true }, () => {
  it("waits for Ready of the current generation, set later by another client; a stale Ready is not readiness", async () => {
    const ns = await namespace("kubeship-cr");
    const group = `${ns}.kubeship.test`;
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: `widgets.${group}` },
      spec: {
        group,
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            subresources: { status: {} },
            schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
          },
        ],
      },
    };
    await kubectl(["apply", "-f", "-"], JSON.stringify(crd));
    // Not `kubectl wait --for=condition=Established`: it fails at once ("accessor error: <nil>") instead of
    // waiting when it reads the CRD before the server has set any condition, which a loaded machine shows.
    await eventually(`CRD widgets.${group} Established`, 30_000, async () => {
      const live = await getJson<{ status?: { conditions?: { type: string; status: string }[] } }>([
        "get",
        "crd",
        `widgets.${group}`,
      ]);
      return live.status?.conditions?.some((c) => c.type === "Established" && c.status === "True") === true
        ? true
        : undefined;
    });
    onCleanup(() => kubectl(["delete", "crd", `widgets.${group}`, "--wait=false"]));
    const widget = (size: number) =>
      `apiVersion: ${group}/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: ${size}\n`;
    await kubectl(["apply", "--server-side", "--field-manager=kubeship", "-n", ns, "-f", "-"], widget(1));
    const setReady = async (generation: number) => {
      const status = {
        status: {
          observedGeneration: generation,
          conditions: [
            {
              type: "Ready",
              status: "True",
              reason: "Done",
              message: "",
              lastTransitionTime: new Date().toISOString(),
              observedGeneration: generation,
            },
          ],
        },
      };
      await kubectl([
        "patch",
        `widgets.${group}`,
        "w",
        "-n",
        ns,
        "--subresource=status",
        "--type=merge",
        "-p",
        JSON.stringify(status),
      ]);
    };
    await setReady(1);

    // kubeship changes the spec (generation 2); the status still says Ready for generation 1.
    const running = deploy(ns, { "w.yaml": widget(2) }, { timeout: "2m" });
    const generation = await eventually("generation 2", 30_000, async () => {
      const w = await getJson<{ metadata: { generation: number } }>(["get", `widgets.${group}`, "w", "-n", ns]);
      return w.metadata.generation === 2 ? 2 : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await setReady(generation);
    const run = await running;
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.match(visibleLog(run.log), /widget\/w: waiting for the controller to observe generation 2/);
    assert.match(visibleLog(run.log), /widget\/w: Ready/);
    assert.ok((objects(run)[0]?.durationMs ?? 0) >= 3_000, "the stale Ready of generation 1 was taken for readiness");
  });

  it('kubeship.io/wait: "false" skips an object\'s wait', async () => {
    const ns = await namespace("kubeship-skip");
    const yaml = deploymentYaml("later", { annotations: { "kubeship.test/ready-after": "600" } }).replace(
      "metadata:\n  name: later",
      'metadata:\n  name: later\n  annotations: {kubeship.io/wait: "false"}',
    );
    const run = await deploy(ns, { "app.yaml": yaml }, { timeout: "1m" });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal(objects(run)[0]?.rollout, "skipped");
  });

  it("fail-fast: false waits until the timeout, then lists what was not ready and why", async () => {
    const ns = await namespace("kubeship-noff");
    const run = await deploy(
      ns,
      { "app.yaml": deploymentYaml("crasher", { labels: { "kubeship.test/simulate": "crashloop" } }) },
      { timeout: "15s", "fail-fast": "false" },
    );
    assert.equal(run.exitCode, 1);
    assert.equal(objects(run)[0]?.rollout, "timeout");
    assert.match(
      run.log,
      new RegExp(
        `::error file=app\\.yaml,line=1::app\\.yaml:1: Deployment/${ns}/crasher did not become ready within 15\\.0s: 1/1 updated, 0/1 available; CrashLoopBackOff on pod crasher-[a-z0-9-]+%0Awhy: CrashLoopBackOff \\(pod crasher-`,
      ),
    );
  });
});

describe("grace periods", () => {
  it("an unschedulable pod for which a cluster autoscaler triggered a scale-up is given longer than 30 s", async () => {
    const ns = await namespace("kubeship-scaleup");
    const running = deploy(
      ns,
      { "app.yaml": deploymentYaml("pending", { nodeSelector: { "kubeship.test/no-such-node": "true" } }) },
      { timeout: "50s" },
    );
    const pod = await eventually(
      "the pending pod",
      30_000,
      async () =>
        (
          await getJson<{ items: { metadata: { name: string; uid: string } }[] }>([
            "get",
            "pods",
            "-n",
            ns,
            "-l",
            "app=pending",
          ])
        ).items[0],
    );
    // What cluster-autoscaler records when it adds a node for the pod (a Normal event on the pod).
    const event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `${pod.metadata.name}.scaleup`, namespace: ns },
      involvedObject: { apiVersion: "v1", kind: "Pod", name: pod.metadata.name, namespace: ns, uid: pod.metadata.uid },
      reason: "TriggeredScaleUp",
      message: "pod triggered scale-up: [{nodes 1->2 (max: 10)}]",
      type: "Normal",
      source: { component: "cluster-autoscaler" },
      firstTimestamp: new Date().toISOString(),
      lastTimestamp: new Date().toISOString(),
      count: 1,
    };
    await kubectl(["create", "-f", "-"], JSON.stringify(event));
    const run = await running;
    assert.equal(run.exitCode, 1);
    // Not failed after the 30 s grace for Unschedulable: still waiting when the 50 s timeout came.
    assert.equal(objects(run)[0]?.rollout, "timeout");
    assert.match(
      run.log,
      new RegExp(
        `Deployment/${ns}/pending did not become ready within 50\\.0s: 1/1 updated, 0/1 available; Unschedulable on pod pending-[a-z0-9-]+%0Awhy: Unschedulable`,
      ),
    );
  });
});

describe("a service account that does not exist yet", () => {
  it("earns a grace period: created a few seconds after the Deployment, the rollout succeeds", async () => {
    const ns = await namespace("kubeship-sa-later");
    const app = deploymentYaml("web").replace("    spec:\n", "    spec:\n      serviceAccountName: later\n");
    const running = deploy(ns, { "app.yaml": app }, { timeout: "2m" });
    // the Deployment's controller is refused pods until the service account exists
    await eventually("the refused pods", 60_000, async () => {
      const deployment = await getJson<{ status?: { conditions?: { type: string; message?: string }[] } }>([
        "get",
        "deployment",
        "web",
        "-n",
        ns,
      ]).catch(() => undefined); // not applied yet
      const failure = deployment?.status?.conditions?.find((c) => c.type === "ReplicaFailure");
      return failure?.message?.includes('serviceaccount "later" not found') === true ? failure : undefined;
    });
    await kubectl(["create", "serviceaccount", "later", "-n", ns]);
    const run = await running;
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal(objects(run)[0]?.rollout, "ready");
  });
});

describe("cancellation", { concurrency: true }, () => {
  // the runner sends SIGINT first when a workflow is cancelled, then SIGTERM; either ends the run
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} stops the watches, reports what was applied and still rolling out, and exits within seconds`, async () => {
      const ns = await namespace("kubeship-cancel");
      let child: ChildProcess | undefined;
      const ws = workspaceWith({
        "app.yaml": deploymentYaml("slow", { annotations: { "kubeship.test/ready-after": "600" } }),
      });
      const running = runAction({
        workspace: ws,
        inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, timeout: "10m" },
        onStart: (c) => (child = c),
      });
      await eventually("the Deployment applied", 60_000, async () =>
        (await kubectl(["get", "deployments", "-n", ns, "-o", "name"])).trim() === "" ? undefined : true,
      );
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const signalled = Date.now();
      child?.kill(signal);
      const run = await running;
      const took = Date.now() - signalled;
      assert.ok(took < 5_000, `exited ${took / 1000}s after ${signal}`);
      assert.equal(run.exitCode, 1);
      assert.equal(run.outputs.result, "failure");
      assert.match(run.state["kubeconfig-path"] ?? "", /kubeship-kubeconfig-[0-9a-f]+\.yaml$/);
      assert.deepEqual(
        objects(run).map((o) => [o.name, o.action, o.rollout]),
        [["slow", "created", "cancelled"]],
      );
      assert.match(visibleLog(run.log), new RegExp(`Received ${signal}: stopping everything in flight`));
      assert.match(
        visibleLog(run.log),
        new RegExp(`Cancelled: 1 object\\(s\\) applied; still rolling out: Deployment/${ns}/slow`),
      );
      assert.match(
        run.log,
        new RegExp(
          `Deployment/${ns}/slow was still rolling out when the workflow was cancelled: 1/1 updated, 0/1 available`,
        ),
      );
      assert.match(run.summary, /❌ Deploy cancelled/);
    });
  }
});

describe("rollback-on-failure", () => {
  it("returns a broken Deployment to its previous image, waits for it, and still fails saying so", async () => {
    const ns = await namespace("kubeship-rollback");
    const good = await deploy(ns, { "app.yaml": deploymentYaml("web", { image: "registry.example/app:1" }, 2) });
    assert.equal(good.exitCode, 0, visibleLog(good.log));
    const broken = await deploy(
      ns,
      {
        "app.yaml": deploymentYaml(
          "web",
          { image: "registry.example/app:2", labels: { "kubeship.test/simulate": "crashloop" } },
          2,
        ),
      },
      { "rollback-on-failure": "true" },
    );
    assert.equal(broken.exitCode, 1, visibleLog(broken.log));
    assert.match(visibleLog(broken.log), new RegExp(`Rolling back Deployment/${ns}/web to revision 1`));
    assert.match(broken.log, /CrashLoopBackOff[^\n]*%0A.*rolled back to revision 1 \(rolled out\)/);
    assert.match(broken.summary, /#### Rolled back/);
    const deployment = await getJson<{
      spec: { template: { spec: { containers: { image: string }[] } } };
      status: { availableReplicas?: number; updatedReplicas?: number };
    }>(["get", "deployment", "web", "-n", ns]);
    assert.equal(deployment.spec.template.spec.containers[0]?.image, "registry.example/app:1");
    assert.equal(deployment.status.availableReplicas, 2);
    // The next deploy applies without a field-ownership conflict with the rollback.
    const next = await deploy(ns, { "app.yaml": deploymentYaml("web", { image: "registry.example/app:3" }, 2) });
    assert.equal(next.exitCode, 0, visibleLog(next.log));
  });
});

const cleanups: (() => Promise<unknown>)[] = [];
function onCleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}
after(async () => {
  for (const fn of cleanups) await fn();
});
