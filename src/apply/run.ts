// Applies a Plan with no barrier but the ones an object really needs: every object starts at once
// (in the plan's phase order, so infrastructure is sent before workloads), except
//   - an object in a Namespace the set creates, which waits for that Namespace's apply (not when the
//     read before the apply found the Namespace already there);
//   - a custom resource whose CRD comes with the set (its kind not yet served), which waits until the
//     CRDs its kinds need are Established and discovery serves them; a CRD that nothing in the set
//     uses is applied like any object, and the rollout wait (with `wait`) waits for it;
//   - admission webhooks and policies, which go last, once everything else is applied, so that they
//     never judge the rest of the set;
//   - objects of API groups served by an APIService in the set, mapped and applied after it is
//     Available.
// Waiting is the rollout stage's job: the caller passes it in. An object whose dependency failed is not
// applied; the others are.
//
// A dry run (plan mode) takes the same path with one difference: nothing it depends on is created, so
// objects whose Namespace, CRD or APIService comes with the set cannot be judged by the server yet, and
// are returned as unchecked instead; and nothing waits for anything else.
import type { KubeApi } from "../kube/api.ts";
import type { RestMapper } from "../kube/discovery.ts";
import { limiter } from "../kube/limit.ts";
import { groupKind, groupOf } from "../kube/types.ts";
import {
  type AppliedObject,
  type ApplyFailure,
  applyInTurn,
  applyObjects,
  type ApplyOptions,
  type ApplyResult,
  collect,
  type Outcome,
  requestsInFlight,
  type UncheckedObject,
} from "./apply.ts";
import { type LiveReads, liveReads } from "./live.ts";
import {
  isAdmission,
  isApiService,
  isCrd,
  type Plan,
  type PlannedObject,
  plannedObjects,
  planObject,
  type PlanOptions,
} from "./plan.ts";

/**
 * The reads before the apply, sent as soon as the plan is known (with the permission check's reviews).
 * `dryRun`: for plan mode, whose diffs need whole objects.
 */
export function readsAhead(client: KubeApi, plan: Plan, dryRun: boolean, signal?: AbortSignal): LiveReads {
  const objects = plannedObjects(plan);
  const live = liveReads(client, objects, limiter(requestsInFlight), { signal, dryRun });
  live.start(objects.filter((o) => !o.definedInSet));
  return live;
}

export interface DependencyHooks {
  /** waits until the given objects are ready; returns a message per object that is not */
  waitReady: (objects: AppliedObject[]) => Promise<{ object: AppliedObject; message: string }[]>;
  rediscover: () => Promise<RestMapper>;
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

const deferredNote = "will be created (server validation deferred until its Namespace or CRD exists)";

/** What became of one object: applied or failed, not applied (a dependency failed), or not judged (dry run). */
type Turn = Outcome | { skipped: true } | { unchecked: UncheckedObject };

const isNamespace = (o: PlannedObject) => o.mapping.group === "" && o.mapping.kind === "Namespace";

/** The CRDs in the set that define the kinds of custom resources in the set: only these are waited for. */
export function crdsNeeded(objects: readonly PlannedObject[]): PlannedObject[] {
  const kinds = new Set(objects.filter((o) => o.definedInSet).map((o) => groupKind(o.mapping.group, o.mapping.kind)));
  return objects.filter((o) => {
    if (!isCrd(o)) return false;
    const spec = o.object.spec as { group?: string; names?: { kind?: string } } | undefined;
    return kinds.has(groupKind(spec?.group ?? "", spec?.names?.kind ?? ""));
  });
}

/** `live`: the reads of the plan's objects, maybe sent already (readsAhead). */
export async function applyPlan(
  client: KubeApi,
  plan: Plan,
  live: LiveReads,
  options: ApplyOptions & PlanOptions,
  hooks: DependencyHooks,
): Promise<PlanApplyResult> {
  const dryRun = options.dryRun === true;
  const objects = plannedObjects(plan);
  const { limit } = live;
  const result: PlanApplyResult = { applied: [], failures: [], unchecked: [], mapper: undefined };

  const turns = new Map<PlannedObject, Promise<Turn>>();
  const turnOf = (o: PlannedObject): Promise<Turn> => {
    let turn = turns.get(o);
    if (turn === undefined) {
      turn = take(o);
      turns.set(o, turn);
    }
    return turn;
  };
  const applied = async (o: PlannedObject): Promise<AppliedObject | undefined> => {
    const turn = await turnOf(o);
    return "applied" in turn ? turn.applied : undefined;
  };
  const unchecked = (o: PlannedObject): Turn => ({
    unchecked: { ref: o.ref, source: o.source, mapping: o.mapping, object: o.object, note: deferredNote },
  });

  const namespaces = new Map(objects.filter(isNamespace).map((o) => [o.ref.name, o]));
  /** whether an object in a Namespace of the set may go: the Namespace exists (in a dry run: already) */
  const namespaceReady = async (name: string): Promise<boolean> => {
    const namespace = namespaces.get(name);
    if (namespace === undefined) return true;
    const found = await live.before(namespace).catch(() => undefined);
    if (found !== undefined) return true;
    return !dryRun && (await applied(namespace)) !== undefined;
  };

  // The kinds of the set's CRDs, served: the needed CRDs applied, Established, and in discovery.
  let served: Promise<RestMapper | undefined> | undefined;
  const kindsServed = () => (served ??= serveKinds());
  const serveKinds = async (): Promise<RestMapper | undefined> => {
    const crds = await Promise.all(crdsNeeded(objects).map(applied));
    const ready = crds.filter((c) => c !== undefined);
    if (ready.length < crds.length) return undefined;
    const notYet = await hooks.waitReady(ready);
    for (const { object, message } of notYet) result.failures.push(notReady(object, message));
    if (notYet.length > 0) return undefined;
    // Discovery lists a CRD's resource a moment after it is Established: a miss is retried briefly.
    const pending = objects.filter((o) => o.definedInSet);
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
    return mapper;
  };

  const rest = objects.filter((o) => !isAdmission(o));
  const take = async (o: PlannedObject): Promise<Turn> => {
    const namespace = o.ref.namespace;
    if (namespace !== undefined && !(await namespaceReady(namespace))) return dryRun ? unchecked(o) : { skipped: true };
    if (o.definedInSet) {
      if (dryRun) return unchecked(o);
      const mapper = await kindsServed();
      if (mapper?.find(o.ref.apiVersion, o.ref.kind) === undefined) return { skipped: true };
    }
    if (isAdmission(o) && !dryRun) {
      // webhooks last: they would judge the rest of the set, and a webhook whose service is not yet
      // running refuses everything it intercepts
      const others = await Promise.all(rest.map(turnOf));
      if (others.some((t) => "failure" in t || "skipped" in t) || result.failures.length > 0) return { skipped: true };
    }
    return applyInTurn(client, o, options, live, limit);
  };

  const outcomes = await Promise.all(objects.map(turnOf));
  const done = collect(outcomes.filter((t): t is Outcome => "applied" in t || "failure" in t));
  result.applied.push(...done.applied);
  result.failures.unshift(...done.failures);
  result.unchecked.push(...outcomes.flatMap((t) => ("unchecked" in t ? [t.unchecked] : [])));
  if (plan.deferred.length === 0 || result.failures.length > 0) return result;

  if (dryRun) {
    const note = "will be applied after its APIService is available";
    const deferred = plan.deferred.map((d): UncheckedObject => ({
      ...d,
      mapping: { group: groupOf(d.ref.apiVersion), kind: d.ref.kind },
      note,
    }));
    result.unchecked.push(...deferred);
    return result;
  }
  const apiServices = result.applied.filter(isApiService);
  for (const { object, message } of await hooks.waitReady(apiServices)) result.failures.push(notReady(object, message));
  if (result.failures.length > 0) return result;
  const mapper = await hooks.rediscover();
  result.mapper = mapper;
  const aggregated: PlannedObject[] = [];
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
      aggregated.push(planObject(item, mapping, options, false));
    }
  }
  if (result.failures.length > 0) return result;
  const last = await applyObjects(client, aggregated, options);
  result.applied.push(...last.applied);
  result.failures.push(...last.failures);
  return result;
}
