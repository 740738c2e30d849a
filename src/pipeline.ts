// The deploy pipeline, stage after stage: credentials → client → manifests → plan → apply → rollout.
// It runs the same under the action, the CLI and the tests, and returns a RunResult; it never
// formats for GitHub itself.
import { applyPlan } from "./apply/apply.ts";
import { planApply } from "./apply/plan.ts";
import { resolveConnection } from "./credentials/index.ts";
import type { Settings } from "./inputs.ts";
import { KubeClient } from "./kube/client.ts";
import { discover } from "./kube/discovery.ts";
import { describeRef } from "./kube/types.ts";
import type { Log } from "./log.ts";
import { loadManifests, ManifestError, type ManifestObject } from "./manifests/load.ts";
import type { Failure, ObjectResult, RunResult } from "./result.ts";
import { type RolloutResult, waitForRollouts } from "./rollout/wait.ts";

const progressEveryMs = 5_000;

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

export async function deploy(settings: Settings, log: Log): Promise<RunResult> {
  const started = Date.now();
  const result: RunResult = { result: "failure", objects: [], failures: [], durationMs: 0 };
  const fail = (failure: Failure) => {
    log.error(failure.message, failure.source);
    result.failures.push(failure);
  };
  const finish = (): RunResult => {
    result.durationMs = Date.now() - started;
    result.result = result.failures.length === 0 ? "success" : "failure";
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
  const signal = AbortSignal.timeout(settings.timeoutMs);
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
      log.info(`Waiting for the rollout (timeout ${seconds(settings.timeoutMs)})`);
      const waiting = new Map<string, string>();
      const heartbeat = setInterval(() => {
        if (waiting.size > 0) log.info(`  still waiting for ${[...waiting].map(([ref, message]) => `${ref} (${message})`).join(", ")}`);
      }, progressEveryMs);
      try {
        rollouts = await waitForRollouts(client, applied.applied, {
          signal,
          onProgress: (ref, readiness) => {
            const name = describeRef(ref);
            if (readiness.state === "in-progress") waiting.set(name, readiness.message);
            else waiting.delete(name);
            log.info(`  ${name}: ${readiness.message}`);
          },
        });
      } finally {
        clearInterval(heartbeat);
      }
    }

    for (const a of applied.applied) {
      const rollout = rollouts.find((r) => r.ref === a.ref);
      const object: ObjectResult = {
        ref: a.ref,
        source: a.source,
        action: a.action,
        rollout: rollout?.outcome ?? "skipped",
        message: rollout?.message ?? "",
        durationMs: rollout?.durationMs ?? 0,
      };
      result.objects.push(object);
      if (rollout !== undefined && rollout.outcome !== "ready") {
        const what = rollout.outcome === "timeout" ? `did not become ready within ${seconds(settings.timeoutMs)}` : "failed to roll out";
        fail({ ref: a.ref, source: a.source, message: `${describeRef(a.ref)} ${what}: ${rollout.message}` });
      }
    }
  } catch (error) {
    if (signal.aborted) {
      fail({ message: `timed out after ${seconds(settings.timeoutMs)} before the deploy finished (raise the timeout input if the cluster is slow)` });
    } else {
      failuresOf(error).forEach(fail);
    }
  } finally {
    await client.close();
  }
  return finish();
}
