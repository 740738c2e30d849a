// Readiness rules: one small pure function per kind (the kind table in kinds.ts says which kind gets
// which); any other kind gets the generic conditions rule (kstatus's: observedGeneration, Ready,
// Reconciling, Stalled).
// Deployment, StatefulSet and DaemonSet follow `kubectl rollout status` (kubectl
// pkg/polymorphichelpers/rollout_status.go) plus kstatus's failure signals. Pod-level failures
// (crash loops, image pulls, scheduling) are diagnosed separately, in diagnosis.ts.
import { type Condition, conditionOf, type KubeObject } from "../kube/types.ts";
import type { Readiness } from "./readiness.ts";

export type { Readiness, ReadinessState } from "./readiness.ts";

export type ReadinessRule = (object: KubeObject) => Readiness;

/** Annotation on a Service of type LoadBalancer: wait until it has an address. */
export const waitForAnnotation = "kubeship.io/wait-for";
/** Annotation on any object: `"false"` skips its wait. */
export const waitAnnotation = "kubeship.io/wait";

const inProgress = (message: string): Readiness => ({ state: "in-progress", message });
const ready = (message: string): Readiness => ({ state: "ready", message });

interface WorkloadStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  desiredNumberScheduled?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
}

interface WorkloadSpec {
  replicas?: number;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
}

function workload(object: KubeObject): { spec: WorkloadSpec; status: WorkloadStatus } {
  return { spec: object.spec ?? {}, status: object.status ?? {} };
}

/** The controller has not yet looked at the latest spec: every count in status is about the old one. */
function generationPending(object: KubeObject, observedGeneration: number | undefined): Readiness | undefined {
  const generation = object.metadata.generation ?? 0;
  if (generation > (observedGeneration ?? 0))
    return inProgress(`waiting for the controller to observe generation ${generation}`);
  return undefined;
}

const isTrue = (condition: Condition | undefined) => condition?.status === "True";

function conditionText(condition: Condition): string {
  return [condition.reason, condition.message].filter((part) => part !== undefined && part !== "").join(": ");
}

export function deploymentReadiness(object: KubeObject): Readiness {
  const { spec, status } = workload(object);
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== undefined) return pending;
  const progressing = conditionOf(object, "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return {
      state: "failed",
      message: `exceeded its progress deadline${progressing.message ? `: ${progressing.message}` : ""}`,
      cause: {
        reason: "ProgressDeadlineExceeded",
        message: progressing.message ?? "the rollout made no progress within spec.progressDeadlineSeconds",
        fix: "look at the new pods (events, logs) for why they do not become available; raise spec.progressDeadlineSeconds if they only need longer",
      },
    };
  }
  const desired = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const counts = `${updated}/${desired} updated, ${Math.min(available, updated)}/${desired} available`;
  if (updated < desired) return inProgress(counts);
  if (replicas > updated) return inProgress(`${counts}, ${replicas - updated} old pending termination`);
  if (available < updated) return inProgress(counts);
  return ready(`rolled out, ${available}/${desired} available`);
}

export function statefulSetReadiness(object: KubeObject): Readiness {
  const { spec, status } = workload(object);
  if ((status.observedGeneration ?? 0) === 0)
    return inProgress("waiting for the controller to observe the statefulset");
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== undefined) return pending;
  const desired = spec.replicas ?? 1;
  const readyReplicas = status.readyReplicas ?? 0;
  const updated = status.updatedReplicas ?? 0;
  if (spec.updateStrategy?.type === "OnDelete") {
    // Pods are only replaced when someone deletes them: waiting for the update would never end.
    const text = `${readyReplicas}/${desired} ready (OnDelete: pods update only when deleted)`;
    return readyReplicas < desired ? inProgress(text) : ready(text);
  }
  if (readyReplicas < desired) return inProgress(`${updated}/${desired} updated, ${readyReplicas}/${desired} ready`);
  if ((status.replicas ?? 0) > desired)
    return inProgress(`${(status.replicas ?? 0) - desired} extra pods pending termination`);
  const rollingUpdate = spec.updateStrategy?.rollingUpdate;
  if (rollingUpdate !== undefined) {
    const partition = rollingUpdate.partition ?? 0;
    const target = Math.max(desired - partition, 0);
    if (updated < target)
      return inProgress(
        `partitioned rollout: ${updated}/${target} updated (partition ${partition}), ${readyReplicas}/${desired} ready`,
      );
    return ready(
      partition > 0
        ? `partitioned rollout done: ${updated}/${target} updated (partition ${partition})`
        : `rolled out, ${readyReplicas}/${desired} ready`,
    );
  }
  if (status.updateRevision !== status.currentRevision)
    return inProgress(`${updated}/${desired} updated, waiting for revision ${status.updateRevision ?? "?"}`);
  return ready(`rolled out, ${readyReplicas}/${desired} ready`);
}

export function daemonSetReadiness(object: KubeObject): Readiness {
  const { spec, status } = workload(object);
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== undefined) return pending;
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const available = status.numberAvailable ?? 0;
  if (spec.updateStrategy?.type === "OnDelete") {
    const text = `${available}/${desired} available (OnDelete: pods update only when deleted)`;
    return available < desired ? inProgress(text) : ready(text);
  }
  const counts = `${updated}/${desired} updated, ${Math.min(available, desired)}/${desired} available`;
  if (updated < desired || available < desired) return inProgress(counts);
  return ready(`rolled out on ${desired} node${desired === 1 ? "" : "s"}`);
}

export function replicaSetReadiness(object: KubeObject): Readiness {
  const { spec, status } = workload(object);
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== undefined) return pending;
  const desired = spec.replicas ?? 1;
  const available = status.availableReplicas ?? 0;
  if (available < desired) return inProgress(`${available}/${desired} available`);
  if ((status.replicas ?? 0) > desired)
    return inProgress(`${(status.replicas ?? 0) - desired} extra pods pending termination`);
  return ready(`${available}/${desired} available`);
}

export function podReadiness(object: KubeObject): Readiness {
  const status = (object.status ?? {}) as { phase?: string; reason?: string; message?: string };
  switch (status.phase) {
    case "Succeeded":
      return ready("completed");
    case "Failed":
      return {
        state: "failed",
        message: `the pod failed${status.reason ? `: ${status.reason}` : ""}`,
        cause: {
          reason: status.reason ?? "PodFailed",
          message: status.message ?? "all containers terminated and will not be restarted",
        },
      };
    case "Running":
      return isTrue(conditionOf(object, "Ready")) ? ready("running and ready") : inProgress("running, not ready");
    default:
      return inProgress(`phase ${status.phase ?? "not yet reported"}`);
  }
}

export function jobReadiness(object: KubeObject): Readiness {
  const failed = conditionOf(object, "Failed");
  if (isTrue(failed)) {
    return {
      state: "failed",
      message: `the job failed: ${failed?.reason ?? "Failed"}${failed?.message ? ` (${failed.message})` : ""}`,
      cause: {
        reason: failed?.reason ?? "Failed",
        message: failed?.message ?? "the job failed",
        fix: "look at the failed pods' logs and exit codes; raise spec.backoffLimit or spec.activeDeadlineSeconds only if failures are expected",
      },
    };
  }
  if (isTrue(conditionOf(object, "Complete"))) return ready("complete");
  const spec = (object.spec ?? {}) as { suspend?: boolean; completions?: number; parallelism?: number };
  if (spec.suspend === true && isTrue(conditionOf(object, "Suspended"))) return ready("suspended (spec.suspend)");
  const status = (object.status ?? {}) as { succeeded?: number; active?: number; failed?: number };
  const completions = spec.completions ?? spec.parallelism ?? 1;
  const failures = (status.failed ?? 0) > 0 ? `, ${status.failed} failed` : "";
  return inProgress(`${status.succeeded ?? 0}/${completions} succeeded, ${status.active ?? 0} active${failures}`);
}

export function cronJobReadiness(object: KubeObject): Readiness {
  const spec = (object.spec ?? {}) as { schedule?: string; suspend?: boolean };
  return ready(`${spec.suspend === true ? "suspended" : "scheduled"} (${spec.schedule ?? "no schedule"})`);
}

export function persistentVolumeClaimReadiness(object: KubeObject): Readiness {
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  if (phase === "Bound") return ready("bound");
  if (phase === "Lost")
    return {
      state: "failed",
      message: "the claim lost its volume",
      cause: { reason: "ClaimLost", message: "the bound PersistentVolume no longer exists" },
    };
  return inProgress(`${phase ?? "Pending"}, not yet bound to a volume`);
}

export function customResourceDefinitionReadiness(object: KubeObject): Readiness {
  const names = conditionOf(object, "NamesAccepted");
  if (names?.status === "False") {
    return {
      state: "failed",
      message: `names not accepted: ${conditionText(names)}`,
      cause: {
        reason: names.reason ?? "NamesNotAccepted",
        message: names.message ?? "",
        fix: "choose names (plural, kind, short names) no other CRD of the group uses",
      },
    };
  }
  const established = conditionOf(object, "Established");
  if (isTrue(established)) return ready("established");
  return inProgress(
    established === undefined ? "not yet established" : `not yet established: ${conditionText(established)}`,
  );
}

export function namespaceReadiness(object: KubeObject): Readiness {
  const phase = (object.status as { phase?: string } | undefined)?.phase;
  if (phase === "Active") return ready("active");
  return inProgress(
    phase === "Terminating" ? "terminating (it is being deleted)" : `phase ${phase ?? "not yet reported"}`,
  );
}

export function apiServiceReadiness(object: KubeObject): Readiness {
  const available = conditionOf(object, "Available");
  if (isTrue(available)) return ready("available");
  return inProgress(
    available === undefined ? "availability not yet reported" : `not available: ${conditionText(available)}`,
  );
}

export function podDisruptionBudgetReadiness(object: KubeObject): Readiness {
  const status = (object.status ?? {}) as {
    observedGeneration?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    disruptionsAllowed?: number;
  };
  const pending = generationPending(object, status.observedGeneration);
  if (pending !== undefined) return pending;
  // A budget protects pods; it has nothing to roll out. Its counts are worth showing all the same.
  return ready(
    `${status.currentHealthy ?? 0} healthy (${status.desiredHealthy ?? 0} desired), ${status.disruptionsAllowed ?? 0} disruptions allowed`,
  );
}

export function serviceReadiness(object: KubeObject): Readiness {
  const spec = (object.spec ?? {}) as { type?: string };
  if (spec.type !== "LoadBalancer") return ready(`${spec.type ?? "ClusterIP"}, nothing to wait for`);
  const ingress =
    (object.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer
      ?.ingress ?? [];
  const address = ingress.map((i) => i.ip ?? i.hostname).find((a) => a !== undefined);
  if (object.metadata.annotations?.[waitForAnnotation] !== "load-balancer") {
    // Many clusters never assign one; waiting for it by default would hang those deploys.
    return ready(
      address === undefined
        ? `load balancer address not waited for (annotate ${waitForAnnotation}: load-balancer to wait)`
        : `load balancer at ${address}`,
    );
  }
  return address === undefined
    ? inProgress("waiting for a load balancer address")
    : ready(`load balancer at ${address}`);
}

/**
 * kstatus's generic rule for kinds without their own: the controller must have observed the latest
 * generation (in status and in the Ready condition), `Stalled=True` fails, `Reconciling=True` waits,
 * then `Ready` decides. Without any of these there is nothing to judge, and the object is ready.
 */
export function conditionsReadiness(object: KubeObject): Readiness {
  const status = (object.status ?? {}) as {
    observedGeneration?: number;
    conditions?: (Condition & { observedGeneration?: number })[];
  };
  const generation = object.metadata.generation;
  if (generation !== undefined && status.observedGeneration !== undefined && status.observedGeneration < generation) {
    return inProgress(`waiting for the controller to observe generation ${generation}`);
  }
  const stalled = conditionOf(object, "Stalled");
  if (isTrue(stalled) && stalled !== undefined) {
    return {
      state: "failed",
      message: `stalled: ${conditionText(stalled)}`,
      cause: { reason: stalled.reason ?? "Stalled", message: stalled.message ?? "the controller reports Stalled=True" },
    };
  }
  const reconciling = conditionOf(object, "Reconciling");
  if (isTrue(reconciling) && reconciling !== undefined) return inProgress(`reconciling: ${conditionText(reconciling)}`);
  const readyCondition = status.conditions?.find((c) => c.type === "Ready");
  if (readyCondition === undefined)
    return ready(
      status.conditions === undefined ? "nothing to wait for (no status conditions)" : "no Ready condition to wait for",
    );
  if (
    generation !== undefined &&
    readyCondition.observedGeneration !== undefined &&
    readyCondition.observedGeneration < generation
  ) {
    return inProgress(
      `Ready is about generation ${readyCondition.observedGeneration}, waiting for generation ${generation}`,
    );
  }
  if (readyCondition.status === "True") return ready("Ready");
  const text = conditionText(readyCondition);
  return inProgress(`not Ready${text === "" ? "" : `: ${text}`}`);
}
