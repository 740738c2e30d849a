// RunResult: everything the report and the outputs need, gathered by the pipeline. The report
// formats it and never queries the cluster itself.
import type { ApplyAction } from "./apply/apply.ts";
import type { DiffLine } from "./apply/diff.ts";
import type { ObjectRef } from "./kube/types.ts";
import type { Source } from "./manifests/load.ts";
import type { RolloutOutcome } from "./rollout/wait.ts";

export interface ObjectResult {
  ref: ObjectRef;
  source: Source;
  action: ApplyAction;
  rollout: RolloutOutcome | "skipped";
  /** the last readiness message */
  message: string;
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
  durationMs: number;
}

export function changedCount(result: RunResult): number {
  return result.objects.filter((o) => o.action !== "unchanged").length;
}
