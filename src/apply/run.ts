// Applies a Plan phase after phase. After the first phase the CRDs in the set are waited for until
// Established and discovery is read again, so their custom resources can be applied in the same
// run; objects of API groups served by an APIService in the set wait for that APIService. Waiting is
// the rollout stage's job: the caller passes it in.
//
// A dry run (plan mode) takes the same path, phase by phase and in parallel, but nothing it depends
// on is created: objects whose Namespace, CRD or APIService comes with the set cannot be judged by the
// server yet, and are returned as unchecked instead.
import type { KubeApi } from "../kube/api.ts";
import type { RestMapper } from "../kube/discovery.ts";
import { groupOf } from "../kube/types.ts";
import {
  type AppliedObject,
  type ApplyFailure,
  applyObjects,
  type ApplyOptions,
  type ApplyResult,
  type UncheckedObject,
} from "./apply.ts";
import { isApiService, isCrd, type Plan, type PlannedObject, planObject, type PlanOptions } from "./plan.ts";

export interface PhaseHooks {
  /** waits until the given objects are ready; returns a message per object that is not */
  waitReady: (objects: AppliedObject[]) => Promise<{ object: AppliedObject; message: string }[]>;
  rediscover: () => Promise<RestMapper>;
  onPhase?: (name: string, count: number) => void;
}

export interface PlanApplyResult extends ApplyResult {
  /** the mapper discovery gave last (after the set's CRDs or APIServices were served); undefined if never asked */
  mapper: RestMapper | undefined;
}

function notReady(object: AppliedObject, message: string): ApplyFailure {
  const summary = `is not ready, so what depends on it cannot be applied: ${message}`;
  return { kind: "dependency", ref: object.ref, source: object.source, summary };
}

function notServed(
  item: { ref: PlannedObject["ref"]; source: PlannedObject["source"] },
  summary: string,
): ApplyFailure {
  return { kind: "dependency", ref: item.ref, source: item.source, summary };
}

/** A dry run cannot judge objects in a Namespace the set creates, nor custom resources of a CRD it creates. */
function uncheckable(planned: PlannedObject, newNamespaces: ReadonlySet<string>): boolean {
  return planned.definedInSet || (planned.ref.namespace !== undefined && newNamespaces.has(planned.ref.namespace));
}

const deferredNote = "will be created (server validation deferred until its Namespace or CRD exists)";

export async function applyPlan(
  client: KubeApi,
  plan: Plan,
  options: ApplyOptions & PlanOptions,
  hooks: PhaseHooks,
): Promise<PlanApplyResult> {
  const dryRun = options.dryRun === true;
  const result: PlanApplyResult = { applied: [], failures: [], unchecked: [], mapper: undefined };
  const newNamespaces = new Set<string>();
  const run = async (name: string, objects: PlannedObject[]) => {
    const checkable: PlannedObject[] = [];
    for (const o of objects) {
      if (!dryRun || !uncheckable(o, newNamespaces)) checkable.push(o);
      else
        result.unchecked.push({
          ref: o.ref,
          source: o.source,
          mapping: o.mapping,
          object: o.object,
          note: deferredNote,
        });
    }
    hooks.onPhase?.(name, checkable.length);
    const phase = await applyObjects(client, checkable, options);
    result.applied.push(...phase.applied);
    result.failures.push(...phase.failures);
    for (const a of phase.applied) {
      if (a.before === undefined && a.mapping.group === "" && a.mapping.kind === "Namespace")
        newNamespaces.add(a.ref.name);
    }
  };

  for (const [index, phase] of plan.phases.entries()) {
    await run(phase.name, phase.objects);
    if (result.failures.length > 0) return result;
    const crds = result.applied.filter((a) => isCrd(a) && phase.objects.some((o) => o.source === a.source));
    if (crds.length > 0 && !dryRun) {
      for (const { object, message } of await hooks.waitReady(crds)) result.failures.push(notReady(object, message));
      if (result.failures.length > 0) return result;
      // The custom resources of later phases must now be served as planned. Discovery lists a CRD's
      // resource a moment after it is Established, so a miss is retried briefly before it counts.
      const pending = plan.phases
        .slice(index + 1)
        .flatMap((p) => p.objects)
        .filter((o) => o.definedInSet);
      let mapper = await hooks.rediscover();
      for (
        let attempt = 1;
        attempt < 20 && pending.some((o) => mapper.find(o.ref.apiVersion, o.ref.kind) === undefined);
        attempt++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        mapper = await hooks.rediscover();
      }
      result.mapper = mapper;
      for (const later of pending) {
        if (mapper.find(later.ref.apiVersion, later.ref.kind) === undefined) {
          result.failures.push(
            notServed(
              later,
              `cannot be applied: its CRD is established but the cluster does not serve ${later.ref.apiVersion}`,
            ),
          );
        }
      }
      if (result.failures.length > 0) return result;
    }
  }

  if (plan.deferred.length === 0) return result;
  if (dryRun) {
    const note = "will be applied after its APIService is available";
    const unchecked = plan.deferred.map((d): UncheckedObject => ({
      ...d,
      mapping: { group: groupOf(d.ref.apiVersion), kind: d.ref.kind },
      note,
    }));
    result.unchecked.push(...unchecked);
    return result;
  }
  const apiServices = result.applied.filter(isApiService);
  for (const { object, message } of await hooks.waitReady(apiServices)) result.failures.push(notReady(object, message));
  if (result.failures.length > 0) return result;
  const mapper = await hooks.rediscover();
  result.mapper = mapper;
  const objects: PlannedObject[] = [];
  for (const item of plan.deferred) {
    const mapping = mapper.find(item.ref.apiVersion, item.ref.kind);
    if (mapping === undefined) {
      result.failures.push(
        notServed(
          item,
          `cannot be applied: the APIService is available but does not serve kind ${item.ref.kind} ` +
            `in ${item.ref.apiVersion}`,
        ),
      );
    } else {
      objects.push(planObject(item, mapping, options, false));
    }
  }
  if (result.failures.length === 0) await run("objects of aggregated APIs", objects);
  return result;
}
