// RunResult: everything the report and the outputs need, gathered by the pipeline. The report
// formats it and never queries the cluster itself.
import type { ApplyAction } from "./apply/apply.ts";
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
}

export interface Failure {
  /** absent for failures that concern no single object (unreachable server, bad input) */
  ref?: ObjectRef;
  source?: Source;
  message: string;
}

export interface RunResult {
  result: "success" | "failure";
  /** the cluster, for the summary's headline */
  server?: string;
  context?: string;
  objects: ObjectResult[];
  failures: Failure[];
  /** the transient kubeconfig written for later steps */
  kubeconfigPath?: string;
  durationMs: number;
}

export function changedCount(result: RunResult): number {
  return result.objects.filter((o) => o.action !== "unchanged").length;
}
