import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { KubeObject } from "../../src/kube/types.ts";
import { deploymentReadiness } from "../../src/rollout/rules.ts";

// Status shapes as kube-controller-manager writes them (taken from the test cluster).
function deployment(generation: number, spec: { replicas?: number }, status: Record<string, unknown>): KubeObject {
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "prod", generation }, spec, status };
}

describe("Deployment readiness (kubectl rollout status rules)", () => {
  it("waits until the controller has observed the new generation", () => {
    const r = deploymentReadiness(deployment(3, { replicas: 2 }, { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }));
    assert.equal(r.state, "in-progress");
    assert.match(r.message, /spec update to be observed/);
  });

  it("counts new replicas, then old ones terminating, then availability", () => {
    const base = { observedGeneration: 2 };
    assert.deepEqual(deploymentReadiness(deployment(2, { replicas: 3 }, { ...base, replicas: 4, updatedReplicas: 1, availableReplicas: 3 })), {
      state: "in-progress",
      message: "1 of 3 new replicas updated",
    });
    assert.deepEqual(deploymentReadiness(deployment(2, { replicas: 3 }, { ...base, replicas: 4, updatedReplicas: 3, availableReplicas: 3 })), {
      state: "in-progress",
      message: "1 old replicas pending termination",
    });
    assert.deepEqual(deploymentReadiness(deployment(2, { replicas: 3 }, { ...base, replicas: 3, updatedReplicas: 3, availableReplicas: 2 })), {
      state: "in-progress",
      message: "2 of 3 updated replicas available",
    });
    assert.equal(deploymentReadiness(deployment(2, { replicas: 3 }, { ...base, replicas: 3, updatedReplicas: 3, availableReplicas: 3 })).state, "ready");
  });

  it("fails when the progress deadline is exceeded", () => {
    const r = deploymentReadiness(
      deployment(2, { replicas: 1 }, {
        observedGeneration: 2,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 0,
        conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-5d8f" has timed out progressing.' }],
      }),
    );
    assert.equal(r.state, "failed");
    assert.match(r.message, /deployment web exceeded its progress deadline: ReplicaSet "web-5d8f" has timed out progressing\./);
  });

  it("is ready with zero replicas once observed", () => {
    assert.equal(deploymentReadiness(deployment(1, { replicas: 0 }, { observedGeneration: 1 })).state, "ready");
  });
});
