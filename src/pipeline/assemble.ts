// Assembling the RunResult: a pure function of what the stages returned. The failures are data (kind,
// object, source, summary, cause, rollback, missing permissions); report/ puts them into words.
import { comparable } from "../apply/diff.ts";
import { ApplySetError } from "../apply/applyset.ts";
import { durationText, interruptionOf } from "../deadline.ts";
import type { Settings } from "../inputs.ts";
import { ManifestError, type ManifestObject } from "../manifests/load.ts";
import type { Failure, ObjectResult, PruneResult, RunResult } from "../result.ts";
import type { RolloutResult } from "../rollout/wait.ts";
import { type Applied, inManifestOrder } from "./apply.ts";
import { seconds } from "./context.ts";
import type { Waited } from "./wait.ts";

/** What the stages returned, as far as the run got. */
export interface StageValues {
  settings: Pick<Settings, "mode" | "environment" | "timeoutMs">;
  cluster?: { server: string; context: string | undefined };
  kubeconfigPath?: string;
  manifests?: readonly ManifestObject[];
  applied?: Applied;
  pruned?: PruneResult[];
  waited?: Waited;
  /** what stopped the run early: bad manifests, a refused preflight, an error */
  stopped: Failure[];
  /** the workflow was cancelled */
  cancelled: boolean;
  durationMs: number;
}

/** Why the run stopped, from what a stage threw. */
export function failuresOf(
  error: unknown,
  run: { cancelled: boolean; timedOut: boolean; timeoutMs: number; stage: string },
): Failure[] {
  // what the stage was waiting for when the signal fired, when it says
  const interrupted = interruptionOf(error);
  const during = `in the ${run.stage} stage${interrupted === undefined ? "" : ` while ${interrupted.waitingFor}`}`;
  if (run.cancelled) {
    return [{ kind: "cancelled", summary: `the workflow was cancelled ${during}, before the deploy finished` }];
  }
  if (run.timedOut) {
    const fix =
      interrupted === undefined
        ? "raise the timeout input if the cluster is slow"
        : `raise the timeout input if it needs longer, or ${interrupted.check}`;
    return [{ kind: "timeout", summary: `timeout ${durationText(run.timeoutMs)} reached ${during}: ${fix}` }];
  }
  if (error instanceof ManifestError) {
    return error.problems.map((p) => ({
      kind: "manifest",
      ...(p.source ? { source: p.source } : {}),
      summary: p.message,
    }));
  }
  const summary = error instanceof Error ? error.message : String(error);
  return [{ kind: error instanceof ApplySetError ? "manifest" : "error", summary }];
}

function rolloutFailure(object: ObjectResult, rollout: RolloutResult, values: StageValues): Failure | undefined {
  const outcome = rollout.outcome;
  if (outcome !== "failed" && outcome !== "timeout" && outcome !== "cancelled") return undefined;
  const summaries = {
    failed: "failed to roll out",
    timeout: `did not become ready within ${seconds(values.settings.timeoutMs)}`,
    cancelled: "was still rolling out when the workflow was cancelled",
  };
  const rollback = values.waited?.rolledBack?.find((r) => r.ref === rollout.ref);
  return {
    kind: "rollout",
    ref: object.ref,
    source: object.source,
    summary: summaries[outcome],
    outcome,
    status: rollout.message,
    ...(rollout.cause === undefined ? {} : { cause: rollout.cause }),
    ...(rollback === undefined ? {} : { rollback }),
  };
}

function objectResults(applied: Applied, waited: Waited | undefined, mode: RunResult["mode"]): ObjectResult[] {
  const results = applied.objects.map((a, i): ObjectResult => {
    const rollout = waited?.rollouts[i];
    return {
      ref: a.ref,
      source: a.source,
      action: a.action,
      rollout: rollout?.outcome ?? "skipped",
      message: rollout?.message ?? "",
      ...(rollout?.cause === undefined ? {} : { cause: rollout.cause }),
      durationMs: rollout?.durationMs ?? 0,
      ...(a.notes.length > 0 ? { notes: a.notes } : {}),
      // plan mode: what would change
      ...(mode === "plan" ? (a.diff === undefined ? { created: comparable(a.live) } : { diff: a.diff }) : {}),
    };
  });
  const unchecked = applied.unchecked.map((u): ObjectResult => ({
    ref: u.ref,
    source: u.source,
    action: "created",
    rollout: "skipped",
    message: "",
    durationMs: 0,
    created: comparable(u.object),
    notes: [u.note],
  }));
  return [...results, ...unchecked];
}

export function assemble(values: StageValues): RunResult {
  const { settings, applied, waited } = values;
  const objects = applied === undefined ? [] : objectResults(applied, waited, settings.mode);
  const rolloutFailures = (waited?.rollouts ?? []).flatMap((r, i) => {
    const object = objects[i];
    return object === undefined ? [] : (rolloutFailure(object, r, values) ?? []);
  });
  const failures = [...(applied?.failures ?? []), ...rolloutFailures, ...values.stopped];
  const rolledBack = waited?.rolledBack;
  return {
    result: failures.length === 0 && !values.cancelled ? "success" : "failure",
    mode: settings.mode,
    ...(settings.environment === undefined ? {} : { environment: settings.environment }),
    ...(values.cluster === undefined ? {} : { server: values.cluster.server }),
    ...(values.cluster?.context === undefined ? {} : { context: values.cluster.context }),
    objects: values.manifests === undefined ? objects : [...objects].sort(inManifestOrder(values.manifests)),
    pruned: values.pruned ?? [],
    failures,
    ...(values.kubeconfigPath === undefined ? {} : { kubeconfigPath: values.kubeconfigPath }),
    ...(rolledBack === undefined ? {} : { rolledBack }),
    ...(values.cancelled ? { cancelled: true } : {}),
    durationMs: values.durationMs,
  };
}
