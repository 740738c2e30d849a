// Applies a Plan phase after phase. After the first phase the CRDs in the set are waited for until
// Established and discovery is read again, so their custom resources can be applied in the same
// run; objects of API groups served by an APIService in the set wait for that APIService. Waiting is
// the rollout stage's job: the caller passes it in.
import type { KubeApi } from "../kube/api.ts";
import type { RestMapper } from "../kube/discovery.ts";
import { describeRef } from "../kube/types.ts";
import { type AppliedObject, applyObjects, type ApplyOptions, type ApplyResult } from "./apply.ts";
import { isApiService, isCrd, type Plan, type PlannedObject, planObject, type PlanOptions } from "./plan.ts";

export interface PhaseHooks {
  /** waits until the given objects are ready; returns a message per object that is not */
  waitReady: (objects: AppliedObject[]) => Promise<{ object: AppliedObject; message: string }[]>;
  rediscover: () => Promise<RestMapper>;
  onPhase?: (name: string, count: number) => void;
}

function failed(result: ApplyResult, object: AppliedObject, message: string): void {
  result.failures.push({ ref: object.ref, source: object.source, message: `${describeRef(object.ref)} is not ready, so what depends on it cannot be applied: ${message}` });
}

export async function applyPlan(client: KubeApi, plan: Plan, options: ApplyOptions & PlanOptions, hooks: PhaseHooks): Promise<ApplyResult> {
  const result: ApplyResult = { applied: [], failures: [] };
  const run = async (name: string, objects: PlannedObject[]) => {
    hooks.onPhase?.(name, objects.length);
    const phase = await applyObjects(client, objects, options);
    result.applied.push(...phase.applied);
    result.failures.push(...phase.failures);
    return phase;
  };

  for (const [index, phase] of plan.phases.entries()) {
    await run(phase.name, phase.objects);
    if (result.failures.length > 0) return result;
    const crds = result.applied.filter((a) => isCrd(a) && phase.objects.some((o) => o.source === a.source));
    if (crds.length > 0) {
      for (const { object, message } of await hooks.waitReady(crds)) failed(result, object, message);
      if (result.failures.length > 0) return result;
      // The custom resources of later phases must now be served as planned. Discovery lists a CRD's
      // resource a moment after it is Established, so a miss is retried briefly before it counts.
      const pending = plan.phases.slice(index + 1).flatMap((p) => p.objects).filter((o) => o.definedInSet);
      let mapper = await hooks.rediscover();
      for (let attempt = 1; attempt < 20 && pending.some((o) => mapper.find(o.ref.apiVersion, o.ref.kind) === undefined); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        mapper = await hooks.rediscover();
      }
      for (const later of pending) {
        if (mapper.find(later.ref.apiVersion, later.ref.kind) === undefined) {
          result.failures.push({ ref: later.ref, source: later.source, message: `${describeRef(later.ref)}: its CRD is established but the cluster does not serve ${later.ref.apiVersion}` });
        }
      }
      if (result.failures.length > 0) return result;
    }
  }

  if (plan.deferred.length > 0) {
    const apiServices = result.applied.filter(isApiService);
    for (const { object, message } of await hooks.waitReady(apiServices)) failed(result, object, message);
    if (result.failures.length > 0) return result;
    const mapper = await hooks.rediscover();
    const objects: PlannedObject[] = [];
    for (const item of plan.deferred) {
      const mapping = mapper.find(item.ref.apiVersion, item.ref.kind);
      if (mapping === undefined) {
        result.failures.push({ ref: item.ref, source: item.source, message: `${describeRef(item.ref)}: the APIService is available but does not serve kind ${item.ref.kind} in ${item.ref.apiVersion}` });
      } else {
        objects.push(planObject(item, mapping, options, false));
      }
    }
    if (result.failures.length === 0) await run("objects of aggregated APIs", objects);
  }
  return result;
}
