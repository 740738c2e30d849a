// Which pods belong to a workload's new revision: only those can tell whether the rollout will
// succeed (old pods crash-looping do not fail a rollout that replaces them).
//   Deployment   pods of the ReplicaSet whose deployment.kubernetes.io/revision equals the Deployment's
//   StatefulSet  its pods labelled controller-revision-hash = status.updateRevision
//   DaemonSet    its pods labelled with the controller-revision-hash of its newest ControllerRevision
//   Job, ReplicaSet  its pods; Pod  itself
import type { KubeApi } from "../kube/api.ts";
import type { KubeObject } from "../kube/types.ts";

export const revisionAnnotation = "deployment.kubernetes.io/revision";
const revisionHashLabel = "controller-revision-hash";

/** The pods of the new revision: those owned by `ownerUid` (and carrying `label`, when set). */
export interface RevisionPods {
  ownerUid: string;
  label?: { key: string; value: string };
}

export interface OwnerReference {
  uid: string;
  name: string;
  kind: string;
  controller?: boolean;
}

export function ownerReferences(object: KubeObject): OwnerReference[] {
  return (object.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
}

export function controllerUid(object: KubeObject): string | undefined {
  return ownerReferences(object).find((o) => o.controller === true)?.uid;
}

export function isOwnedBy(object: KubeObject, uid: string): boolean {
  return ownerReferences(object).some((o) => o.uid === uid);
}

export function inRevision(pod: KubeObject, revision: RevisionPods): boolean {
  if (revision.ownerUid === pod.metadata.uid) return true;
  if (controllerUid(pod) !== revision.ownerUid) return false;
  return revision.label === undefined || pod.metadata.labels?.[revision.label.key] === revision.label.value;
}

/** `a=1,b=2` from a selector's matchLabels (matchExpressions are left to the ownership check). */
export function labelSelector(object: KubeObject): string | undefined {
  const matchLabels = (object.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
  if (matchLabels === undefined) return undefined;
  const text = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return text === "" ? undefined : text;
}

/** The workload's children of one kind (ReplicaSets, ControllerRevisions), owned by it. */
export async function ownedChildren(client: KubeApi, workload: KubeObject, collection: string, signal: AbortSignal): Promise<KubeObject[]> {
  const namespace = encodeURIComponent(workload.metadata.namespace ?? "default");
  const selector = labelSelector(workload);
  const list = await client.list(`/apis/apps/v1/namespaces/${namespace}/${collection}`, {
    ...(selector === undefined ? {} : { query: { labelSelector: selector } }),
    signal,
  });
  return list.items.filter((child) => isOwnedBy(child, workload.metadata.uid ?? ""));
}

function revisionOf(object: KubeObject): number {
  return Number(object.metadata.annotations?.[revisionAnnotation] ?? (object as { revision?: number }).revision ?? 0);
}

/** The newest child (ReplicaSet or ControllerRevision) by revision number. */
export function newest(children: readonly KubeObject[]): KubeObject | undefined {
  return [...children].sort((a, b) => revisionOf(b) - revisionOf(a))[0];
}

/** The revision's pods, or undefined when it cannot be known yet (the controller has not caught up). */
export async function revisionPods(client: KubeApi, kind: string, workload: KubeObject, signal: AbortSignal): Promise<RevisionPods | undefined> {
  const uid = workload.metadata.uid;
  if (uid === undefined) return undefined;
  switch (kind) {
    case "Deployment": {
      const revision = workload.metadata.annotations?.[revisionAnnotation];
      if (revision === undefined) return undefined;
      const current = (await ownedChildren(client, workload, "replicasets", signal)).find((rs) => rs.metadata.annotations?.[revisionAnnotation] === revision);
      return current?.metadata.uid === undefined ? undefined : { ownerUid: current.metadata.uid };
    }
    case "StatefulSet": {
      const updateRevision = (workload.status as { updateRevision?: string } | undefined)?.updateRevision;
      return updateRevision === undefined ? undefined : { ownerUid: uid, label: { key: revisionHashLabel, value: updateRevision } };
    }
    case "DaemonSet": {
      const hash = newest(await ownedChildren(client, workload, "controllerrevisions", signal))?.metadata.labels?.[revisionHashLabel];
      return hash === undefined ? undefined : { ownerUid: uid, label: { key: revisionHashLabel, value: hash } };
    }
    default:
      return { ownerUid: uid };
  }
}

/** Kinds whose pods are diagnosed. */
export const workloadKinds = new Set(["apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet", "batch/Job", "/Pod"]);
