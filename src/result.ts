// RunResult: everything the report and the outputs need, gathered by the pipeline. The report
// formats it and never queries the cluster itself.
import type { ApplyAction } from "./apply/apply.ts";
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
  /** the cluster, for the summary's headline */
  server?: string;
  context?: string;
  objects: ObjectResult[];
  failures: Failure[];
  /** what rollback-on-failure returned to its previous revision */
  rolledBack?: Rollback[];
  /** the workflow was cancelled (SIGINT/SIGTERM) before the deploy finished */
  cancelled?: boolean;
  durationMs: number;
}

export function changedCount(result: RunResult): number {
  return result.objects.filter((o) => o.action !== "unchanged").length;
}
