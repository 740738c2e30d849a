// Server-side apply of a Plan, phase by phase, the objects of a phase in parallel. Each object is
// read first so that the result can say whether it was created, configured or left unchanged.
import { isDeepStrictEqual } from "node:util";
import type { KubeClient } from "../kube/client.ts";
import { KubeApiError } from "../kube/errors.ts";
import { describeRef, type KubeObject, type ObjectRef } from "../kube/types.ts";
import type { ResourceMapping } from "../kube/discovery.ts";
import type { Source } from "../manifests/load.ts";
import type { Plan, PlannedObject } from "./plan.ts";

export type ApplyAction = "created" | "configured" | "unchanged";

export interface AppliedObject {
  ref: ObjectRef;
  source: Source;
  mapping: ResourceMapping;
  action: ApplyAction;
  /** the object as the server returned it after the apply */
  live: KubeObject;
}

export interface ApplyFailure {
  ref: ObjectRef;
  source: Source;
  message: string;
}

export interface ApplyResult {
  applied: AppliedObject[];
  failures: ApplyFailure[];
}

export interface ApplyOptions {
  fieldManager: string;
  signal?: AbortSignal;
  /** called as each object is applied, for progress */
  onApplied?: (object: AppliedObject) => void;
  /** how many requests to run at once */
  concurrency?: number;
}

async function applyOne(client: KubeClient, planned: PlannedObject, options: ApplyOptions): Promise<AppliedObject> {
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const before = await client.getOptional<KubeObject>(planned.path, signal);
  const response = await client.request<KubeObject>("PATCH", planned.path, {
    ...signal,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: options.fieldManager, fieldValidation: "Strict" },
    body: JSON.stringify(planned.object),
  });
  const live = response.body;
  const action: ApplyAction = response.status === 201 || before === undefined ? "created" : sameContent(before, live) ? "unchanged" : "configured";
  return { ref: planned.ref, source: planned.source, mapping: planned.mapping, action, live };
}

/**
 * Whether an apply left the object as it was. The resourceVersion alone is not enough: the server
 * rewrites managedFields on some no-op applies (for example the first re-apply of a Namespace that
 * names no fields), and controllers update status in between.
 */
function sameContent(before: KubeObject, after: KubeObject): boolean {
  const content = (object: KubeObject) => {
    const { status: _status, ...rest } = object;
    const { resourceVersion: _rv, managedFields: _mf, ...metadata } = object.metadata;
    return { ...rest, metadata };
  };
  return isDeepStrictEqual(content(before), content(after));
}

function describeFailure(planned: PlannedObject, error: unknown): string {
  if (error instanceof KubeApiError) {
    const hint = error.hint === "" ? "" : ` — ${error.hint}`;
    return `${describeRef(planned.ref)} was not applied: ${error.reason}: ${error.message}${hint}`;
  }
  return `${describeRef(planned.ref)} was not applied: ${error instanceof Error ? error.message : String(error)}`;
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Applies phase after phase; a phase with failures stops the phases after it. */
export async function applyPlan(client: KubeClient, plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const result: ApplyResult = { applied: [], failures: [] };
  for (const phase of plan.phases) {
    await mapLimited(phase, options.concurrency ?? 16, async (planned) => {
      try {
        const applied = await applyOne(client, planned, options);
        result.applied.push(applied);
        options.onApplied?.(applied);
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        result.failures.push({ ref: planned.ref, source: planned.source, message: describeFailure(planned, error) });
      }
    });
    if (result.failures.length > 0) break;
  }
  // Report in manifest order, whatever order the parallel requests finished in.
  const order = plan.phases.flat().map((p) => p.source);
  const position = (s: Source) => order.indexOf(s);
  result.applied.sort((a, b) => position(a.source) - position(b.source));
  result.failures.sort((a, b) => position(a.source) - position(b.source));
  return result;
}
