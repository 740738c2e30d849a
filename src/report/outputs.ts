// The step's outputs, as values: `objects` (JSON), `changed`, `result`.
import { changedCount, deletedMembers, type RunResult } from "../result.ts";
import type { ObjectRef } from "../kube/types.ts";
import { planMarkdown } from "./plan.ts";

export interface ObjectOutput {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** where in the manifests; absent for pruned members, which are no longer there */
  file?: string;
  line?: number;
  action: string;
  rollout: string;
  durationMs: number;
}

export function objectsOutput(result: RunResult): ObjectOutput[] {
  const named = (ref: ObjectRef) => ({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
    name: ref.name,
  });
  return [
    ...result.objects.map((o) => ({
      ...named(o.ref),
      file: o.source.file,
      line: o.source.line,
      action: o.action,
      rollout: o.rollout,
      durationMs: o.durationMs,
    })),
    ...deletedMembers(result).map((p) => ({ ...named(p.ref), action: "pruned", rollout: "skipped", durationMs: 0 })),
  ];
}

export function outputs(result: RunResult): Record<string, string> {
  return {
    objects: JSON.stringify(objectsOutput(result)),
    changed: String(changedCount(result)),
    result: result.result,
    ...(result.mode === "plan" ? { diff: planMarkdown(result) } : {}),
  };
}
