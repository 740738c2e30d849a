// Which pods belong to a workload's new revision: only those can tell whether the rollout will
// succeed (old pods crash-looping do not fail a rollout that replaces them). One pair of functions per
// kind, used by the kind table (kinds.ts): the key that changes with each new revision, and the pods.
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
  const spec = object.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined;
  const matchLabels = spec?.selector?.matchLabels;
  if (matchLabels === undefined) return undefined;
  const text = Object.entries(matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  return text === "" ? undefined : text;
}

/** The apps/v1 collections that hold a workload's revisions. */
export type RevisionCollection = "replicasets" | "controllerrevisions";

/** The workload's children of one kind (ReplicaSets, ControllerRevisions), owned by it. */
export async function ownedChildren(
  client: KubeApi,
  workload: KubeObject,
  collection: RevisionCollection,
  signal: AbortSignal,
): Promise<KubeObject[]> {
  const namespace = encodeURIComponent(workload.metadata.namespace ?? "default");
  const selector = labelSelector(workload);
  const list = await client.list(`/apis/apps/v1/namespaces/${namespace}/${collection}`, {
    ...(selector === undefined ? {} : { query: { labelSelector: selector } }),
    signal,
  });
  return list.items.filter((child) => isOwnedBy(child, workload.metadata.uid ?? ""));
}

/** A ReplicaSet's revision annotation, or a ControllerRevision's revision field. */
export function revisionNumber(object: KubeObject): number {
  const revision = (object as { revision?: number }).revision;
  return Number(object.metadata.annotations?.[revisionAnnotation] ?? revision ?? 0);
}

/** Children (ReplicaSets or ControllerRevisions), the newest revision first. */
export function newestFirst(children: readonly KubeObject[]): KubeObject[] {
  return [...children].sort((a, b) => revisionNumber(b) - revisionNumber(a));
}

/** How a kind's revisions are told apart, and how the current one's pods are found. */
export interface Revisions {
  /** what identifies the workload's current revision; undefined until the controller has observed its spec */
  revisionKey: (workload: KubeObject) => string | undefined;
  /** the revision's pods, or undefined when they cannot be known yet (the controller has not caught up) */
  revisionPods: (client: KubeApi, workload: KubeObject, signal: AbortSignal) => Promise<RevisionPods | undefined>;
}

function revisionHash(uid: string | undefined, hash: string | undefined): RevisionPods | undefined {
  if (hash === undefined || uid === undefined) return undefined;
  return { ownerUid: uid, label: { key: revisionHashLabel, value: hash } };
}

function observed(workload: KubeObject): boolean {
  const status = (workload.status ?? {}) as { observedGeneration?: number };
  return (status.observedGeneration ?? 0) >= (workload.metadata.generation ?? 0);
}

function updateRevision(workload: KubeObject): string | undefined {
  return (workload.status as { updateRevision?: string } | undefined)?.updateRevision;
}

export const deploymentRevision: Revisions = {
  revisionKey: (workload) => (observed(workload) ? workload.metadata.annotations?.[revisionAnnotation] : undefined),
  revisionPods: async (client, workload, signal) => {
    const revision = workload.metadata.annotations?.[revisionAnnotation];
    if (revision === undefined) return undefined;
    const replicaSets = await ownedChildren(client, workload, "replicasets", signal);
    const current = replicaSets.find((rs) => rs.metadata.annotations?.[revisionAnnotation] === revision);
    return current?.metadata.uid === undefined ? undefined : { ownerUid: current.metadata.uid };
  },
};

export const statefulSetRevision: Revisions = {
  revisionKey: (workload) => (observed(workload) ? updateRevision(workload) : undefined),
  revisionPods: (_client, workload) => Promise.resolve(revisionHash(workload.metadata.uid, updateRevision(workload))),
};

export const daemonSetRevision: Revisions = {
  revisionKey: (workload) => (observed(workload) ? String(workload.metadata.generation ?? 0) : undefined),
  revisionPods: async (client, workload, signal) => {
    if (workload.metadata.uid === undefined) return undefined;
    const [newest] = newestFirst(await ownedChildren(client, workload, "controllerrevisions", signal));
    return revisionHash(workload.metadata.uid, newest?.metadata.labels?.[revisionHashLabel]);
  },
};

/** Jobs, ReplicaSets, Pods: one revision for the object's life, its own pods (or itself). */
export const ownRevision: Revisions = {
  revisionKey: (workload) => workload.metadata.uid,
  revisionPods: (_client, workload) => {
    const uid = workload.metadata.uid;
    return Promise.resolve(uid === undefined ? undefined : { ownerUid: uid });
  },
};
