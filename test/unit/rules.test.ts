import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { KubeObject } from "../../src/kube/types.ts";
import {
  apiServiceReadiness,
  conditionsReadiness,
  cronJobReadiness,
  customResourceDefinitionReadiness,
  daemonSetReadiness,
  deploymentReadiness,
  jobReadiness,
  namespaceReadiness,
  persistentVolumeClaimReadiness,
  podDisruptionBudgetReadiness,
  podReadiness,
  replicaSetReadiness,
  serviceReadiness,
  statefulSetReadiness,
} from "../../src/rollout/rules.ts";
import { ruleFor } from "../../src/rollout/kinds.ts";

/** Objects exactly as the test cluster's controllers wrote them (test/fixtures/status, taken with kubectl get -o json). */
function fixture(name: string): KubeObject {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "fixtures", "status", `${name}.json`), "utf8"),
  ) as KubeObject;
}

/** A copy with changes to metadata, spec or status. */
function withChanges(object: KubeObject, changes: { metadata?: object; spec?: object; status?: object }): KubeObject {
  const copy = structuredClone(object);
  return {
    ...copy,
    metadata: { ...copy.metadata, ...changes.metadata },
    ...(changes.spec === undefined ? {} : { spec: { ...(copy.spec as object), ...changes.spec } }),
    ...(changes.status === undefined ? {} : { status: { ...(copy.status as object), ...changes.status } }),
  };
}

function deployment(generation: number, spec: { replicas?: number }, status: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "prod", generation },
    spec,
    status,
  };
}

describe("Deployment readiness (kubectl rollout status rules)", () => {
  it("waits until the controller has observed the new generation", () => {
    const r = deploymentReadiness(
      deployment(3, { replicas: 2 }, { observedGeneration: 2, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }),
    );
    assert.equal(r.state, "in-progress");
    assert.equal(r.message, "waiting for the controller to observe generation 3");
  });

  it("counts new replicas, then old ones terminating, then availability", () => {
    const base = { observedGeneration: 2 };
    assert.deepEqual(
      deploymentReadiness(
        deployment(2, { replicas: 3 }, { ...base, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }),
      ),
      {
        state: "in-progress",
        message: "1/3 updated, 1/3 available",
      },
    );
    assert.deepEqual(
      deploymentReadiness(
        deployment(2, { replicas: 3 }, { ...base, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }),
      ),
      {
        state: "in-progress",
        message: "3/3 updated, 3/3 available, 1 old pending termination",
      },
    );
    assert.deepEqual(
      deploymentReadiness(
        deployment(2, { replicas: 3 }, { ...base, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }),
      ),
      {
        state: "in-progress",
        message: "3/3 updated, 2/3 available",
      },
    );
    assert.deepEqual(
      deploymentReadiness(
        deployment(2, { replicas: 3 }, { ...base, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
      ),
      {
        state: "ready",
        message: "rolled out, 3/3 available",
      },
    );
  });

  it("fails when the progress deadline is exceeded, with the controller's message", () => {
    const r = deploymentReadiness(fixture("deployment_pde"));
    assert.equal(r.state, "failed");
    assert.equal(r.cause?.reason, "ProgressDeadlineExceeded");
    assert.match(r.message, /exceeded its progress deadline: ReplicaSet "pde-57d74479b5" has timed out progressing\./);
  });

  it("is still in progress (not failed) while pods cannot be created: the diagnosis decides that", () => {
    const r = deploymentReadiness(fixture("deployment_quota"));
    assert.deepEqual(r, { state: "in-progress", message: "1/3 updated, 1/3 available" });
  });

  it("is ready with zero replicas once observed", () => {
    assert.equal(deploymentReadiness(deployment(1, { replicas: 0 }, { observedGeneration: 1 })).state, "ready");
  });
});

describe("StatefulSet readiness", () => {
  it("is ready when every pod is ready and updated", () => {
    assert.deepEqual(statefulSetReadiness(fixture("statefulset_db")), {
      state: "ready",
      message: "rolled out, 3/3 ready",
    });
  });

  it("with a partition, is done once the pods at or above it are updated", () => {
    const sts = fixture("sts_partition_done");
    assert.deepEqual(statefulSetReadiness(sts), {
      state: "ready",
      message: "partitioned rollout done: 1/1 updated (partition 2)",
    });
    const partition1 = withChanges(sts, {
      spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } } },
    });
    assert.deepEqual(statefulSetReadiness(partition1), {
      state: "in-progress",
      message: "partitioned rollout: 1/2 updated (partition 1), 3/3 ready",
    });
  });

  it("without a rollingUpdate block, waits for currentRevision to reach updateRevision", () => {
    const sts = withChanges(fixture("sts_partition_done"), { spec: { updateStrategy: { type: "RollingUpdate" } } });
    assert.deepEqual(statefulSetReadiness(sts), {
      state: "in-progress",
      message: "1/3 updated, waiting for revision db-7df5d645c7",
    });
  });

  it("waits for the new generation and for ready pods", () => {
    assert.equal(
      statefulSetReadiness(withChanges(fixture("statefulset_db"), { metadata: { generation: 2 } })).message,
      "waiting for the controller to observe generation 2",
    );
    assert.deepEqual(statefulSetReadiness(withChanges(fixture("statefulset_db"), { status: { readyReplicas: 1 } })), {
      state: "in-progress",
      message: "3/3 updated, 1/3 ready",
    });
  });

  it("with OnDelete, does not wait for pods to be replaced", () => {
    const sts = withChanges(fixture("sts_partition_done"), { spec: { updateStrategy: { type: "OnDelete" } } });
    assert.equal(statefulSetReadiness(sts).state, "ready");
  });
});

describe("DaemonSet readiness", () => {
  it("is ready when every node runs an updated, available pod", () => {
    assert.deepEqual(daemonSetReadiness(fixture("daemonset_agent")), {
      state: "ready",
      message: "rolled out on 3 nodes",
    });
  });

  it("counts updated and available pods during a rollout", () => {
    assert.deepEqual(daemonSetReadiness(fixture("ds_crash")), {
      state: "in-progress",
      message: "1/3 updated, 2/3 available",
    });
  });
});

describe("ReplicaSet, Pod, Job and CronJob readiness", () => {
  it("ReplicaSet: available replicas against spec.replicas", () => {
    const rs = fixture("replicaset_quota");
    assert.deepEqual(replicaSetReadiness(rs), { state: "in-progress", message: "1/3 available" });
    assert.equal(
      replicaSetReadiness(withChanges(rs, { status: { availableReplicas: 3, replicas: 3 } })).state,
      "ready",
    );
  });

  it("Pod: ready when Running and Ready; a crash-looping pod is not ready", () => {
    assert.deepEqual(podReadiness(fixture("pod_running")), { state: "ready", message: "running and ready" });
    assert.deepEqual(podReadiness(fixture("pod_crashloop")), { state: "in-progress", message: "running, not ready" });
    assert.equal(podReadiness(fixture("pod_image-pull")).message, "phase Pending");
  });

  it("Job: Complete is ready, Failed is a failure with its reason, otherwise counts", () => {
    assert.deepEqual(jobReadiness(fixture("job_migrate")), { state: "ready", message: "complete" });
    const failed = jobReadiness(fixture("job_jfail"));
    assert.equal(failed.state, "failed");
    assert.equal(failed.cause?.reason, "BackoffLimitExceeded");
    assert.equal(failed.message, "the job failed: BackoffLimitExceeded (Job has reached the specified backoff limit)");
    const running = withChanges(fixture("job_migrate"), { status: { conditions: [], succeeded: 0, active: 1 } });
    assert.deepEqual(jobReadiness(running), { state: "in-progress", message: "0/1 succeeded, 1 active" });
  });

  it("CronJob: nothing to wait for", () => {
    assert.deepEqual(cronJobReadiness(fixture("cronjob_nightly")), {
      state: "ready",
      message: "scheduled (0 3 * * *)",
    });
  });
});

describe("PVC, CRD, Namespace, APIService, PodDisruptionBudget and Service readiness", () => {
  it("PersistentVolumeClaim: Bound", () => {
    assert.deepEqual(persistentVolumeClaimReadiness(fixture("pvc_data")), {
      state: "in-progress",
      message: "Pending, not yet bound to a volume",
    });
    assert.equal(
      persistentVolumeClaimReadiness(withChanges(fixture("pvc_data"), { status: { phase: "Bound" } })).state,
      "ready",
    );
  });

  it("CustomResourceDefinition: Established; names not accepted is a failure", () => {
    const crd = fixture("crd");
    assert.deepEqual(customResourceDefinitionReadiness(crd), { state: "ready", message: "established" });
    const conflict = withChanges(crd, {
      status: {
        conditions: [
          {
            type: "NamesAccepted",
            status: "False",
            reason: "ListKindConflict",
            message: '"WidgetList" is already in use',
          },
        ],
      },
    });
    assert.equal(customResourceDefinitionReadiness(conflict).state, "failed");
    assert.equal(
      customResourceDefinitionReadiness(withChanges(crd, { status: { conditions: [] } })).state,
      "in-progress",
    );
  });

  it("Namespace: Active", () => {
    assert.deepEqual(namespaceReadiness(fixture("ns")), { state: "ready", message: "active" });
    assert.equal(
      namespaceReadiness(withChanges(fixture("ns"), { status: { phase: "Terminating" } })).state,
      "in-progress",
    );
  });

  it("APIService: Available", () => {
    assert.deepEqual(apiServiceReadiness(fixture("apiservice")), { state: "ready", message: "available" });
    const down = withChanges(fixture("apiservice"), {
      status: {
        conditions: [
          {
            type: "Available",
            status: "False",
            reason: "FailedDiscoveryCheck",
            message: "failing or missing response",
          },
        ],
      },
    });
    assert.deepEqual(apiServiceReadiness(down), {
      state: "in-progress",
      message: "not available: FailedDiscoveryCheck: failing or missing response",
    });
  });

  it("PodDisruptionBudget: ready once observed, with its counts", () => {
    assert.deepEqual(podDisruptionBudgetReadiness(fixture("pdb_db")), {
      state: "ready",
      message: "3 healthy (1 desired), 2 disruptions allowed",
    });
  });

  it("Service: a LoadBalancer's address is waited for only when annotated", () => {
    const lb = fixture("service_lb");
    assert.deepEqual(serviceReadiness(lb), {
      state: "ready",
      message: "load balancer address not waited for (annotate kubeship.io/wait-for: load-balancer to wait)",
    });
    const annotated = withChanges(lb, { metadata: { annotations: { "kubeship.io/wait-for": "load-balancer" } } });
    assert.deepEqual(serviceReadiness(annotated), {
      state: "in-progress",
      message: "waiting for a load balancer address",
    });
    const assigned = withChanges(annotated, { status: { loadBalancer: { ingress: [{ ip: "203.0.113.7" }] } } });
    assert.deepEqual(serviceReadiness(assigned), { state: "ready", message: "load balancer at 203.0.113.7" });
  });
});

describe("the generic conditions rule (kstatus)", () => {
  const widget = (generation: number, status?: object): KubeObject => ({
    apiVersion: "fx.kubeship.test/v1",
    kind: "Widget",
    metadata: { name: "w", namespace: "fx", generation },
    ...(status === undefined ? {} : { status }),
  });

  it("applies to kinds without a rule of their own", () => {
    assert.equal(ruleFor("fx.kubeship.test", "Widget"), conditionsReadiness);
    assert.equal(ruleFor("apps", "Deployment"), deploymentReadiness);
    assert.equal(ruleFor("", "ConfigMap"), undefined);
  });

  it("an object with no status to judge is ready once applied, and says so (IngressClass, webhook configurations)", () => {
    assert.deepEqual(conditionsReadiness(widget(1)), {
      state: "ready",
      message: "nothing to wait for (no status conditions)",
    });
  });

  it("a Ready condition for an older generation is not readiness", () => {
    const stale = widget(2, {
      observedGeneration: 1,
      conditions: [{ type: "Ready", status: "True", observedGeneration: 1 }],
    });
    assert.deepEqual(conditionsReadiness(stale), {
      state: "in-progress",
      message: "waiting for the controller to observe generation 2",
    });
    const staleCondition = widget(2, { conditions: [{ type: "Ready", status: "True", observedGeneration: 1 }] });
    assert.deepEqual(conditionsReadiness(staleCondition), {
      state: "in-progress",
      message: "Ready is about generation 1, waiting for generation 2",
    });
    assert.equal(
      conditionsReadiness(
        widget(2, { observedGeneration: 2, conditions: [{ type: "Ready", status: "True", observedGeneration: 2 }] }),
      ).state,
      "ready",
    );
  });

  it("Stalled fails, Reconciling waits, Ready=False waits with its reason", () => {
    const stalled = conditionsReadiness(
      widget(1, {
        conditions: [{ type: "Stalled", status: "True", reason: "InvalidSpec", message: "size must be positive" }],
      }),
    );
    assert.equal(stalled.state, "failed");
    assert.equal(stalled.cause?.reason, "InvalidSpec");
    assert.deepEqual(
      conditionsReadiness(widget(1, { conditions: [{ type: "Reconciling", status: "True", reason: "Progressing" }] })),
      { state: "in-progress", message: "reconciling: Progressing" },
    );
    assert.deepEqual(
      conditionsReadiness(
        widget(1, { conditions: [{ type: "Ready", status: "False", reason: "Provisioning", message: "1 of 2" }] }),
      ),
      { state: "in-progress", message: "not Ready: Provisioning: 1 of 2" },
    );
  });
});
