import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { KubeObject } from "../../src/kube/types.ts";
import {
  cannotCreatePods,
  failedContainer,
  podProblem,
  workloadProblem,
  worstProblem,
} from "../../src/rollout/diagnosis.ts";
import { causeDetails, causeHeadline } from "../../src/report/cause.ts";

/** Pods and workloads exactly as the test cluster's simulated kubelet and controllers wrote them. */
function fixture(name: string): KubeObject {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "fixtures", "status", `${name}.json`), "utf8"),
  ) as KubeObject;
}

describe("pod diagnosis", () => {
  it("a healthy pod has no problem", () => {
    assert.equal(podProblem(fixture("pod_running")), undefined);
  });

  it("CrashLoopBackOff is certain, with the container and its last termination", () => {
    const p = podProblem(fixture("pod_crashloop"));
    assert.equal(p?.grace, undefined);
    assert.equal(p?.cause.reason, "CrashLoopBackOff");
    assert.equal(p?.cause.container, "a");
    assert.equal(p?.cause.pod, "agent-srr74");
    assert.equal(p?.cause.lastTermination?.exitCode, 1);
    assert.equal(p?.cause.lastTermination?.reason, "Error");
    assert.match(p?.cause.fix ?? "", /logs/);
  });

  it("OOMKilled in the last termination is named as such", () => {
    const p = podProblem(fixture("pod_oom-killed"));
    assert.equal(p?.grace, undefined);
    assert.equal(p?.cause.reason, "OOMKilled");
    assert.equal(p?.cause.message, "container app was OOM-killed (exit code 137), now CrashLoopBackOff");
  });

  it("InvalidImageName and CreateContainerConfigError are certain", () => {
    const invalid = podProblem(fixture("pod_invalid-image"));
    assert.equal(invalid?.cause.reason, "InvalidImageName");
    assert.equal(invalid?.grace, undefined);
    const config = podProblem(fixture("pod_config-error"));
    assert.equal(config?.cause.reason, "CreateContainerConfigError");
    assert.equal(config?.cause.message, 'configmap "kubeship-simulated-missing" not found');
    assert.equal(config?.grace, undefined);
  });

  it("image pulls and scheduling get a grace period", () => {
    const pull = podProblem(fixture("pod_image-pull"));
    assert.equal(pull?.cause.reason, "ImagePullBackOff");
    assert.equal(pull?.grace, "imagePull");
    const unschedulable = podProblem(fixture("pod_unsched"));
    assert.equal(unschedulable?.cause.reason, "Unschedulable");
    assert.equal(unschedulable?.grace, "unschedulable");
    assert.match(
      unschedulable?.cause.message ?? "",
      /0\/3 nodes are available: 3 node\(s\) didn't match Pod's node affinity\/selector/,
    );
  });

  it("prefers a certain problem to one that may heal", () => {
    const problems = [podProblem(fixture("pod_image-pull")), podProblem(fixture("pod_crashloop"))].flatMap(
      (p) => p ?? [],
    );
    assert.equal(worstProblem(problems)?.cause.reason, "CrashLoopBackOff");
  });

  it("a workload that cannot create pods (quota) says so through ReplicaFailure", () => {
    const p = workloadProblem(fixture("deployment_quota"));
    assert.equal(p?.cause.reason, "FailedCreate");
    assert.match(p?.cause.message ?? "", /exceeded quota: q/);
    assert.equal(workloadProblem(fixture("deployment_pde")), undefined);
  });

  it("pods refused for a service account that does not exist yet get a grace period, other refusals none", () => {
    const refused = structuredClone(fixture("deployment_quota"));
    const conditions = (refused.status as { conditions: { type: string; message?: string }[] }).conditions;
    const failure = conditions.find((c) => c.type === "ReplicaFailure");
    assert.ok(failure !== undefined);
    // as the test cluster's ReplicaSet controller words it for a new Namespace
    failure.message =
      'pods "web-68bb49d99c-" is forbidden: error looking up service account shop/default: serviceaccount "default" not found';
    const p = workloadProblem(refused);
    assert.equal(p?.grace, "missingServiceAccount");
    assert.match(p?.cause.fix ?? "", /service account does not exist/);
    assert.equal(cannotCreatePods("FailedCreate", failure.message).grace, "missingServiceAccount");
    assert.equal(cannotCreatePods("FailedCreate", 'pods "x" is forbidden: exceeded quota: q').grace, undefined);
  });

  it("finds the failed container of a Job's pods", () => {
    const failed = structuredClone(fixture("pod_running"));
    (failed.status as { containerStatuses: object[] }).containerStatuses = [
      { name: "m", state: { terminated: { exitCode: 3, reason: "Error" } } },
    ];
    assert.equal(failedContainer([fixture("pod_running"), failed])?.cause.message, "container m exited with code 3");
  });

  it("describes a cause with its pod, container, termination, events and fix", () => {
    const p = podProblem(fixture("pod_crashloop"));
    assert.ok(p !== undefined);
    const cause = {
      ...p.cause,
      events: [
        { object: "Pod/agent-srr74", reason: "BackOff", message: "Back-off restarting failed container", count: 6 },
      ],
    };
    const text = [causeHeadline(cause), ...causeDetails(cause)].join("\n");
    assert.equal(
      text,
      [
        "CrashLoopBackOff (pod agent-srr74, container a): back-off 10s restarting failed container=a pod=agent-srr74_fx(3c5f9195-eac3-46b0-aeca-5d7f990c932e)",
        "last termination: Error, exit code 1",
        "event Pod/agent-srr74 BackOff (×6): Back-off restarting failed container",
        "fix: the container keeps exiting: read its logs (kubectl logs --previous) and check its command, arguments, configuration and probes",
      ].join("\n"),
    );
  });
});
