// Plan mode's diff: the live object against the server's dry-run result, after dropping what the
// server fills in on its own, as readable lines. Secret values never appear; only that they changed.
import fastJsonPatch from "fast-json-patch";
import type { KubeObject } from "../kube/types.ts";

export interface DiffLine {
  op: "add" | "remove" | "replace";
  /** dotted path: spec.template.spec.containers[0].image */
  path: string;
  before?: unknown;
  after?: unknown;
}

const noisyMetadata = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"];

export function isSecret(object: Pick<KubeObject, "apiVersion" | "kind">): boolean {
  return object.kind === "Secret" && object.apiVersion === "v1";
}

/** Secret values replaced by a fingerprint that only tells whether two values are the same. */
function redactSecret(object: KubeObject): KubeObject {
  if (!isSecret(object)) return object;
  const redact = (values: unknown) =>
    typeof values === "object" && values !== null
      ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, `(redacted, ${String(v).length} characters, ${fingerprint(String(v))})`]))
      : values;
  const copy: KubeObject = { ...object };
  if (copy.data !== undefined) copy.data = redact(copy.data);
  if (copy.stringData !== undefined) copy.stringData = redact(copy.stringData);
  return copy;
}

/** A short, non-reversible marker: different values get different markers (almost always). */
function fingerprint(value: string): string {
  let hash = 2166136261;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 16777619);
  return `#${(hash >>> 0).toString(16).padStart(8, "0").slice(0, 4)}`;
}

/** What a diff compares: the object without server-managed noise and without status. */
export function comparable(object: KubeObject | undefined): KubeObject | Record<string, never> {
  if (object === undefined) return {};
  const { status: _status, ...rest } = redactSecret(object);
  const metadata = { ...object.metadata };
  for (const key of noisyMetadata) delete metadata[key];
  return { ...rest, metadata };
}

function dotted(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : /^[A-Za-z_][\w-]*$/.test(part) ? `${path}${path === "" ? "" : "."}${part}` : `${path}["${part}"]`), "");
}

function valueAt(object: unknown, pointer: string): unknown {
  try {
    return fastJsonPatch.getValueByPointer(object, pointer);
  } catch {
    return undefined;
  }
}

export function diffObjects(live: KubeObject | undefined, planned: KubeObject): DiffLine[] {
  const before = comparable(live);
  const after = comparable(planned);
  return fastJsonPatch.compare(before, after).flatMap((op): DiffLine[] => {
    if (op.op === "add") return [{ op: "add", path: dotted(op.path), after: op.value }];
    if (op.op === "remove") return [{ op: "remove", path: dotted(op.path), before: valueAt(before, op.path) }];
    if (op.op === "replace") return [{ op: "replace", path: dotted(op.path), before: valueAt(before, op.path), after: op.value }];
    return [];
  });
}
