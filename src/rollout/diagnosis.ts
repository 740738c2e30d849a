// Failure diagnosis: what the pods of a workload's new revision (and the workload's own conditions)
// say about whether the rollout can still succeed. Pure functions over objects; the watcher decides
// when a problem has lasted long enough (grace periods) to fail on it.
import { conditionOf, type KubeObject } from "../kube/types.ts";
import type { Cause, Termination } from "./readiness.ts";

/** How long a problem that can heal may last before the rollout fails on it, in milliseconds. */
export interface GracePeriods {
  /** ErrImagePull / ImagePullBackOff: an image push can race the deploy */
  imagePull: number;
  /** PodScheduled=False, Unschedulable */
  unschedulable: number;
  /** Unschedulable while a cluster autoscaler reports TriggeredScaleUp for the pod */
  unschedulableScalingUp: number;
  /** pods refused because their service account does not exist yet */
  missingServiceAccount: number;
}

export const defaultGracePeriods: GracePeriods = {
  imagePull: 60_000,
  unschedulable: 30_000,
  unschedulableScalingUp: 300_000,
  missingServiceAccount: 30_000,
};

export interface Problem {
  cause: Cause;
  /** the pod that shows it, to read its events */
  podUid?: string;
  /** which grace period applies; undefined: the outcome is certain, fail at once */
  grace?: keyof GracePeriods;
}

interface ContainerStatus {
  name: string;
  state?: ContainerState;
  lastState?: ContainerState;
  restartCount?: number;
}

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: Termination;
}

interface PodStatus {
  phase?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

/** Waiting reasons that will not heal by waiting (kubelet: pkg/kubelet/images, kuberuntime, container/sync_result). */
const certainWaiting = new Set([
  "CrashLoopBackOff",
  "InvalidImageName",
  "ErrImageNeverPull",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
]);
const imagePullWaiting = new Set(["ErrImagePull", "ImagePullBackOff"]);

const fixes: Record<string, string> = {
  CrashLoopBackOff:
    "the container keeps exiting: read its logs (kubectl logs --previous) and check its command, arguments, configuration and probes",
  OOMKilled: "the container ran out of memory: raise resources.limits.memory or lower the program's memory use",
  InvalidImageName: "the image reference is malformed: fix the image name in the manifest",
  ErrImageNeverPull: "imagePullPolicy is Never and the image is not on the node: use IfNotPresent or preload the image",
  ErrImagePull:
    "the image cannot be pulled: check that the image and tag exist and that imagePullSecrets grant access to the registry",
  ImagePullBackOff:
    "the image cannot be pulled: check that the image and tag exist and that imagePullSecrets grant access to the registry",
  CreateContainerConfigError:
    "a ConfigMap, Secret or key the container refers to is missing: create it or fix the reference",
  CreateContainerError:
    "the runtime could not create the container: check the container spec (volumes, security context) and the events",
  RunContainerError: "the runtime could not start the container: check the command and the image's entrypoint",
  Unschedulable:
    "no node can take the pod: check its resource requests, nodeSelector, affinity and tolerations against the nodes",
  FailedCreate:
    "the controller cannot create pods: check resource quotas, LimitRanges and admission webhooks or policies in the namespace",
  missingServiceAccount:
    "the pods' service account does not exist: create it with the workload, or fix serviceAccountName",
};

export function fixFor(reason: string): string | undefined {
  return fixes[reason];
}

function podName(pod: KubeObject): string {
  return pod.metadata.name ?? "";
}

function problem(
  pod: KubeObject,
  container: string | undefined,
  reason: string,
  message: string,
  lastTermination?: Termination,
  grace?: keyof GracePeriods,
): Problem {
  const fix = fixFor(reason);
  const cause: Cause = {
    reason,
    message,
    pod: podName(pod),
    ...(container === undefined ? {} : { container }),
    ...(lastTermination === undefined ? {} : { lastTermination }),
    ...(fix === undefined ? {} : { fix }),
  };
  const uid = pod.metadata.uid === undefined ? {} : { podUid: pod.metadata.uid };
  return grace === undefined ? { cause, ...uid } : { cause, grace, ...uid };
}

function containerProblem(pod: KubeObject, status: ContainerStatus): Problem | undefined {
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const last = status.lastState?.terminated;
  // OOMKilled shows in lastState while the container waits in CrashLoopBackOff (or runs again): say OOMKilled.
  const oom = terminated?.reason === "OOMKilled" ? terminated : last?.reason === "OOMKilled" ? last : undefined;
  if (oom !== undefined) {
    const now = waiting?.reason === undefined ? "" : `, now ${waiting.reason}`;
    return problem(
      pod,
      status.name,
      "OOMKilled",
      `container ${status.name} was OOM-killed (exit code ${oom.exitCode ?? 137})${now}`,
      oom,
    );
  }
  const reason = waiting?.reason;
  if (reason === undefined) return undefined;
  const message = waiting?.message ?? "";
  if (certainWaiting.has(reason)) return problem(pod, status.name, reason, message, last);
  if (imagePullWaiting.has(reason)) return problem(pod, status.name, reason, message, last, "imagePull");
  return undefined;
}

/** The problem a pod shows, if any: its containers (init containers first), then scheduling. */
export function podProblem(pod: KubeObject): Problem | undefined {
  const status = (pod.status ?? {}) as PodStatus;
  if (pod.metadata.deletionTimestamp !== undefined) return undefined;
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const found = containerProblem(pod, container);
    if (found !== undefined) return found;
  }
  const scheduled = conditionOf(pod, "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    return problem(
      pod,
      undefined,
      "Unschedulable",
      scheduled.message ?? "no node can take the pod",
      undefined,
      "unschedulable",
    );
  }
  return undefined;
}

// The ServiceAccount admission plugin refuses a pod whose service account does not exist. A new
// Namespace gets its `default` from a controller moments after it is created, and a service account
// in the same manifests is applied alongside the workload; the workload's controller retries, so
// this earns a grace period instead of failing the rollout at once.
const missingServiceAccount = /error looking up service account [^\s:]+: serviceaccount "[^"]*" not found/;

/** Pods the controller cannot create (quota, admission), as its condition or a FailedCreate event says. */
export function cannotCreatePods(reason: string, message: string): Problem {
  const missing = missingServiceAccount.test(message);
  const fix = fixFor(missing ? "missingServiceAccount" : reason) ?? fixFor("FailedCreate");
  const cause: Cause = { reason, message, ...(fix === undefined ? {} : { fix }) };
  return missing ? { cause, grace: "missingServiceAccount" } : { cause };
}

/** A problem the workload itself reports: pods it cannot create (quota, admission). */
export function workloadProblem(object: KubeObject): Problem | undefined {
  const failure = conditionOf(object, "ReplicaFailure");
  if (failure?.status !== "True") return undefined;
  return cannotCreatePods(failure.reason ?? "FailedCreate", failure.message ?? "pods could not be created");
}

/** The most telling problem among pods: a certain one before one that may still heal. */
export function worstProblem(problems: readonly Problem[]): Problem | undefined {
  return [...problems].sort((a, b) => Number(a.grace !== undefined) - Number(b.grace !== undefined))[0];
}

/** The last failed container of failed pods (a failed Job's), to show with the Job's own reason. */
export function failedContainer(pods: readonly KubeObject[]): Problem | undefined {
  for (const pod of pods) {
    for (const status of ((pod.status ?? {}) as PodStatus).containerStatuses ?? []) {
      const terminated = status.state?.terminated ?? status.lastState?.terminated;
      if (terminated !== undefined && (terminated.exitCode ?? 0) !== 0) {
        return problem(
          pod,
          status.name,
          terminated.reason ?? "Error",
          `container ${status.name} exited with code ${terminated.exitCode ?? "?"}`,
          terminated,
        );
      }
    }
  }
  return undefined;
}
