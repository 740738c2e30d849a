// RunResult: everything the report and the outputs need, assembled from what each stage of the
// pipeline returned. The report formats it and never queries the cluster itself.
import type { ApplyAction } from "./apply/apply.ts";
import type { DiffLine } from "./apply/diff.ts";
import type { MissingPermission } from "./apply/permissions.ts";
import type { KubeObject, ObjectRef } from "./kube/types.ts";
import type { Source } from "./manifests/load.ts";
import type { Cause } from "./rollout/readiness.ts";
import type { RolloutOutcome } from "./rollout/wait.ts";

export interface ObjectResult {
  ref: ObjectRef;
  source: Source;
  action: ApplyAction;
  rollout: RolloutOutcome | "skipped";
  /** the last readiness message */
  message: string;
  /** why it failed or is not ready (pod, container, last termination, events, fix) */
  cause?: Cause;
  durationMs: number;
  /** plan mode: what would change; undefined for objects to be created */
  diff?: DiffLine[];
  /** plan mode: the object as it would be created (redacted), for objects to be created */
  created?: unknown;
  /** taken over from kubectl, re-created, server validation deferred … */
  notes?: string[];
}

/** An ApplySet member that pruning deleted (or would delete, in plan mode), or kept and why. */
export interface PruneResult {
  ref: ObjectRef;
  kept?: string;
}

/**
 * What kind of failure:
 * - `manifest`: a problem in the manifests, found before anything was written (source says where), or an
 *   ApplySet refused before anything was written (another tool's, or pruning every member)
 * - `permission`: the preflight found permissions missing (missingPermissions says which); nothing was written
 * - `apply`: one object was not applied (a conflict, an immutable field, a field the schema does not know)
 * - `dependency`: a CRD or APIService of the set did not become ready, so what needs it was not applied
 * - `rollout`: one object's rollout failed, timed out or was cancelled (outcome says which)
 * - `timeout`, `cancelled`: the deploy as a whole ran out of time, or the workflow was cancelled
 * - `error`: anything else (credentials, an unreachable server, an API error outside one object)
 */
export type FailureKind =
  "manifest" | "permission" | "apply" | "dependency" | "rollout" | "timeout" | "cancelled" | "error";

export interface Failure {
  kind: FailureKind;
  /** the object; absent for failures that concern no single object (unreachable server, bad input) */
  ref?: ObjectRef;
  /** where the object (or the problem) is in the manifests */
  source?: Source;
  /** what went wrong, in one line that follows the object's name: `did not become ready within 60.0s` */
  summary: string;
  /** rollouts: how it ended */
  outcome?: "failed" | "timeout" | "cancelled";
  /** rollouts: the last readiness message (`1/1 updated, 0/1 available`) */
  status?: string;
  /** why: the pod, container, termination and events of a rollout; the server's answer to an apply; the fix */
  cause?: Cause;
  /** what rollback-on-failure did about this object */
  rollback?: RollbackResult;
  /** the permissions the preflight found missing, and the namespaces it could not check */
  missingPermissions?: MissingPermission[];
  /** Roles and bindings that grant what is missing, ready for `kubectl apply -f`; `to` is the identity bound */
  grant?: { objects: KubeObject[]; to?: string };
}

/** One rollback-on-failure: to which revision, and how that rollout ended; or why there was none. */
export interface RollbackResult {
  ref: ObjectRef;
  /** absent when the object could not be rolled back (`message` says why) */
  revision?: string;
  /** how the rollout back to `revision` ended */
  outcome?: RolloutOutcome;
  /** the rollback rollout's last message; without a revision, why it was not rolled back */
  message: string;
}

export interface RunResult {
  result: "success" | "failure";
  mode: "apply" | "plan";
  /** the GitHub environment and the cluster, for the summary's headline */
  environment?: string;
  server?: string;
  context?: string;
  /** the objects applied (in plan mode: dry-run), in manifest order */
  objects: ObjectResult[];
  /** ApplySet members no longer in the manifests: deleted (in plan mode: to be deleted), or kept */
  pruned: PruneResult[];
  failures: Failure[];
  /** the transient kubeconfig written for later steps */
  kubeconfigPath?: string;
  /** what rollback-on-failure returned to its previous revision */
  rolledBack?: RollbackResult[];
  /** the workflow was cancelled (SIGINT/SIGTERM) before the deploy finished */
  cancelled?: boolean;
  durationMs: number;
}

/** The members pruning deleted: in apply mode only, and not those it kept. */
export function deletedMembers(result: RunResult): PruneResult[] {
  return result.mode === "apply" ? result.pruned.filter((p) => p.kept === undefined) : [];
}

/** Objects created, configured or pruned. */
export function changedCount(result: RunResult): number {
  return result.objects.filter((o) => o.action !== "unchanged").length + deletedMembers(result).length;
}

/** Objects applied and members pruned. */
export function objectCount(result: RunResult): number {
  return result.objects.length + deletedMembers(result).length;
}
