// Plan mode's diff: the live object against the server's dry-run result, after dropping what the
// server fills in on its own, as readable lines. Secret values never appear; only that they changed.
import fastJsonPatch from "fast-json-patch";
import { isSecret, type KubeObject } from "../kube/types.ts";
import { lastAppliedAnnotation } from "./secret-values.ts";

export interface DiffLine {
  op: "add" | "remove" | "replace";
  /** dotted path: spec.template.spec.containers[0].image */
  path: string;
  before?: unknown;
  after?: unknown;
}

const noisyMetadata = ["managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink"];

/**
 * Secret values replaced by markers that say only whether a value changed: no length, no hash (the
 * plan is posted to pull requests, where the runner's masking does not reach).
 */
function redactSecret(object: KubeObject, other: KubeObject | undefined): KubeObject {
  if (!isSecret(object)) return object;
  const redact = (field: "data" | "stringData") => {
    const values = object[field];
    if (typeof values !== "object" || values === null) return values;
    const theirs = (other?.[field] ?? {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        other !== undefined && k in theirs && theirs[k] !== v ? "(redacted, changed)" : "(redacted)",
      ]),
    );
  };
  const copy: KubeObject = { ...object };
  if (copy.data !== undefined) copy.data = redact("data");
  if (copy.stringData !== undefined) copy.stringData = redact("stringData");
  // kubectl's client-side apply keeps the whole Secret, values included, in this annotation.
  const annotations = object.metadata.annotations;
  const lastApplied = annotations?.[lastAppliedAnnotation];
  if (annotations !== undefined && lastApplied !== undefined) {
    const theirs = other?.metadata.annotations?.[lastAppliedAnnotation];
    const marker =
      other !== undefined && theirs !== undefined && theirs !== lastApplied ? "(redacted, changed)" : "(redacted)";
    copy.metadata = { ...object.metadata, annotations: { ...annotations, [lastAppliedAnnotation]: marker } };
  }
  return copy;
}

/**
 * What a diff compares: the object without server-managed noise and without status. `other` is the
 * object it is compared with, so that a changed Secret value shows as changed.
 */
export function comparable(object: KubeObject | undefined, other?: KubeObject): KubeObject | Record<string, never> {
  if (object === undefined) return {};
  const { status: _status, ...rest } = redactSecret(object, other);
  const metadata = { ...rest.metadata };
  for (const key of noisyMetadata) delete metadata[key];
  return { ...rest, metadata };
}

function dotted(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce(
      (path, part) =>
        /^\d+$/.test(part)
          ? `${path}[${part}]`
          : /^[A-Za-z_][\w-]*$/.test(part)
            ? `${path}${path === "" ? "" : "."}${part}`
            : `${path}["${part}"]`,
      "",
    );
}

function valueAt(object: unknown, pointer: string): unknown {
  try {
    return fastJsonPatch.getValueByPointer(object, pointer);
  } catch {
    return undefined;
  }
}

export function diffObjects(live: KubeObject | undefined, planned: KubeObject): DiffLine[] {
  // The live side keeps "(redacted)"; the planned side says "(redacted, changed)" where it differs.
  const before = comparable(live);
  const after = comparable(planned, live);
  return fastJsonPatch.compare(before, after).flatMap((op): DiffLine[] => {
    if (op.op === "add") return [{ op: "add", path: dotted(op.path), after: op.value }];
    if (op.op === "remove") return [{ op: "remove", path: dotted(op.path), before: valueAt(before, op.path) }];
    if (op.op === "replace")
      return [{ op: "replace", path: dotted(op.path), before: valueAt(before, op.path), after: op.value }];
    return [];
  });
}

/**
 * What an apply changed in an object known by its metadata only, of a kind whose generation counts
 * every change outside metadata and status (a CRD): the metadata's lines, and the generation's.
 */
export function metadataDiff(before: KubeObject, after: KubeObject): DiffLine[] {
  const metadataOf = (o: KubeObject): KubeObject => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata });
  const lines = diffObjects(metadataOf(before), metadataOf(after));
  const [was, is] = [before.metadata.generation, after.metadata.generation];
  return was === is ? lines : [...lines, { op: "replace", path: "metadata.generation", before: was, after: is }];
}
