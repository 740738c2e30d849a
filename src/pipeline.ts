// The deploy pipeline, stage after stage: credentials → client → manifests → plan → apply → rollout.
// It runs the same under the action, the CLI and the tests, and returns a RunResult; it never
// formats for GitHub itself.
import { applyPlan } from "./apply/apply.ts";
import { planApply } from "./apply/plan.ts";
import { writeTransientKubeconfig } from "./credentials/export.ts";
import { type UserInfo, whoAmI } from "./credentials/identity.ts";
import { deployingConnection, resolveConnection } from "./credentials/index.ts";
import { missingPermissions, permissionTable, requiredPermissions, unreadableNamespaces } from "./credentials/permissions.ts";
import type { Settings } from "./inputs.ts";
import { KubeClient } from "./kube/client.ts";
import { redactUrl } from "./kube/errors.ts";
import { discover } from "./kube/discovery.ts";
import { describeRef } from "./kube/types.ts";
import type { Log } from "./log.ts";
import { loadManifests, ManifestError, type ManifestObject } from "./manifests/load.ts";
import type { Failure, ObjectResult, RunResult } from "./result.ts";
import { ruleFor } from "./rollout/rules.ts";
import { type RolloutResult, waitForRollouts } from "./rollout/wait.ts";
import type { Plan } from "./apply/plan.ts";

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
  identity: UserInfo | undefined;
  defaultNamespace: string;
  /** closes every client, the minting one included */
  close: () => Promise<void>;
}

function describeIdentity(identity: UserInfo | undefined): string {
  if (identity === undefined) return "an identity the server did not name";
  const groups = identity.groups.filter((g) => g !== "system:authenticated");
  return `${identity.username}${groups.length === 0 ? "" : ` (groups ${groups.join(", ")})`}`;
}

async function prepare(settings: Settings, log: Log, result: RunResult): Promise<Prepared> {
  const base = await resolveConnection(settings, log);
  result.server = base.server;
  if (base.context !== undefined) result.context = base.context;
  const objects = await loadManifests(settings.manifests, settings.workspace);
  log.info(`Read ${objects.length} objects from ${settings.manifests.join(", ")}`);

  // From here on the cluster is asked; the first request says who we are.
  const baseClient = new KubeClient(base);
  const connection = deployingConnection(settings, base, baseClient, log);
  const client = new KubeClient(connection);
  const close = async () => {
    await Promise.all([client.close(), baseClient.close()]);
  };
  try {
    const identity = await whoAmI(client, connection);
    const impersonating = connection.impersonate === undefined ? "" : `, impersonating ${connection.impersonate.user}`;
    log.info(
      `Cluster ${connection.server} (context ${base.context ?? "none"}, credentials from ${connection.source}: ${connection.auth.description}${impersonating}${connection.proxy === undefined ? "" : `, through the proxy ${redactUrl(connection.proxy)}`})`,
    );
    log.info(`Deploying as ${describeIdentity(identity)}`);
    const defaultNamespace = settings.namespace ?? base.namespace ?? "default";
    if (settings.exportKubeconfig) {
      const exported = await writeTransientKubeconfig(settings.runnerTemp, connection, defaultNamespace);
      result.kubeconfigPath = exported.path;
      const until = exported.expiresAt === undefined ? "as long as its credential is valid" : `until ${exported.expiresAt.toISOString()}`;
      log.info(`Wrote the kubeconfig for later steps to ${exported.path} (mode 0600): it acts as ${identity?.username ?? "the same identity"}${impersonating}, ${until}`);
    }
    return { objects, client, identity, defaultNamespace, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Every permission the run needs, asked before any write. Returns the failure to report (one
 * table of everything missing), or undefined when all is allowed.
 */
async function checkPermissions(client: KubeClient, plan: Plan, settings: Settings, identity: UserInfo | undefined, signal: AbortSignal, log: Log): Promise<Failure | undefined> {
  const objects = plan.phases.flat();
  const waitFor = settings.wait ? objects.filter((o) => ruleFor(o.mapping.group, o.mapping.kind) !== undefined) : [];
  const targets = { objects, waitFor };
  const rows = requiredPermissions(targets);
  const [missing, unreadable] = await Promise.all([missingPermissions(client, rows, { signal }), unreadableNamespaces(client, targets, signal)]);
  if (missing.length === 0) {
    log.info(`Permissions: all ${rows.length} that this deploy needs are granted`);
    for (const row of unreadable) log.info(`  namespace ${row.name ?? ""} cannot be read by this identity (no get on namespaces), so it is not checked that it exists`);
    return undefined;
  }
  return {
    message: `${describeIdentity(identity)} lacks ${missing.length} of the ${rows.length} permissions this deploy needs, so nothing was written. Grant them (a Role and RoleBinding per namespace, a ClusterRole for cluster-scoped resources), or deploy as an identity that has them:\n${permissionTable([...missing, ...unreadable])}`,
  };
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
  const { objects, client, identity, defaultNamespace } = prepared;

  // `timeout` bounds everything from here on: discovery, apply and the wait.
  const signal = AbortSignal.timeout(settings.timeoutMs);
  try {
    const mapper = await discover(client, signal);
    const plan = planApply(objects, mapper, defaultNamespace);
    const refused = await checkPermissions(client, plan, settings, identity, signal, log);
    if (refused !== undefined) {
      fail(refused);
      return finish();
    }
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
    await prepared.close();
  }
  return finish();
}
