// The test cluster's simulated pod behaviours: one workload per behaviour, checked through the API
// for exactly the status and events that other tests and kubeship's rollout engine rely on.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createNamespace, deleteNamespace, eventually, getJson, kubectl } from "../helpers/cluster.ts";

interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  state: {
    waiting?: { reason: string; message?: string };
    running?: object;
    terminated?: { reason: string; exitCode: number; startedAt?: string; finishedAt?: string };
  };
  lastState?: { terminated?: { reason: string; exitCode: number } };
}

interface Pod {
  metadata: { name: string; creationTimestamp: string };
  status: {
    phase: string;
    startTime?: string;
    conditions?: { type: string; status: string; reason?: string; lastTransitionTime?: string }[];
    containerStatuses?: ContainerStatus[];
  };
}

interface EventList {
  items: { type: string; reason: string; message: string; involvedObject: { name: string; kind: string } }[];
}

let namespace = "";

function deployment(
  name: string,
  template: { labels?: Record<string, string>; annotations?: Record<string, string> },
  spec: Record<string, unknown> = {},
) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...template.labels }, annotations: template.annotations ?? {} },
        spec: { containers: [{ name: "app", image: "registry.example/app:1" }], ...spec },
      },
    },
  };
}

function job(
  name: string,
  template: { labels?: Record<string, string>; annotations?: Record<string, string> },
  backoffLimit = 6,
) {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name, namespace },
    spec: {
      backoffLimit,
      template: {
        metadata: { labels: template.labels ?? {}, annotations: template.annotations ?? {} },
        spec: { restartPolicy: "Never", containers: [{ name: "task", image: "registry.example/task:1" }] },
      },
    },
  };
}

async function create(...objects: object[]): Promise<void> {
  await kubectl(["apply", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
}

async function podsOf(selector: string): Promise<Pod[]> {
  return (await getJson<{ items: Pod[] }>(["get", "pods", "-n", namespace, "-l", selector])).items;
}

/** The single pod of a workload, once `ready(pod)` says it has reached the awaited state. */
async function podWhen(selector: string, what: string, ready: (pod: Pod) => boolean, ms = 30_000): Promise<Pod> {
  return eventually(`${selector}: ${what}`, ms, async () => (await podsOf(selector)).find(ready));
}

const waiting = (reason: string) => (pod: Pod) => pod.status.containerStatuses?.[0]?.state.waiting?.reason === reason;

async function warningsFor(podName: string): Promise<{ reason: string; message: string }[]> {
  const events = await getJson<EventList>([
    "get",
    "events",
    "-n",
    namespace,
    "--field-selector",
    `involvedObject.name=${podName},type=Warning`,
  ]);
  return events.items.map((e) => ({ reason: e.reason, message: e.message }));
}

async function eventuallyWarnings(podName: string, reasons: string[]): Promise<{ reason: string; message: string }[]> {
  return eventually(`Warning events ${reasons.join(", ")} for ${podName}`, 20_000, async () => {
    const events = await warningsFor(podName);
    return reasons.every((r) => events.some((e) => e.reason === r)) ? events : undefined;
  });
}

describe("simulated pod behaviour on the test cluster", () => {
  before(async () => {
    namespace = await createNamespace("kubeship-simulate");
    await create(
      deployment("healthy", {}, {}),
      deployment("crashloop", { labels: { "kubeship.test/simulate": "crashloop" } }),
      deployment("image-pull", { labels: { "kubeship.test/simulate": "image-pull" } }),
      deployment("config-error", { labels: { "kubeship.test/simulate": "config-error" } }),
      deployment("oom-killed", { labels: { "kubeship.test/simulate": "oom-killed" } }),
      deployment("invalid-image", { labels: { "kubeship.test/simulate": "invalid-image" } }),
      deployment("ready-after", { annotations: { "kubeship.test/ready-after": "6" } }),
      deployment("unschedulable", {}, { nodeSelector: { "kubeship.test/no-such-node": "true" } }),
      job("job-ok", {}),
      job("job-later", { annotations: { "kubeship.test/complete-after": "6" } }),
      job("job-fail", { labels: { "kubeship.test/simulate": "job-fail" } }, 1),
    );
  });
  after(async () => {
    await deleteNamespace(namespace);
  });

  it("default: pods become Running and Ready, and the Deployment available", async () => {
    const pod = await podWhen(
      "app=healthy",
      "Running and Ready",
      (p) =>
        p.status.phase === "Running" &&
        p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") === true,
    );
    assert.equal(pod.status.containerStatuses?.[0]?.ready, true);
    await eventually("Deployment healthy available", 30_000, async () => {
      const d = await getJson<{ status: { availableReplicas?: number } }>([
        "get",
        "deployment",
        "healthy",
        "-n",
        namespace,
      ]);
      return d.status.availableReplicas === 1 ? true : undefined;
    });
  });

  it("crashloop: CrashLoopBackOff after exit code 1, restartCount rising, BackOff events", async () => {
    const pod = await podWhen("app=crashloop", "CrashLoopBackOff", waiting("CrashLoopBackOff"));
    const status = pod.status.containerStatuses?.[0];
    assert.equal(pod.status.phase, "Running");
    assert.equal(status?.ready, false);
    assert.equal(status?.lastState?.terminated?.exitCode, 1);
    assert.equal(status?.lastState?.terminated?.reason, "Error");
    const first = status?.restartCount ?? 0;
    await podWhen(
      "app=crashloop",
      "restartCount rising",
      (p) => (p.status.containerStatuses?.[0]?.restartCount ?? 0) > first,
      20_000,
    );
    const events = await eventuallyWarnings(pod.metadata.name, ["BackOff"]);
    assert.ok(events.some((e) => e.reason === "BackOff" && /Back-off restarting failed container/.test(e.message)));
  });

  it("image-pull: ErrImagePull, then ImagePullBackOff, pod Pending, Failed events", async () => {
    const pod = await podWhen("app=image-pull", "ImagePullBackOff", waiting("ImagePullBackOff"));
    assert.equal(pod.status.phase, "Pending");
    const events = await eventuallyWarnings(pod.metadata.name, ["Failed"]);
    assert.ok(events.some((e) => e.message === "Error: ErrImagePull"));
    assert.ok(events.some((e) => e.message === "Error: ImagePullBackOff"));
  });

  it("config-error: CreateContainerConfigError with a Failed event", async () => {
    const pod = await podWhen("app=config-error", "CreateContainerConfigError", waiting("CreateContainerConfigError"));
    assert.equal(pod.status.phase, "Pending");
    assert.match(
      pod.status.containerStatuses?.[0]?.state.waiting?.message ?? "",
      /configmap "kubeship-simulated-missing" not found/,
    );
    const events = await eventuallyWarnings(pod.metadata.name, ["Failed"]);
    assert.ok(events.some((e) => /configmap .* not found/.test(e.message)));
  });

  it("oom-killed: terminated OOMKilled (137), then CrashLoopBackOff", async () => {
    const pod = await podWhen("app=oom-killed", "CrashLoopBackOff after OOMKilled", waiting("CrashLoopBackOff"));
    const status = pod.status.containerStatuses?.[0];
    assert.equal(status?.lastState?.terminated?.reason, "OOMKilled");
    assert.equal(status?.lastState?.terminated?.exitCode, 137);
    assert.ok((status?.restartCount ?? 0) >= 1);
    await eventuallyWarnings(pod.metadata.name, ["BackOff"]);
  });

  it("invalid-image: InvalidImageName with InspectFailed and Failed events", async () => {
    const pod = await podWhen("app=invalid-image", "InvalidImageName", waiting("InvalidImageName"));
    assert.equal(pod.status.phase, "Pending");
    const events = await eventuallyWarnings(pod.metadata.name, ["InspectFailed", "Failed"]);
    assert.ok(events.some((e) => e.message === "Error: InvalidImageName"));
  });

  it("ready-after: Running at once, Ready only after the delay", async () => {
    const readyCondition = (p: Pod) => p.status.conditions?.find((c) => c.type === "Ready");
    const pod = await podWhen("app=ready-after", "Ready", (p) => readyCondition(p)?.status === "True", 30_000);
    // Judged by the pod's own timestamps (one-second resolution), whatever moment this test looks.
    const createdAt = Date.parse(pod.metadata.creationTimestamp);
    const startedAt = Date.parse(pod.status.startTime ?? "");
    const readyAt = Date.parse(readyCondition(pod)?.lastTransitionTime ?? "");
    // Running (startTime) for the whole delay before Ready; how soon it started depends on the machine's load.
    assert.ok(startedAt >= createdAt);
    assert.ok(
      readyAt - startedAt >= 5_000,
      `Ready ${(readyAt - startedAt) / 1000}s after it started running, expected about 6s`,
    );
  });

  it("unschedulable: the real scheduler reports PodScheduled=False (Unschedulable) with FailedScheduling", async () => {
    const pod = await podWhen(
      "app=unschedulable",
      "PodScheduled=False",
      (p) =>
        p.status.conditions?.some(
          (c) => c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable",
        ) === true,
    );
    assert.equal(pod.status.phase, "Pending");
    const events = await eventuallyWarnings(pod.metadata.name, ["FailedScheduling"]);
    assert.ok(events.some((e) => /didn't match Pod's node affinity\/selector/.test(e.message)));
  });

  it("Job pods complete; complete-after delays it; job-fail ends in BackoffLimitExceeded", async () => {
    const jobStatus = (name: string) =>
      getJson<{ status: { conditions?: { type: string; status: string; reason?: string }[] } }>([
        "get",
        "job",
        name,
        "-n",
        namespace,
      ]);
    const condition = async (name: string, type: string) =>
      (await jobStatus(name)).status.conditions?.find((c) => c.type === type && c.status === "True");

    await eventually("job-ok Complete", 30_000, () => condition("job-ok", "Complete"));
    const done = await podWhen("job-name=job-later", "Succeeded", (p) => p.status.phase === "Succeeded", 30_000);
    const terminated = done.status.containerStatuses?.[0]?.state.terminated;
    assert.equal(terminated?.reason, "Completed");
    const ranFor = Date.parse(terminated?.finishedAt ?? "") - Date.parse(terminated?.startedAt ?? "");
    assert.ok(ranFor >= 5_000, `ran ${ranFor / 1000}s before completing, expected about 6s`);
    await eventually("job-later Complete", 15_000, () => condition("job-later", "Complete"));

    const failed = await eventually("job-fail Failed", 60_000, () => condition("job-fail", "Failed"));
    assert.equal(failed.reason, "BackoffLimitExceeded");
    const pods = await podsOf("job-name=job-fail");
    assert.ok(
      pods.length >= 2 &&
        pods.every(
          (p) => p.status.phase === "Failed" && p.status.containerStatuses?.[0]?.state.terminated?.exitCode === 1,
        ),
    );
  });
});
