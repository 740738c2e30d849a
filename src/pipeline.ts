// The deploy pipeline, stage after stage: credentials → client → manifests → plan → apply → rollout.
// It runs the same under the action, the CLI and the tests, and returns a RunResult; it never
// formats for GitHub itself.
import { type AppliedObject, applyPlan } from "./apply/apply.ts";
import { planApply } from "./apply/plan.ts";
import { resolveConnection } from "./credentials/index.ts";
import type { Settings } from "./inputs.ts";
import { KubeClient } from "./kube/client.ts";
import { discover } from "./kube/discovery.ts";
import { describeRef, type ObjectRef } from "./kube/types.ts";
import type { Log } from "./log.ts";
import { loadManifests, ManifestError, type ManifestObject } from "./manifests/load.ts";
import type { Failure, ObjectResult, Rollback, RunResult } from "./result.ts";
import { causeDetails, causeHeadline } from "./report/cause.ts";
import { rollBack, RollbackError, rollbackKinds } from "./rollout/rollback.ts";
import { type RolloutResult, type RolloutTarget, waitForRollouts } from "./rollout/wait.ts";

/** how often the objects still rolling out are listed, at most 10 s as users expect */
const heartbeatEveryMs = 5_000;
/** objects listed per heartbeat; the rest are counted */
const heartbeatListed = 10;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

function failuresOf(error: unknown): Failure[] {
  if (error instanceof ManifestError) return error.problems.map((p) => ({ ...(p.source ? { source: p.source } : {}), message: p.message }));
  return [{ message: error instanceof Error ? error.message : String(error) }];
}

interface Prepared {
  objects: ManifestObject[];
  client: KubeClient;
  defaultNamespace: string;
}

async function prepare(settings: Settings, log: Log, result: RunResult): Promise<Prepared> {
  const connection = resolveConnection(settings);
  for (const secret of connection.secrets) log.mask(secret);
  result.server = connection.server;
  if (connection.context !== undefined) result.context = connection.context;
  log.info(`Cluster ${connection.server} (context ${connection.context ?? "none"}, credentials from ${connection.source})`);
  const objects = await loadManifests(settings.manifests, settings.workspace);
  log.info(`Read ${objects.length} objects from ${settings.manifests.join(", ")}`);
  return { objects, client: new KubeClient(connection), defaultNamespace: settings.namespace ?? connection.namespace ?? "default" };
}

/**
 * Runs the whole deploy. `cancel` aborts it (the workflow was cancelled): watches stop, and the result
 * says what was applied and what was still rolling out.
 */
export async function deploy(settings: Settings, log: Log, cancel?: AbortSignal): Promise<RunResult> {
  const started = Date.now();
  const result: RunResult = { result: "failure", objects: [], failures: [], durationMs: 0 };
  const fail = (failure: Failure) => {
    log.error(failure.message, failure.source);
    result.failures.push(failure);
  };
  const finish = (): RunResult => {
    result.durationMs = Date.now() - started;
    if (cancel?.aborted === true) result.cancelled = true;
    result.result = result.failures.length === 0 && result.cancelled !== true ? "success" : "failure";
    return result;
  };

  // Everything that can be checked without the cluster is checked before anything is sent to it.
  let prepared: Prepared;
  try {
    prepared = await prepare(settings, log, result);
  } catch (error) {
    failuresOf(error).forEach(fail);
    return finish();
  }
  const { objects, client, defaultNamespace } = prepared;

  // `timeout` bounds everything from here on: discovery, apply and the wait.
  const signal = cancel === undefined ? AbortSignal.timeout(settings.timeoutMs) : AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), cancel]);
  try {
    const mapper = await discover(client, signal);
    const plan = planApply(objects, mapper, defaultNamespace);
    log.info(`Applying ${objects.length} objects in ${plan.phases.length} phase(s) with server-side apply (field manager ${settings.fieldManager})`);
    const applied = await applyPlan(client, plan, {
      fieldManager: settings.fieldManager,
      signal,
      onApplied: (a) => log.info(`  ${describeRef(a.ref)} ${a.action} (${a.source.file}:${a.source.line})`),
    });
    applied.failures.forEach(fail);

    let rollouts: RolloutResult[] = [];
    if (settings.wait && applied.applied.length > 0 && applied.failures.length === 0) {
      rollouts = await waitStage(client, applied.applied, settings, log, signal);
      if (cancel?.aborted === true) {
        rollouts = rollouts.map((r) => (r.outcome === "timeout" ? { ...r, outcome: "cancelled" } : r));
        log.info(`Cancelled: ${applied.applied.length} object(s) applied; still rolling out: ${rollouts.filter((r) => r.outcome === "cancelled").map((r) => describeRef(r.ref)).join(", ") || "nothing"}`);
      }
      if (settings.rollbackOnFailure && !cancel?.aborted) result.rolledBack = await rollbackStage(client, applied.applied, rollouts, log, signal);
    }

    for (const a of applied.applied) {
      const rollout = rollouts.find((r) => r.ref === a.ref);
      const object: ObjectResult = {
        ref: a.ref,
        source: a.source,
        action: a.action,
        rollout: rollout?.outcome ?? "skipped",
        message: rollout?.message ?? "",
        ...(rollout?.cause === undefined ? {} : { cause: rollout.cause }),
        durationMs: rollout?.durationMs ?? 0,
      };
      result.objects.push(object);
      if (rollout !== undefined && (rollout.outcome === "failed" || rollout.outcome === "timeout" || rollout.outcome === "cancelled")) {
        fail(rolloutFailure(a, rollout, settings, result.rolledBack));
      }
    }
  } catch (error) {
    if (cancel?.aborted === true) {
      fail({ message: `the workflow was cancelled before the deploy finished; applied: ${result.objects.length === 0 ? "nothing reported" : result.objects.map((o) => describeRef(o.ref)).join(", ")}` });
    } else if (signal.aborted) {
      fail({ message: `timed out after ${seconds(settings.timeoutMs)} before the deploy finished (raise the timeout input if the cluster is slow)` });
    } else {
      failuresOf(error).forEach(fail);
    }
  } finally {
    await client.close();
  }
  return finish();
}

/** `deployment/web`: how progress lines name an object, as kubectl does. */
function progressName(ref: ObjectRef): string {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}

/** Waits for the rollout, with a line per change of state and a heartbeat of what is still rolling out. */
async function waitStage(client: KubeClient, targets: readonly RolloutTarget[], settings: Settings, log: Log, signal: AbortSignal): Promise<RolloutResult[]> {
  log.info(`Waiting for the rollout (timeout ${seconds(settings.timeoutMs)}${settings.failFast ? ", failing fast" : ", fail-fast off"})`);
  const waiting = new Map<string, string>();
  const heartbeat = setInterval(() => {
    const lines = [...waiting].map(([name, message]) => `  ${name}: ${message}`);
    if (lines.length === 0) return;
    const more = lines.length > heartbeatListed ? [`  … and ${lines.length - heartbeatListed} more`] : [];
    log.info([`Still waiting for ${lines.length} object${lines.length === 1 ? "" : "s"}:`, ...lines.slice(0, heartbeatListed), ...more].join("\n"));
  }, heartbeatEveryMs);
  try {
    return await waitForRollouts(client, targets, {
      signal,
      failFast: settings.failFast,
      onProgress: (ref, readiness) => {
        const name = progressName(ref);
        if (readiness.state === "in-progress") waiting.set(name, readiness.message);
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
async function rollbackStage(client: KubeClient, applied: readonly AppliedObject[], rollouts: readonly RolloutResult[], log: Log, signal: AbortSignal): Promise<Rollback[]> {
  const failed = applied.filter((a) => rollbackKinds.has(`${a.mapping.group}/${a.mapping.kind}`) && rollouts.some((r) => r.ref === a.ref && r.outcome === "failed"));
  const done: Rollback[] = [];
  const revisions = new Map<AppliedObject, string>();
  for (const a of failed) {
    try {
      const rollback = await rollBack(client, a, signal);
      revisions.set(a, rollback.revision);
      log.info(`Rolling back ${describeRef(a.ref)} to revision ${rollback.revision}`);
    } catch (error) {
      const reason = error instanceof RollbackError ? error.reason : error instanceof Error ? error.message : String(error);
      log.warning(`${describeRef(a.ref)} was not rolled back: ${reason}`, a.source);
      done.push({ ref: a.ref, message: `not rolled back: ${reason}` });
    }
  }
  if (revisions.size === 0) return done;
  // The rollback is waited for like any rollout; `live` is left out so that the new state is watched.
  const targets = [...revisions.keys()].map((a) => ({ ref: a.ref, mapping: a.mapping }));
  const results = await waitForRollouts(client, targets, { signal, onProgress: (ref, readiness) => log.info(`  ${progressName(ref)} (rollback): ${readiness.message}`) });
  for (const [a, revision] of revisions) {
    const r = results.find((result) => result.ref === a.ref);
    const outcome = r?.outcome ?? "timeout";
    const message = `rolled back to revision ${revision} (${outcome === "ready" ? "rolled out" : `${outcome}${r?.message ? `: ${r.message}` : ""}`})`;
    log.info(`${describeRef(a.ref)} ${message}`);
    done.push({ ref: a.ref, revision, outcome, message });
  }
  return done;
}

/** The failure of one object's rollout: what happened, why, and what was rolled back. */
function rolloutFailure(a: AppliedObject, rollout: RolloutResult, settings: Settings, rolledBack: readonly Rollback[] | undefined): Failure {
  const failed = rollout.outcome === "failed";
  const what = failed ? "failed to roll out" : rollout.outcome === "cancelled" ? "was still rolling out when the workflow was cancelled" : `did not become ready within ${seconds(settings.timeoutMs)}`;
  const lines = [`${describeRef(a.ref)} ${what}: ${rollout.cause === undefined || !failed ? rollout.message : causeHeadline(rollout.cause)}`];
  if (rollout.cause !== undefined) {
    if (!failed) lines.push(`why: ${causeHeadline(rollout.cause)}`);
    lines.push(...causeDetails(rollout.cause));
  }
  const rollback = rolledBack?.find((r) => r.ref === a.ref);
  if (rollback !== undefined) lines.push(rollback.message);
  return { ref: a.ref, source: a.source, message: lines.join("\n"), ...(rollout.cause === undefined ? {} : { cause: rollout.cause }) };
}
