// The deploy pipeline, stage after stage: credentials → client → manifests → plan → apply → rollout.
// It runs the same under the action, the CLI and the tests, and returns a RunResult; it never
// formats for GitHub itself.
import { type AppliedObject, applyObject, describeApplied, prefetchThreshold } from "./apply/apply.ts";
import { ApplySetError, applySetParent, type ApplySetParent, type Membership, membershipOf, partOfLabel, prune, pruneCandidates, readMembership, union, writeMembership } from "./apply/applyset.ts";
import { comparable, diffObjects, isSecret } from "./apply/diff.ts";
import { isApiService, isCrd, type Plan, plannedObjects, planApply } from "./apply/plan.ts";
import { applyPlan } from "./apply/run.ts";
import { recreateAnnotation } from "./apply/explain.ts";
import { checkAgainstCluster } from "./apply/validate.ts";
import { type ExportedKubeconfig, writeTransientKubeconfig } from "./credentials/export.ts";
import { type UserInfo, whoAmI } from "./credentials/identity.ts";
import { deployingConnection, resolveConnection } from "./credentials/index.ts";
import {
  grantObjects,
  missingPermissions,
  requiredPermissions,
  type RunTargets,
  unverifiableNamespaceRows,
} from "./apply/permissions.ts";
import type { Settings } from "./inputs.ts";
import { KubeClient } from "./kube/client.ts";
import { discover, type RestMapper } from "./kube/discovery.ts";
import { redactUrl } from "./kube/errors.ts";
import { describeRef, groupOf, type ObjectRef } from "./kube/types.ts";
import type { Log } from "./log.ts";
import { overrideImages } from "./manifests/images.ts";
import { loadManifests, ManifestError, type ManifestObject } from "./manifests/load.ts";
import type { Failure, ObjectResult, PruneResult, Rollback, RunResult } from "./result.ts";
import { causeDetails, causeHeadline } from "./report/cause.ts";
import { permissionTable, rbacManifest } from "./report/rbac.ts";
import { canRollBack, waitAccess } from "./rollout/kinds.ts";
import { rollBack, RollbackError } from "./rollout/rollback.ts";
import { waitAnnotation } from "./rollout/rules.ts";
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

/** Every value of a Secret manifest, raw and base64, so that no log line can show it. */
function maskSecretValues(objects: readonly ManifestObject[], log: Log): void {
  for (const { object } of objects.filter((o) => isSecret(o.object))) {
    for (const [field, encoded] of [
      ["data", true],
      ["stringData", false],
    ] as const) {
      for (const value of Object.values((object[field] ?? {}) as Record<string, unknown>)) {
        if (typeof value !== "string" || value.length < 3) continue;
        const plain = encoded ? Buffer.from(value, "base64").toString("utf8") : value;
        const base64 = encoded ? value : Buffer.from(value).toString("base64");
        for (const form of [plain, base64, ...plain.split("\n")]) if (form.trim().length >= 3) log.mask(form.trim());
      }
    }
  }
}

async function prepare(settings: Settings, log: Log, result: RunResult, clock: StageClock): Promise<Prepared> {
  const base = await resolveConnection(settings, log);
  result.server = base.server;
  if (base.context !== undefined) result.context = base.context;
  clock.lap("credentials");
  const loaded = await loadManifests(settings.manifests, settings.workspace);
  clock.lap("parse");
  maskSecretValues(loaded, log);
  const { objects, unused } = overrideImages(loaded, settings.images);
  for (const override of unused) log.warning(`images: ${override.name}=${override.reference} matched no container image in the manifests`);
  log.info(`Read ${objects.length} objects from ${settings.manifests.join(", ")}`);

  // From here on the cluster is asked; the first request says who we are.
  const baseClient = new KubeClient(base);
  const connection = deployingConnection(settings, base, baseClient, log);
  const client = new KubeClient(connection);
  let exported: ExportedKubeconfig | undefined;
  const close = async () => {
    // A token minted again during a long wait replaces the one later steps would get.
    const renewed = await exported?.refresh().catch((error: unknown) => log.warning(`the kubeconfig for later steps could not be renewed: ${String(error)}`));
    if (renewed?.expiresAt !== undefined) log.info(`Renewed the credential in the kubeconfig for later steps: valid until ${renewed.expiresAt.toISOString()}`);
    await Promise.all([client.close(), baseClient.close()]);
  };
  try {
    const identity = await whoAmI(client, connection);
    const impersonating = connection.impersonate === undefined ? "" : `, impersonating ${connection.impersonate.user}`;
    const proxy = connection.proxy === undefined ? "" : `, through the proxy ${redactUrl(connection.proxy)}`;
    log.info(`Cluster ${connection.server} (context ${base.context ?? "none"}, credentials from ${connection.source}: ${connection.auth.description}${impersonating}${proxy})`);
    log.info(`Deploying as ${describeIdentity(identity)}`);
    const defaultNamespace = settings.namespace ?? base.namespace ?? "default";
    if (settings.exportKubeconfig) {
      exported = await writeTransientKubeconfig(settings.runnerTemp, connection, defaultNamespace);
      result.kubeconfigPath = exported.path;
      const until = exported.renewsItself
        ? "with a fresh credential from its plugin whenever a later step needs one"
        : exported.expiresAt === undefined
          ? "as long as its credential is valid"
          : `until ${exported.expiresAt.toISOString()}`;
      log.info(`Wrote the kubeconfig for later steps to ${exported.path} (mode 0600): it acts as ${identity?.username ?? "the same identity"}${impersonating}, ${until}`);
    }
    clock.lap("identity");
    return { objects, client, identity, defaultNamespace, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Where pruning looks for members: each kind the ApplySet recorded, in each namespace it recorded. */
function pruneTargets(membership: Membership, parentNamespace: string, mapper: RestMapper): { group: string; resource: string; namespace?: string }[] {
  const namespaces = [...new Set([parentNamespace, ...membership.namespaces])];
  return membership.groupKinds.flatMap((gk) => {
    const [kind = "", ...group] = gk.split(".");
    const mapping = mapper.findGroupKind(group.join("."), kind);
    if (mapping === undefined) return [];
    const where = { group: mapping.group, resource: mapping.resource };
    return mapping.namespaced ? namespaces.map((namespace) => ({ ...where, namespace })) : [where];
  });
}

/**
 * Every permission the run needs, asked before any write, reported together with the namespaces
 * validation could not read. Returns the failure (one table of everything missing), or undefined.
 */
async function checkPermissions(client: KubeClient, targets: RunTargets, unverifiable: readonly string[], identity: UserInfo | undefined, signal: AbortSignal, log: Log): Promise<Failure | undefined> {
  const rows = requiredPermissions(targets);
  const missing = await missingPermissions(client, rows, { signal });
  if (missing.length === 0) {
    log.info(`Permissions: all ${rows.length} that this deploy needs are granted`);
    return undefined;
  }
  const all = [...missing, ...unverifiableNamespaceRows(unverifiable)];
  const grant = grantObjects(all, identity?.username);
  const how =
    identity === undefined
      ? "apply these roles (kubectl apply -f) and bind them to the deploying identity"
      : `apply this to grant them to ${identity.username} (kubectl apply -f)`;
  return {
    message: [
      `${describeIdentity(identity)} lacks ${missing.length} of the ${rows.length} permissions this deploy needs, ` +
        "so nothing was written. Grant them, or deploy as an identity that has them:",
      permissionTable(all),
      `To grant them, ${how}:`,
      rbacManifest(grant).trimEnd(),
    ].join("\n"),
  };
}

function objectResult(a: AppliedObject, extra: Partial<ObjectResult> = {}): ObjectResult {
  return { ref: a.ref, source: a.source, action: a.action, rollout: "skipped", message: "", durationMs: 0, ...(a.notes.length > 0 ? { notes: a.notes } : {}), ...extra };
}

/** Plan mode: a server-side dry run of every object, diffed against the live object; nothing changes. */
async function dryRun(client: KubeClient, plan: Plan, settings: Settings, log: Log, signal: AbortSignal): Promise<ObjectResult[]> {
  const newNamespaces = new Set<string>();
  const results: ObjectResult[] = [];
  for (const phase of plan.phases) {
    for (const planned of phase.objects) {
      const deferred = planned.definedInSet || (planned.ref.namespace !== undefined && newNamespaces.has(planned.ref.namespace));
      if (deferred) {
        // Its Namespace or CRD does not exist yet, so the server cannot dry-run it.
        results.push({ ref: planned.ref, source: planned.source, action: "created", rollout: "skipped", message: "", durationMs: 0, created: comparable(planned.object), notes: ["will be created (server validation deferred until its Namespace or CRD exists)"] });
        continue;
      }
      const applied = await applyObject(client, planned, { fieldManager: settings.fieldManager, force: settings.forceConflicts, fieldValidation: settings.fieldValidation, dryRun: true, signal });
      if (applied.before === undefined && planned.mapping.group === "" && planned.mapping.kind === "Namespace") newNamespaces.add(planned.ref.name);
      for (const warning of applied.warnings) log.warning(`${describeRef(applied.ref)}: ${warning}`, applied.source);
      const diff = applied.before === undefined ? undefined : diffObjects(applied.before, applied.live);
      const action = applied.before === undefined ? "created" : diff?.length === 0 ? "unchanged" : "configured";
      results.push(objectResult({ ...applied, action }, applied.before === undefined ? { created: comparable(applied.live) } : { diff: diff ?? [] }));
      log.info(`  ${describeRef(applied.ref)} would be ${action === "unchanged" ? "left unchanged" : action}`);
    }
  }
  for (const item of plan.deferred) {
    results.push({ ref: item.ref, source: item.source, action: "created", rollout: "skipped", message: "", durationMs: 0, created: comparable(item.object), notes: ["will be applied after its APIService is available"] });
  }
  return results;
}

/** How long each stage took, for the debug log and the benchmarks (DESIGN §4). */
class StageClock {
  private last = performance.now();
  readonly shares: [string, number][] = [];
  lap(stage: string): void {
    const now = performance.now();
    this.shares.push([stage, now - this.last]);
    this.last = now;
  }
  toString(): string {
    return this.shares.map(([stage, ms]) => `${stage} ${ms.toFixed(0)}ms`).join(", ");
  }
}

/**
 * Runs the whole deploy. `cancel` aborts it (the workflow was cancelled): watches stop, and the result
 * says what was applied and what was still rolling out.
 */
export async function deploy(settings: Settings, log: Log, cancel?: AbortSignal): Promise<RunResult> {
  const started = Date.now();
  const clock = new StageClock();
  const result: RunResult = {
    result: "failure",
    mode: settings.mode,
    ...(settings.environment === undefined ? {} : { environment: settings.environment }),
    objects: [],
    pruned: [],
    failures: [],
    durationMs: 0,
  };
  const fail = (failure: Failure) => {
    log.error(failure.message, failure.source);
    result.failures.push(failure);
  };
  const finish = (): RunResult => {
    clock.lap("report");
    log.debug(`kubeship timings: ${clock.toString()}${prepared === undefined ? "" : `; ${prepared.client.requestCount} API requests`}`);
    result.durationMs = Date.now() - started;
    if (cancel?.aborted === true) result.cancelled = true;
    result.result = result.failures.length === 0 && result.cancelled !== true ? "success" : "failure";
    return result;
  };

  // Everything that can be checked without the cluster is checked before anything is sent to it.
  let prepared: Prepared | undefined;
  try {
    prepared = await prepare(settings, log, result, clock);
  } catch (error) {
    failuresOf(error).forEach(fail);
    return finish();
  }
  const { objects, client, identity, defaultNamespace } = prepared;

  // `timeout` bounds everything from here on: discovery, apply, prune and the wait.
  const signal = cancel === undefined ? AbortSignal.timeout(settings.timeoutMs) : AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), cancel]);
  try {
    let mapper: RestMapper = await discover(client, signal);
    clock.lap("discovery");
    const parent = settings.applyset === undefined ? undefined : applySetParent(settings.applyset, defaultNamespace);
    const plan = planApply(objects, mapper, { defaultNamespace, ...(parent ? { labels: { [partOfLabel]: parent.id } } : {}) });
    for (const warning of plan.warnings) log.warning(warning.message, warning.source);

    // Validation against the cluster: all problems at once, and nothing written if there are any.
    const check = await checkAgainstCluster(client, plan, signal);
    clock.lap("plan and validation");
    for (const ns of check.unverifiable) log.warning(`namespace ${ns} could not be read (forbidden): its existence is not verified`);
    if (check.problems.length > 0) throw new ManifestError(check.problems);
    const previous: Membership = parent === undefined ? { groupKinds: [], namespaces: [] } : await readMembership(client, parent, signal);
    if (parent !== undefined && settings.prune && objects.length === 0) {
      throw new ApplySetError(`the manifests hold no objects: pruning ApplySet ${settings.applyset ?? ""} would delete all of its members, so kubeship refuses (remove prune to apply nothing)`);
    }

    // Every permission the apply needs, asked before any write (in plan mode too: it previews the apply).
    const planned = plannedObjects(plan);
    const refused = await checkPermissions(
      client,
      {
        objects: planned,
        listFrom: prefetchThreshold,
        recreate: planned.filter((o) => o.object.metadata.annotations?.[recreateAnnotation] === "true"),
        // CRDs and APIServices are waited for between phases even without `wait`; what each wait (and
        // rollback) requests comes from the kind table
        waitFor: planned.flatMap((o) => {
          const skipped = o.object.metadata.annotations?.[waitAnnotation] === "false";
          const waited = (settings.wait && !skipped) || isCrd(o) || isApiService(o);
          const rollback = settings.wait && settings.rollbackOnFailure;
          return waited ? [{ ...o, access: waitAccess(o.mapping.group, o.mapping.kind, { rollback }) }] : [];
        }),
        ...(parent === undefined ? {} : { applyset: { namespace: parent.namespace, name: parent.name } }),
        ...(parent !== undefined && settings.prune ? { prune: pruneTargets(previous, parent.namespace, mapper) } : {}),
      },
      check.unverifiable,
      identity,
      signal,
      log,
    );
    clock.lap("permissions");
    if (refused !== undefined) {
      fail(refused);
      return finish();
    }

    if (settings.mode === "plan") {
      await planMode(client, plan, objects, { parent, previous, mapper }, settings, log, signal, result);
      return finish();
    }

    if (parent !== undefined) await writeMembership(client, parent, union(previous, membershipOf(plannedObjects(plan))), settings.fieldManager, signal);
    log.info(`Applying ${objects.length} objects with server-side apply (field manager ${settings.fieldManager})`);
    const applied = await applyPlan(
      client,
      plan,
      { fieldManager: settings.fieldManager, force: settings.forceConflicts, fieldValidation: settings.fieldValidation, signal, defaultNamespace },
      {
        onPhase: (name, count) => log.info(`Phase: ${name} (${count} objects)`),
        waitReady: async (waitFor) => {
          log.info(`  waiting for ${waitFor.map((a) => describeRef(a.ref)).join(", ")}`);
          const outcomes = await waitForRollouts(client, waitFor, { signal });
          return outcomes.flatMap((o, i) => (o.outcome === "ready" || waitFor[i] === undefined ? [] : [{ object: waitFor[i], message: o.message }]));
        },
        rediscover: async () => (mapper = await discover(client, signal)),
      },
    );
    // Reported in manifest order, whatever order the phases applied them in.
    applied.applied.sort(inManifestOrder(objects));
    for (const a of applied.applied) {
      log.info(`  ${describeApplied(a)} (${a.source.file}:${a.source.line})`);
      for (const warning of a.warnings) log.warning(`${describeRef(a.ref)}: ${warning}`, a.source);
    }
    applied.failures.forEach(fail);
    clock.lap("apply");

    if (parent !== undefined && settings.prune && applied.failures.length === 0) {
      result.pruned = await pruneStage(client, { parent, previous, mapper }, applied.applied, settings, log, signal);
    }

    clock.lap("prune");
    let rollouts: RolloutResult[] = [];
    if (settings.wait && applied.applied.length > 0 && applied.failures.length === 0) {
      rollouts = await waitStage(client, applied.applied, settings, log, signal);
      if (cancel?.aborted === true) {
        rollouts = rollouts.map((r) => (r.outcome === "timeout" ? { ...r, outcome: "cancelled" } : r));
        log.info(`Cancelled: ${applied.applied.length} object(s) applied; still rolling out: ${rollouts.filter((r) => r.outcome === "cancelled").map((r) => describeRef(r.ref)).join(", ") || "nothing"}`);
      }
      if (settings.rollbackOnFailure && !cancel?.aborted) result.rolledBack = await rollbackStage(client, applied.applied, rollouts, log, signal);
    }

    clock.lap("wait");
    const rolloutOf = new Map(rollouts.map((r) => [r.ref, r]));
    for (const a of applied.applied) {
      const rollout = rolloutOf.get(a.ref);
      const object = objectResult(a, {
        rollout: rollout?.outcome ?? "skipped",
        message: rollout?.message ?? "",
        ...(rollout?.cause === undefined ? {} : { cause: rollout.cause }),
        durationMs: rollout?.durationMs ?? 0,
      });
      result.objects.push(object);
      if (rollout !== undefined && (rollout.outcome === "failed" || rollout.outcome === "timeout" || rollout.outcome === "cancelled")) {
        fail(rolloutFailure(a, rollout, settings, result.rolledBack));
      }
    }
    for (const p of result.pruned.filter((p) => p.kept === undefined)) {
      result.objects.push({ ref: p.ref, source: { file: "", line: 0 }, action: "pruned", rollout: "skipped", message: "", durationMs: 0 });
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
    await prepared.close();
  }
  return finish();
}

/** Sorts results by where their objects stand in the manifests. */
function inManifestOrder(objects: readonly ManifestObject[]): (a: { source: ManifestObject["source"] }, b: { source: ManifestObject["source"] }) => number {
  const order = new Map(objects.map((o, i) => [o.source, i]));
  return (a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0);
}

/** The ApplySet this run records into, what it recorded before, and the mapper to list its kinds with. */
interface ApplySetContext {
  parent: ApplySetParent;
  previous: Membership;
  mapper: RestMapper;
}

/** Plan mode: the dry run of every object and, with prune, what pruning would delete. Nothing changes. */
async function planMode(
  client: KubeClient,
  plan: Plan,
  objects: readonly ManifestObject[],
  applyset: { parent: ApplySetParent | undefined; previous: Membership; mapper: RestMapper },
  settings: Settings,
  log: Log,
  signal: AbortSignal,
  result: RunResult,
): Promise<void> {
  log.info(`Planning ${objects.length} objects: server-side dry run, nothing is changed`);
  result.objects = (await dryRun(client, plan, settings, log, signal)).sort(inManifestOrder(objects));
  if (applyset.parent === undefined || !settings.prune) return;
  const members = [...plannedObjects(plan), ...plan.deferred.map((d) => ({ ref: d.ref, mapping: { group: groupOf(d.ref.apiVersion), kind: d.ref.kind } }))];
  for (const c of await pruneCandidates(client, applyset.mapper, applyset.parent, applyset.previous, members, settings.pruneDestructive, signal)) {
    result.pruned.push({ ref: c.ref, ...(c.kept ? { kept: c.kept } : {}) });
    log.info(`  ${describeRef(c.ref)} ${c.kept ?? "would be pruned"}`);
  }
}

/** Deletes the ApplySet's members this run did not apply (unless kept), then shrinks the parent's record. */
async function pruneStage(client: KubeClient, applyset: ApplySetContext, applied: readonly AppliedObject[], settings: Settings, log: Log, signal: AbortSignal): Promise<PruneResult[]> {
  const pruned: PruneResult[] = [];
  const candidates = await pruneCandidates(client, applyset.mapper, applyset.parent, applyset.previous, applied, settings.pruneDestructive, signal);
  for (const candidate of candidates) {
    pruned.push({ ref: candidate.ref, ...(candidate.kept ? { kept: candidate.kept } : {}) });
    if (candidate.kept !== undefined) {
      log.warning(`${describeRef(candidate.ref)} is no longer in the manifests but was ${candidate.kept}`);
      continue;
    }
    await prune(client, candidate, signal);
    log.info(`  ${describeRef(candidate.ref)} pruned`);
  }
  // Only after pruning succeeded does the parent shrink to what this run applied (plus what was kept).
  const kept = candidates.filter((c) => c.kept !== undefined);
  await writeMembership(client, applyset.parent, membershipOf([...applied, ...kept]), settings.fieldManager, signal);
  return pruned;
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
  // Only what this run changed: an unchanged workload that fails was failing before, and its
  // previous revision is not one this run replaced.
  const failed = applied.filter(
    (a) =>
      a.action !== "unchanged" &&
      canRollBack(a.mapping.group, a.mapping.kind) &&
      rollouts.some((r) => r.ref === a.ref && r.outcome === "failed"),
  );
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
