// Server-side apply of planned objects: one PATCH per object, in parallel over kept-alive
// connections. Each object is read first (live.ts), to tell created from configured from unchanged,
// and to take it over from kubectl's client-side managers.
import type { KubeApi } from "../kube/api.ts";
import { warningsOf } from "../kube/client.ts";
import type { ResourceMapping } from "../kube/discovery.ts";
import { KubeApiError } from "../kube/errors.ts";
import { type Limiter, limiter } from "../kube/limit.ts";
import { describeRef, type KubeObject, type ObjectRef } from "../kube/types.ts";
import type { Source } from "../manifests/load.ts";
import { metadataOnly, typedAs } from "../kube/metadata.ts";
import { type DiffLine, diffObjects, metadataDiff } from "./diff.ts";
import { type ApplyProblem, explainApplyError, immutableFields, recreateAnnotation } from "./explain.ts";
import { type LiveReads, liveReads, readLive, readsMetadataOnly } from "./live.ts";
import type { PlannedObject } from "./plan.ts";
import { takeOver } from "./takeover.ts";

export type ApplyAction = "created" | "configured" | "unchanged";

export interface AppliedObject {
  ref: ObjectRef;
  source: Source;
  mapping: ResourceMapping;
  action: ApplyAction;
  /**
   * the object as the server returned it after the apply (in plan mode: after the dry run); only its
   * metadata where no one reads more (ApplyOptions.waitedFor)
   */
  live: KubeObject;
  /** the object before the apply, only its metadata for some kinds (readsMetadataOnly); undefined when it did not exist */
  before: KubeObject | undefined;
  /** what the apply changed (Secret values redacted); empty when unchanged, absent when created */
  diff?: DiffLine[];
  /** the API server's Warning headers for this object (deprecated APIs, unknown fields under Warn) */
  warnings: string[];
  /** what else happened: taken over from kubectl, re-created */
  notes: string[];
}

/** An object that was not applied: its own problem (`apply`), or one of what it needs (`dependency`). */
export interface ApplyFailure extends ApplyProblem {
  kind: "apply" | "dependency";
  ref: ObjectRef;
  source: Source;
}

/** In a dry run, an object the server cannot judge yet: its Namespace, CRD or APIService comes with the set. */
export interface UncheckedObject {
  ref: ObjectRef;
  source: Source;
  mapping: { group: string; kind: string };
  object: KubeObject;
  /** why it was not dry-run */
  note: string;
}

export interface ApplyResult {
  applied: AppliedObject[];
  failures: ApplyFailure[];
  unchecked: UncheckedObject[];
}

export interface ApplyOptions {
  fieldManager: string;
  force: boolean;
  fieldValidation: "Strict" | "Warn" | "Ignore";
  /** server-side dry run: nothing is persisted */
  dryRun?: boolean;
  signal?: AbortSignal;
  /**
   * Which objects the rollout wait judges from the apply's answer (their status): the others' answers
   * are asked for metadata only where the apply itself needs no more. Undefined: every object.
   */
  waitedFor?: (o: PlannedObject) => boolean;
}

/**
 * Requests in flight at once, reads and applies together: over HTTP/2 they share one connection, and
 * over distance the time is about (objects ÷ this) round trips. 64 stays under the 100 streams
 * kube-apiserver allows on a connection, and within what API Priority and Fairness runs or queues for
 * one user of its lowest default priority level (global-default, about 49 seats and queues of 50),
 * so it is not answered 429.
 */
export const requestsInFlight = 64;

/** `metadata`: ask for the answer's metadata only. */
async function patch(client: KubeApi, planned: PlannedObject, options: ApplyOptions, metadata: boolean) {
  const response = await client.request<KubeObject>("PATCH", planned.path, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(metadata ? { accept: metadataOnly } : {}),
    contentType: "application/apply-patch+yaml",
    query: {
      fieldManager: options.fieldManager,
      fieldValidation: options.fieldValidation,
      force: options.force ? "true" : undefined,
      dryRun: options.dryRun === true ? "All" : undefined,
    },
    body: JSON.stringify(planned.object),
  });
  return metadata ? { ...response, body: typedAs(response.body, planned.mapping) } : response;
}

/** Deletes the object and waits until it is gone, so that it can be created anew. */
async function deleteAndWait(client: KubeApi, planned: PlannedObject, signal?: AbortSignal): Promise<void> {
  const options = signal ? { signal } : {};
  await client
    .request("DELETE", planned.path, { ...options, query: { propagationPolicy: "Background" } })
    .catch((error: unknown) => {
      if (!(error instanceof KubeApiError && error.code === 404)) throw error;
    });
  while ((await client.get(planned.path, { ...options, accept: metadataOnly })) !== undefined)
    await new Promise((resolve) => setTimeout(resolve, 200));
}

/** `known`: the live object from a prefetch (null: known not to exist); undefined reads it. */
export async function applyObject(
  client: KubeApi,
  planned: PlannedObject,
  options: ApplyOptions,
  known?: KubeObject | null,
): Promise<AppliedObject> {
  const dryRun = options.dryRun === true;
  const notes: string[] = [];
  let before = known === undefined ? await readLive(client, planned, dryRun, options.signal) : (known ?? undefined);
  /** the resourceVersion the apply leaves alone if it writes nothing: the take-over's, or the one read */
  let version = before?.metadata.resourceVersion;
  if (before !== undefined && !dryRun) {
    // Take over fields of kubectl's client-side managers; retried when the object changes meanwhile.
    for (let attempt = 0; attempt < 3 && before !== undefined; attempt++) {
      const taken = await takeOver(client, planned.path, before, options.fieldManager, options.signal);
      if (taken.outcome === "taken") {
        notes.push("took over the fields of kubectl's managers");
        version = taken.resourceVersion;
      }
      if (taken.outcome !== "stale") break;
      before = await readLive(client, planned, dryRun, options.signal);
      version = before?.metadata.resourceVersion;
    }
  }
  // Only the read's metadata, or none: then the answer's metadata decides too, unless the wait reads more.
  const metadataBefore = before === undefined || readsMetadataOnly(planned.mapping, dryRun);
  const metadataAnswer = !dryRun && metadataBefore && options.waitedFor?.(planned) === false;
  let response;
  try {
    response = await patch(client, planned, options, metadataAnswer);
  } catch (error) {
    const wantsRecreate = planned.object.metadata.annotations?.[recreateAnnotation] === "true";
    if (!(error instanceof KubeApiError) || immutableFields(error).length === 0 || !wantsRecreate || dryRun)
      throw error;
    await deleteAndWait(client, planned, options.signal);
    notes.push(`re-created: an immutable field changed and ${recreateAnnotation} is "true"`);
    response = await patch(client, planned, options, metadataAnswer);
  }
  const live = response.body;
  // "Unchanged" is decided by the diff, in apply and plan mode alike: a changed resourceVersion is not
  // enough, since the server rewrites managedFields on some no-op applies and controllers update status.
  // An unchanged one is: the object was not written, so there is nothing to diff (which, for a CRD with
  // megabytes of schema, costs more than its PATCH). Not in a dry run, whose answer keeps the version.
  // Of an object read by its metadata only, the metadata and the generation are compared.
  const notWritten =
    !dryRun && live.metadata.resourceVersion !== undefined && live.metadata.resourceVersion === version;
  const diff =
    before === undefined || response.status === 201
      ? undefined
      : notWritten
        ? []
        : metadataBefore
          ? metadataDiff(before, live)
          : diffObjects(before, live);
  const action: ApplyAction = diff === undefined ? "created" : diff.length === 0 ? "unchanged" : "configured";
  const warnings = warningsOf(response.headers);
  return {
    ref: planned.ref,
    source: planned.source,
    mapping: planned.mapping,
    action,
    live,
    before,
    ...(diff === undefined ? {} : { diff }),
    warnings,
    notes,
  };
}

export type Outcome = { applied: AppliedObject } | { failure: ApplyFailure };

/** Reads the object (from the reads sent ahead) and applies it; its own problem is a failure, not an exception. */
export async function applyInTurn(
  client: KubeApi,
  planned: PlannedObject,
  options: ApplyOptions,
  live: LiveReads,
  limit: Limiter,
): Promise<Outcome> {
  try {
    const before = await live.before(planned);
    return { applied: await limit(() => applyObject(client, planned, options, before ?? null)) };
  } catch (error) {
    if (options.signal?.aborted === true) throw error;
    return { failure: { kind: "apply", ref: planned.ref, source: planned.source, ...explainApplyError(error) } };
  }
}

export function collect(outcomes: readonly Outcome[]): ApplyResult {
  return {
    applied: outcomes.flatMap((o) => ("applied" in o ? [o.applied] : [])),
    failures: outcomes.flatMap((o) => ("failure" in o ? [o.failure] : [])),
    unchecked: [],
  };
}

/** Applies objects that depend on none of each other, all at once; results in the order of the objects. */
export async function applyObjects(
  client: KubeApi,
  objects: readonly PlannedObject[],
  options: ApplyOptions,
): Promise<ApplyResult> {
  const limit = limiter(requestsInFlight);
  const live = liveReads(client, objects, limit, options);
  live.start(objects);
  return collect(await Promise.all(objects.map((o) => applyInTurn(client, o, options, live, limit))));
}

export function describeApplied(a: AppliedObject): string {
  return `${describeRef(a.ref)} ${a.action}${a.notes.length > 0 ? ` (${a.notes.join("; ")})` : ""}`;
}
