// Applying: the plan with server-side apply (in plan mode: the same path as a server-side
// dry run). Returns what was applied, what could not be, and the mapper discovery gave last, which
// knows the kinds of the CRDs this run created.
import { type AppliedObject, type ApplyFailure, describeApplied, type UncheckedObject } from "../apply/apply.ts";
import { membershipOf, union, writeMembership } from "../apply/applyset.ts";
import { isApiService, type Plan, plannedObjects, type PlannedObject } from "../apply/plan.ts";
import { secretValueForms } from "../apply/secret-values.ts";
import { applyPlan, crdsNeeded } from "../apply/run.ts";
import type { Settings } from "../inputs.ts";
import { discover, type RestMapper } from "../kube/discovery.ts";
import { describeRef } from "../kube/types.ts";
import type { ManifestObject, Source } from "../manifests/load.ts";
import { ruleFor } from "../rollout/kinds.ts";
import { waitAnnotation } from "../rollout/rules.ts";
import { waitForRollouts } from "../rollout/wait.ts";
import type { StageContext } from "./context.ts";
import type { Planned } from "./plan.ts";

export interface Applied {
  /** in manifest order, whatever order the phases applied them in */
  objects: AppliedObject[];
  /** plan mode: objects the dry run could not judge (their Namespace, CRD or APIService comes with the set) */
  unchecked: UncheckedObject[];
  failures: ApplyFailure[];
  /** the mapper discovery gave last: it knows the kinds of the CRDs this run created */
  mapper: RestMapper;
}

/**
 * Which objects the rollout wait judges from their apply's answer: those of the kinds it has a rule for,
 * with `wait`; without, the CRDs and APIServices that later objects of the set wait for (apply/run.ts).
 * Not those annotated not to be waited for. The answers of the others need no more than their metadata.
 */
export function waitedFor(plan: Plan, wait: boolean): (o: PlannedObject) => boolean {
  const needed = new Set([
    ...crdsNeeded(plannedObjects(plan)),
    ...(plan.deferred.length > 0 ? plannedObjects(plan).filter(isApiService) : []),
  ]);
  return (o) =>
    o.object.metadata.annotations?.[waitAnnotation] !== "false" &&
    ruleFor(o.mapping.group, o.mapping.kind) !== undefined &&
    (wait || needed.has(o));
}

/** Sorts by where the objects stand in the manifests. */
export function inManifestOrder(
  objects: readonly ManifestObject[],
): (a: { source: Source }, b: { source: Source }) => number {
  const order = new Map(objects.map((o, i) => [o.source, i]));
  return (a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0);
}

export async function apply(
  ctx: StageContext,
  planned: Planned,
  objects: readonly ManifestObject[],
  settings: Settings,
): Promise<Applied> {
  const { client, log, signal } = ctx;
  const dryRun = settings.mode === "plan";
  const { applyset } = planned;
  if (dryRun) {
    log.info(`Planning ${objects.length} objects: server-side dry run, nothing is changed`);
  } else {
    if (applyset !== undefined) {
      const membership = union(applyset.previous, membershipOf(plannedObjects(planned.plan)));
      await writeMembership(client, applyset.parent, membership, settings.fieldManager, signal);
    }
    log.info(`Applying ${objects.length} objects with server-side apply (field manager ${settings.fieldManager})`);
  }
  const options = {
    fieldManager: settings.fieldManager,
    force: settings.forceConflicts,
    fieldValidation: settings.fieldValidation,
    dryRun,
    signal,
    waitedFor: waitedFor(planned.plan, settings.wait),
    ...planned.options,
  };
  const result = await applyPlan(client, planned.plan, planned.live, options, {
    waitReady: async (waitFor) => {
      log.info(`  waiting for ${waitFor.map((a) => describeRef(a.ref)).join(", ")}`);
      const outcomes = await waitForRollouts(client, waitFor, { signal });
      return outcomes.flatMap((o, i) =>
        o.outcome === "ready" || waitFor[i] === undefined ? [] : [{ object: waitFor[i], message: o.message }],
      );
    },
    rediscover: () => discover(client, signal),
  });
  const applied = result.applied.sort(inManifestOrder(objects));
  // The live Secrets' values (the ones the manifests replace) are secrets as much as the new ones.
  for (const a of applied) for (const form of a.before === undefined ? [] : secretValueForms(a.before)) log.mask(form);
  for (const a of applied) {
    if (dryRun) log.info(`  ${describeRef(a.ref)} would be ${a.action === "unchanged" ? "left unchanged" : a.action}`);
    else log.info(`  ${describeApplied(a)} (${a.source.file}:${a.source.line})`);
    for (const warning of a.warnings) log.warning(`${describeRef(a.ref)}: ${warning}`, a.source);
  }
  return {
    objects: applied,
    unchecked: result.unchecked,
    failures: result.failures,
    mapper: result.mapper ?? planned.mapper,
  };
}
