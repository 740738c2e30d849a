// Waits for applied objects to become ready through the watch API: one watch per resource type and
// namespace (not per object), started from a list's resourceVersion so no change is missed, resumed
// from the last resourceVersion when the server ends the stream, relisted when that is too old.
import type { KubeClient } from "../kube/client.ts";
import { type ResourceMapping, resourcePath } from "../kube/discovery.ts";
import { KubeApiError } from "../kube/errors.ts";
import { isStatus, type KubeObject, type ObjectRef } from "../kube/types.ts";
import { type Readiness, ruleFor } from "./rules.ts";

export interface RolloutTarget {
  ref: ObjectRef;
  mapping: ResourceMapping;
}

export type RolloutOutcome = "ready" | "failed" | "timeout";

export interface RolloutResult {
  ref: ObjectRef;
  outcome: RolloutOutcome;
  message: string;
  durationMs: number;
}

export interface WaitOptions {
  signal: AbortSignal;
  /** called when an object's readiness message changes */
  onProgress?: (ref: ObjectRef, readiness: Readiness) => void;
}

interface ObjectList {
  metadata?: { resourceVersion?: string };
  items?: KubeObject[];
}

interface Tracked {
  target: RolloutTarget;
  readiness: Readiness | undefined;
  result: RolloutResult | undefined;
}

/** Watches one resource type in one namespace until every tracked object in it has an outcome. */
async function watchGroup(client: KubeClient, group: Tracked[], started: number, options: WaitOptions): Promise<void> {
  const first = group[0];
  if (first === undefined) return;
  const collection = resourcePath(first.target.mapping, first.target.ref.namespace);
  const byName = new Map(group.map((t) => [t.target.ref.name, t]));
  const pending = () => group.some((t) => t.result === undefined);

  const observe = (object: KubeObject) => {
    const tracked = byName.get(object.metadata.name ?? "");
    if (tracked === undefined || tracked.result !== undefined) return;
    const rule = ruleFor(tracked.target.mapping.group, tracked.target.mapping.kind);
    const readiness = rule?.(object) ?? { state: "ready", message: "" };
    if (readiness.message !== tracked.readiness?.message) options.onProgress?.(tracked.target.ref, readiness);
    tracked.readiness = readiness;
    if (readiness.state !== "in-progress") {
      tracked.result = { ref: tracked.target.ref, outcome: readiness.state, message: readiness.message, durationMs: Date.now() - started };
    }
  };

  let resourceVersion: string | undefined;
  while (pending()) {
    if (resourceVersion === undefined) {
      const list = await client.request<ObjectList>("GET", collection, { signal: options.signal });
      for (const object of list.body.items ?? []) observe(object);
      resourceVersion = list.body.metadata?.resourceVersion;
      continue;
    }
    try {
      const events = client.watch<KubeObject>(collection, { resourceVersion, allowWatchBookmarks: "true", timeoutSeconds: "300" }, options.signal);
      for await (const event of events) {
        if (event.type === "ERROR") {
          // "too old resource version" arrives as an ERROR event (410 Expired): relist.
          const status = isStatus(event.object) ? event.object : undefined;
          if (status?.code === 410 || status?.reason === "Expired" || status?.reason === "Gone") resourceVersion = undefined;
          break;
        }
        resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
        if (event.type === "DELETED") {
          const tracked = byName.get(event.object.metadata.name ?? "");
          if (tracked !== undefined && tracked.result === undefined) {
            tracked.result = { ref: tracked.target.ref, outcome: "failed", message: "the object was deleted while waiting for it", durationMs: Date.now() - started };
          }
        } else if (event.type !== "BOOKMARK") {
          observe(event.object);
        }
        if (!pending()) return;
      }
    } catch (error) {
      if (options.signal.aborted) throw error;
      if (error instanceof KubeApiError && error.code === 410) resourceVersion = undefined;
      else if (error instanceof KubeApiError) throw error;
      // a torn stream: resume from the last resourceVersion after a short pause
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export async function waitForRollouts(client: KubeClient, targets: readonly RolloutTarget[], options: WaitOptions): Promise<RolloutResult[]> {
  const started = Date.now();
  const tracked: Tracked[] = targets.map((target) => ({ target, readiness: undefined, result: undefined }));
  const groups = new Map<string, Tracked[]>();
  for (const t of tracked) {
    if (ruleFor(t.target.mapping.group, t.target.mapping.kind) === undefined) {
      // nothing to judge: ready once applied
      t.result = { ref: t.target.ref, outcome: "ready", message: "", durationMs: 0 };
      continue;
    }
    const key = `${resourcePath(t.target.mapping, t.target.ref.namespace)}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  try {
    await Promise.all([...groups.values()].map((group) => watchGroup(client, group, started, options)));
  } catch (error) {
    if (!options.signal.aborted) throw error;
  }
  return tracked.map(
    (t) =>
      t.result ?? {
        ref: t.target.ref,
        outcome: "timeout",
        message: `not ready before the timeout: ${t.readiness?.message ?? "no status observed"}`,
        durationMs: Date.now() - started,
      },
  );
}
