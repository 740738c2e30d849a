// The rollout waiter replaying watch events (test/fixtures/watch: the object as first listed, then
// the events in the order the API server sends them), against a fake API: no cluster, no timers to
// wait out except the timeout case. One recording comes from the test cluster; the others are written
// in the API server's format for what the cluster does not produce on demand (a progress deadline,
// a deletion mid-rollout, silence).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { WatchEvent } from "../../src/kube/api.ts";
import type { KubeObject } from "../../src/kube/types.ts";
import { type RolloutResult, waitForRollouts } from "../../src/rollout/wait.ts";
import { FakeApi } from "../helpers/fake-api.ts";

interface Recording {
  initial: KubeObject;
  events: WatchEvent<KubeObject>[];
}

function recording(name: string): Recording {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "fixtures", "watch", `${name}.json`), "utf8"),
  ) as Recording;
}

const deployments = { group: "apps", version: "v1", kind: "Deployment", resource: "deployments", namespaced: true };
const collection = "/apis/apps/v1/namespaces/shop/deployments";

async function replay(
  name: string,
  timeoutMs: number,
): Promise<{ result: RolloutResult | undefined; progress: string[] }> {
  const { initial, events } = recording(name);
  const api = new FakeApi();
  api.objects.set(api.pathOf(initial), initial);
  const progress: string[] = [];
  const ref = { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" };
  const waiting = waitForRollouts(api, [{ ref, mapping: deployments }], {
    signal: AbortSignal.timeout(timeoutMs),
    onProgress: (_ref, readiness) => progress.push(`${readiness.state}: ${readiness.message}`),
  });
  // the events follow the list, once the watch is open
  while (!api.requests.some((r) => r.path === collection && r.query.watch === "1"))
    await new Promise((resolve) => setTimeout(resolve, 5));
  for (const event of events) api.emit(event.type, event.object);
  const [result] = await waiting;
  return { result, progress };
}

interface Case {
  recording: string;
  outcome: RolloutResult["outcome"];
  /** the last readiness message, or the cause's reason for failures */
  says: string;
  progress: string[];
  timeoutMs?: number;
}

const cases: Case[] = [
  {
    recording: "deployment_rollout",
    outcome: "ready",
    says: "rolled out, 2/2 available",
    progress: [
      "in-progress: waiting for the controller to observe generation 2",
      "in-progress: 1/2 updated, 1/2 available",
      "in-progress: 2/2 updated, 2/2 available, 1 old pending termination",
      "ready: rolled out, 2/2 available",
    ],
  },
  {
    // recorded from the test cluster: `kubectl get deployment -w --output-watch-events -o json` during an image change
    // of a 2-replica Deployment (namespace renamed, managedFields dropped); the first event is the object as listed
    recording: "deployment_rollout_recorded",
    outcome: "ready",
    says: "rolled out, 2/2 available",
    progress: [
      "in-progress: waiting for the controller to observe generation 2",
      "in-progress: 0/2 updated, 0/2 available",
      "in-progress: 1/2 updated, 1/2 available",
      "in-progress: 2/2 updated, 2/2 available, 1 old pending termination",
      "ready: rolled out, 2/2 available",
    ],
  },
  {
    recording: "deployment_deadline",
    outcome: "failed",
    says: "ProgressDeadlineExceeded",
    progress: ["in-progress: 1/2 updated, 1/2 available"],
  },
  {
    recording: "deployment_deleted",
    outcome: "failed",
    says: "Deleted",
    progress: ["in-progress: 1/2 updated, 1/2 available"],
  },
  {
    recording: "deployment_silent",
    outcome: "timeout",
    says: "2/2 updated, 1/2 available",
    progress: ["in-progress: 2/2 updated, 1/2 available"],
    timeoutMs: 300,
  },
];

describe("the rollout waiter, replaying watch events", () => {
  for (const c of cases) {
    it(`${c.recording}: ${c.outcome} (${c.says})`, async () => {
      const { result, progress } = await replay(c.recording, c.timeoutMs ?? 5_000);
      assert.equal(result?.outcome, c.outcome, result?.message);
      assert.equal(c.outcome === "failed" ? result?.cause?.reason : result?.message, c.says);
      assert.deepEqual(progress.slice(0, c.progress.length), c.progress);
    });
  }
});
