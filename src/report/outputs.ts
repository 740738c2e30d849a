// The step's outputs, as values: `objects` (JSON), `changed`, `result`.
import { changedCount, type RunResult } from "../result.ts";
import { planMarkdown } from "./plan.ts";

export interface ObjectOutput {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  file: string;
  line: number;
  action: string;
  rollout: string;
  durationMs: number;
}

export function objectsOutput(result: RunResult): ObjectOutput[] {
  return result.objects.map((o) => ({
    apiVersion: o.ref.apiVersion,
    kind: o.ref.kind,
    ...(o.ref.namespace === undefined ? {} : { namespace: o.ref.namespace }),
    name: o.ref.name,
    file: o.source.file,
    line: o.source.line,
    action: o.action,
    rollout: o.rollout,
    durationMs: o.durationMs,
  }));
}

export function outputs(result: RunResult): Record<string, string> {
  return {
    objects: JSON.stringify(objectsOutput(result)),
    changed: String(changedCount(result)),
    result: result.result,
    ...(result.mode === "plan" ? { diff: planMarkdown(result) } : {}),
  };
}
