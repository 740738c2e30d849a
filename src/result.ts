// RunResult: everything the report and the outputs need, gathered by the pipeline. The report
// formats it and never queries the cluster itself.
import type { ApplyAction } from "./apply/apply.ts";
import type { DiffLine } from "./apply/diff.ts";
import type { ObjectRef } from "./kube/types.ts";
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

export interface Failure {
  /** absent for failures that concern no single object (unreachable server, bad input) */
  ref?: ObjectRef;
  source?: Source;
  message: string;
  cause?: Cause;
}

/** One rollback-on-failure: to which revision, and how that rollout ended; or why there was none. */
export interface Rollback {
  ref: ObjectRef;
  /** absent when the object could not be rolled back (`message` says why) */
  revision?: string;
  outcome?: RolloutOutcome;
  message: string;
}

export interface RunResult {
  result: "success" | "failure";
  mode: "apply" | "plan";
  /** the GitHub environment and the cluster, for the summary's headline */
  environment?: string;
  server?: string;
  context?: string;
  objects: ObjectResult[];
  pruned: PruneResult[];
  failures: Failure[];
  /** the transient kubeconfig written for later steps */
  kubeconfigPath?: string;
  /** what rollback-on-failure returned to its previous revision */
  rolledBack?: Rollback[];
  /** the workflow was cancelled (SIGINT/SIGTERM) before the deploy finished */
  cancelled?: boolean;
  durationMs: number;
}

export function changedCount(result: RunResult): number {
  return result.objects.filter((o) => o.action !== "unchanged").length;
}
