// Waiting and rolling back: the applied objects' rollouts, with a line per change of state and a
// heartbeat; then, with rollback-on-failure, the failed workloads returned to their previous
// revision and waited for again. This stage decides what a cancelled workflow means for a rollout:
// what was still rolling out is `cancelled`, not timed out, and nothing is rolled back.
import type { AppliedObject } from "../apply/apply.ts";
import type { Settings } from "../inputs.ts";
import { describeRef, type ObjectRef } from "../kube/types.ts";
import { describeRollback } from "../report/failure.ts";
import type { RollbackResult } from "../result.ts";
import { canRollBack } from "../rollout/kinds.ts";
import { rollBack, RollbackError } from "../rollout/rollback.ts";
import { type RolloutResult, type RolloutTarget, waitForRollouts } from "../rollout/wait.ts";
import { type StageContext, seconds } from "./context.ts";

/** how often the objects still rolling out are listed, at most 10 s as users expect */
const heartbeatEveryMs = 5_000;
/** objects listed per heartbeat; the rest are counted */
const heartbeatListed = 10;

export interface Waited {
  /** one per applied object, in the same order */
  rollouts: RolloutResult[];
  /** with rollback-on-failure: what was rolled back, or why not */
  rolledBack: RollbackResult[] | undefined;
}

/** `deployment/web`: how progress lines name an object, as kubectl does. */
function progressName(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}

/** An object still rolling out: its last progress message, and since when it has said so. */
export interface Waiting {
  message: string;
  since: number;
}

/** `45s`, `3m05s`: how long, for a reader. */
function howLong(ms: number): string {
  const total = Math.round(ms / 1000);
  return total < 60 ? `${total}s` : `${Math.floor(total / 60)}m${String(total % 60).padStart(2, "0")}s`;
}

/**
 * The heartbeat: what is still rolling out, how long the wait has run, and how long each message has
 * stood unchanged, so that a stuck object (an APIService whose service never answers) does not print
 * the same line every few seconds for the whole timeout.
 */
export function heartbeatLines(
  waiting: ReadonlyMap<string, Waiting>,
  now: number,
  started: number,
  timeoutMs: number,
): string | undefined {
  if (waiting.size === 0) return undefined;
  const lines = [...waiting].map(([name, { message, since }]) => {
    const unchanged = now - since >= heartbeatEveryMs ? ` (unchanged for ${howLong(now - since)})` : "";
    return `  ${name}: ${message}${unchanged}`;
  });
  const more = lines.length > heartbeatListed ? [`  … and ${lines.length - heartbeatListed} more`] : [];
  const count = `${lines.length} object${lines.length === 1 ? "" : "s"}`;
  return [
    `Still waiting for ${count} (${howLong(now - started)} of ${howLong(timeoutMs)}):`,
    ...lines.slice(0, heartbeatListed),
    ...more,
  ].join("\n");
}

/** Waits for the rollouts, with a line per change of state and a heartbeat of what is still rolling out. */
async function waitWithProgress(
  ctx: StageContext,
  targets: readonly RolloutTarget[],
  settings: Settings,
): Promise<RolloutResult[]> {
  const { client, log, signal } = ctx;
  const failFast = settings.failFast ? "failing fast" : "fail-fast off";
  log.info(`Waiting for the rollout (timeout ${seconds(settings.timeoutMs)}, ${failFast})`);
  const started = Date.now();
  const waiting = new Map<string, Waiting>();
  const heartbeat = setInterval(() => {
    const lines = heartbeatLines(waiting, Date.now(), started, settings.timeoutMs);
    if (lines !== undefined) log.info(lines);
  }, heartbeatEveryMs);
  try {
    return await waitForRollouts(client, targets, {
      signal,
      failFast: settings.failFast,
      onProgress: (ref, readiness) => {
        const name = progressName(ref);
        if (readiness.state === "in-progress") waiting.set(name, { message: readiness.message, since: Date.now() });
        else waiting.delete(name);
        log.info(`  ${name}: ${readiness.state === "failed" ? "failed: " : ""}${readiness.message}`);
      },
    });
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Rolls back the Deployments, StatefulSets and DaemonSets that failed, then waits for them again,
 * within what is left of the timeout (a rollout that timed out has none left, and is not rolled back).
 */
async function rollBackFailed(
  ctx: StageContext,
  applied: readonly AppliedObject[],
  rollouts: readonly RolloutResult[],
): Promise<RollbackResult[]> {
  const { client, log, signal } = ctx;
  // Only what this run changed: an unchanged workload that fails was failing before, and its
  // previous revision is not one this run replaced.
  const failed = applied.filter(
    (a) =>
      a.action !== "unchanged" &&
      canRollBack(a.mapping.group, a.mapping.kind) &&
      rollouts.some((r) => r.ref === a.ref && r.outcome === "failed"),
  );
  const done: RollbackResult[] = [];
  const revisions = new Map<AppliedObject, string>();
  for (const a of failed) {
    try {
      const rollback = await rollBack(client, a, signal);
      revisions.set(a, rollback.revision);
      log.info(`Rolling back ${describeRef(a.ref)} to revision ${rollback.revision}`);
    } catch (error) {
      const reason =
        error instanceof RollbackError ? error.reason : error instanceof Error ? error.message : String(error);
      log.warning(`${describeRef(a.ref)} was not rolled back: ${reason}`, a.source);
      done.push({ ref: a.ref, message: reason });
    }
  }
  if (revisions.size === 0) return done;
  // The rollback is waited for like any rollout; `live` is left out so that the new state is watched.
  const targets = [...revisions.keys()].map((a) => ({ ref: a.ref, mapping: a.mapping }));
  const onProgress = (ref: ObjectRef, readiness: { message: string }) =>
    log.info(`  ${progressName(ref)} (rollback): ${readiness.message}`);
  const results = await waitForRollouts(client, targets, { signal, onProgress });
  for (const [a, revision] of revisions) {
    const r = results.find((result) => result.ref === a.ref);
    const rollback: RollbackResult = {
      ref: a.ref,
      revision,
      outcome: r?.outcome ?? "timeout",
      message: r?.message ?? "",
    };
    log.info(`${describeRef(a.ref)} ${describeRollback(rollback)}`);
    done.push(rollback);
  }
  return done;
}

export async function waitAndRollBack(
  ctx: StageContext,
  applied: readonly AppliedObject[],
  settings: Settings,
  cancel: AbortSignal | undefined,
): Promise<Waited> {
  const rollouts = await waitWithProgress(ctx, applied, settings);
  if (cancel?.aborted === true) {
    const cancelled = rollouts.map((r): RolloutResult =>
      r.outcome === "timeout" ? { ...r, outcome: "cancelled" } : r,
    );
    const still = cancelled.filter((r) => r.outcome === "cancelled").map((r) => describeRef(r.ref));
    ctx.log.info(`Cancelled: ${applied.length} object(s) applied; still rolling out: ${still.join(", ") || "nothing"}`);
    return { rollouts: cancelled, rolledBack: undefined };
  }
  const rolledBack = settings.rollbackOnFailure ? await rollBackFailed(ctx, applied, rollouts) : undefined;
  return { rollouts, rolledBack };
}
