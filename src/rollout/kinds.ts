// What kubeship knows about each kind it rolls out, in one table (as kstatus' legacyTypes): how its
// readiness is judged, how the pods of its current revision are found, which pod problems its
// controller retries, how pods that cannot be created show, how it is rolled back, and, derived from
// all of that, the permissions its wait and rollback need. The permission preflight asks for exactly
// these, so that what it grants is what the wait requests.
//
// How the waiter decides about one object, in this order:
//   1. annotated kubeship.io/wait: "false"        skipped
//   2. no readiness rule (nothing to judge)        ready as applied
//   3. the rule says failed                       failed; the cause completed by its pods (the worst pod problem,
//                                                  or for a kind with `lastTerminated`, the last failed container)
//   4. the rule says ready                        ready
//   5. in progress, a workload: its own problem (ReplicaFailure), a FailedCreate event (kinds with
//      `failedCreateEvents`), then the worst problem among the current revision's pods (except those
//      the controller retries) fails it once that problem's grace period has passed (with fail-fast)
//   6. otherwise in progress, until the timeout
// Any other kind gets kstatus' generic conditions rule.
import type { Access } from "../apply/permissions.ts";
import { groupKind } from "../kube/types.ts";
import {
  daemonSetRevision,
  deploymentRevision,
  ownRevision,
  type RevisionCollection,
  type Revisions,
  statefulSetRevision,
} from "./revision.ts";
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
  type ReadinessRule,
  replicaSetReadiness,
  serviceReadiness,
  statefulSetReadiness,
} from "./rules.ts";

/** A workload: something whose pods are diagnosed. */
export interface Workload extends Revisions {
  /** the apps/v1 collection listed to find them, if any */
  revisionsIn?: RevisionCollection;
  /** pod problems the controller gets past by retrying (a Job, within its backoffLimit): not failed fast */
  retried: ReadonlySet<string>;
  /** pods that cannot be created show only as FailedCreate events (no ReplicaFailure condition to read) */
  failedCreateEvents: boolean;
  /** when its rule says failed, the detail is the last container that failed, not the worst pod problem */
  lastTerminated: boolean;
}

export interface KindBehaviour {
  /** undefined: nothing to judge, ready as applied (and not waited for) */
  readiness: ReadinessRule | undefined;
  workload?: Workload;
  /** how `kubectl rollout undo` returns it to its previous revision: from that revision's ReplicaSet
   * (its pod template), or from its ControllerRevision (a patch that restores the template) */
  rollbackFrom?: RevisionCollection;
}

const workload = (w: Partial<Workload> & Revisions): Workload => ({
  retried: new Set(),
  failedCreateEvents: false,
  lastTerminated: false,
  ...w,
});

const nothingToJudge: KindBehaviour = { readiness: undefined };

/** The table, keyed `Kind.group` (groupKind). */
export const kinds: Readonly<Record<string, KindBehaviour>> = {
  "Deployment.apps": {
    readiness: deploymentReadiness,
    workload: workload({ ...deploymentRevision, revisionsIn: "replicasets" }),
    rollbackFrom: "replicasets",
  },
  "StatefulSet.apps": {
    readiness: statefulSetReadiness,
    workload: workload({ ...statefulSetRevision, failedCreateEvents: true }),
    rollbackFrom: "controllerrevisions",
  },
  "DaemonSet.apps": {
    readiness: daemonSetReadiness,
    workload: workload({ ...daemonSetRevision, revisionsIn: "controllerrevisions", failedCreateEvents: true }),
    rollbackFrom: "controllerrevisions",
  },
  "ReplicaSet.apps": { readiness: replicaSetReadiness, workload: workload(ownRevision) },
  Pod: { readiness: podReadiness, workload: workload(ownRevision) },
  "Job.batch": {
    readiness: jobReadiness,
    workload: workload({
      ...ownRevision,
      // restartPolicy OnFailure shows retries as a crash loop: the Failed condition decides
      retried: new Set(["CrashLoopBackOff", "OOMKilled"]),
      failedCreateEvents: true,
      lastTerminated: true,
    }),
  },
  "CronJob.batch": { readiness: cronJobReadiness },
  PersistentVolumeClaim: { readiness: persistentVolumeClaimReadiness },
  // Established: with `wait`, part of the rollout wait like any object's readiness; before that, a
  // barrier only for custom resources of its kind in the same set (apply/run.ts)
  "CustomResourceDefinition.apiextensions.k8s.io": { readiness: customResourceDefinitionReadiness },
  Namespace: { readiness: namespaceReadiness },
  "APIService.apiregistration.k8s.io": { readiness: apiServiceReadiness },
  "PodDisruptionBudget.policy": { readiness: podDisruptionBudgetReadiness },
  Service: { readiness: serviceReadiness },
  ConfigMap: nothingToJudge,
  Secret: nothingToJudge,
  ServiceAccount: nothingToJudge,
  "Role.rbac.authorization.k8s.io": nothingToJudge,
  "RoleBinding.rbac.authorization.k8s.io": nothingToJudge,
  "ClusterRole.rbac.authorization.k8s.io": nothingToJudge,
  "ClusterRoleBinding.rbac.authorization.k8s.io": nothingToJudge,
};

const otherKinds: KindBehaviour = { readiness: conditionsReadiness };

/** The row of a kind: its own, or the generic conditions rule. */
export function kindBehaviour(group: string, kind: string): KindBehaviour {
  return kinds[groupKind(group, kind)] ?? otherKinds;
}

/** The rule for a kind: its own, or the generic conditions rule; undefined when there is nothing to judge. */
export function ruleFor(group: string, kind: string): ReadinessRule | undefined {
  return kindBehaviour(group, kind).readiness;
}

/** Whether a failed rollout of the kind can be rolled back. */
export function canRollBack(group: string, kind: string): boolean {
  return kindBehaviour(group, kind).rollbackFrom !== undefined;
}

/** events.k8s.io first (the waiter's choice), core v1 as good when that is denied. */
const events = { group: "events.k8s.io", resource: "events", fallback: { group: "", resource: "events" } };

/**
 * Every request the wait of an object of the kind makes (and, with `rollback`, its rollback), as
 * permissions relative to the object: the preflight turns them into rows.
 */
export function waitAccess(group: string, kind: string, options: { rollback: boolean }): Access[] {
  const row = kindBehaviour(group, kind);
  if (row.readiness === undefined) return [];
  const access: Access[] = [
    // an informer: LIST, then WATCH from its resourceVersion
    { verb: "list", on: "collection", neededFor: "wait" },
    { verb: "watch", on: "collection", neededFor: "wait" },
    // the Warning events of a failed object and of its pod, for the cause
    { verb: "list", on: "namespace", ...events, neededFor: "wait: events" },
  ];
  const w = row.workload;
  if (w !== undefined) {
    access.push(
      { verb: "list", on: "namespace", group: "", resource: "pods", neededFor: "wait: pods" },
      { verb: "watch", on: "namespace", group: "", resource: "pods", neededFor: "wait: pods" },
    );
    if (w.revisionsIn !== undefined) {
      const revisions = { group: "apps", resource: w.revisionsIn };
      access.push({ verb: "list", on: "namespace", ...revisions, neededFor: "wait: revision" });
    }
    if (w.failedCreateEvents) access.push({ verb: "watch", on: "namespace", ...events, neededFor: "wait: events" });
  }
  if (options.rollback && row.rollbackFrom !== undefined) {
    access.push(
      { verb: "get", on: "object", neededFor: "rollback" },
      { verb: "patch", on: "object", neededFor: "rollback" },
      { verb: "list", on: "namespace", group: "apps", resource: row.rollbackFrom, neededFor: "rollback" },
    );
  }
  return access;
}
