// The shapes of Kubernetes objects as kubeship reads them: only the fields it relies on are typed.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** What names one object: enough to find it on the server. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  /** absent for cluster-scoped objects */
  namespace?: string;
  name: string;
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects: how every message names an object. */
export function describeRef(ref: ObjectRef): string {
  return ref.namespace === undefined ? `${ref.kind}/${ref.name}` : `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** A core Secret, whose values are secrets. */
export function isSecret(object: Pick<KubeObject, "apiVersion" | "kind">): boolean {
  return object.kind === "Secret" && object.apiVersion === "v1";
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  return apiVersion.slice(apiVersion.indexOf("/") + 1);
}

/**
 * `Deployment.apps`, `Pod`: the one spelling of a group/kind key in code, as kubectl writes it and as the
 * ApplySet annotations require (a core kind has no group, hence no dot).
 */
export function groupKind(group: string, kind: string): string {
  return group === "" ? kind : `${kind}.${group}`;
}

/** A CustomResourceDefinition's group and kind, as groupKind writes them. */
export const crdKind = "CustomResourceDefinition.apiextensions.k8s.io";

/** One entry of metadata.managedFields: who set which fields, and how (Apply or Update). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldSet;
  subresource?: string;
}

/** managedFields' fieldsV1: `f:name`, `k:{...}`, `v:...` keys, each a set of the fields below it. */
export interface FieldSet {
  [path: string]: FieldSet;
}

/** A Kubernetes `Status` object, as returned with API errors. */
export interface Status {
  kind: "Status";
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

export function isStatus(value: unknown): value is Status {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "Status";
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export function conditionOf(object: KubeObject, type: string): Condition | undefined {
  const status = object.status as { conditions?: Condition[] } | undefined;
  return status?.conditions?.find((c) => c.type === type);
}
