// API errors from applying one object, turned into a sentence that says what happened and what to
// do: conflicts name the managers and fields, immutable fields name the field and the way out.
import { KubeApiError } from "../kube/errors.ts";
import { describeRef, type ObjectRef } from "../kube/types.ts";

export const recreateAnnotation = "kubeship.io/recreate";

interface ConflictCause {
  manager: string;
  field: string;
}

/** `conflict with "helm" using apps/v1` → `"helm" using apps/v1` */
function conflictsOf(error: KubeApiError): ConflictCause[] {
  return (error.status?.details?.causes ?? [])
    .filter((c) => c.reason === "FieldManagerConflict")
    .map((c) => ({ manager: (c.message ?? "").replace(/^conflicts? with /, ""), field: c.field ?? "" }));
}

/** An autoscaler scales through the scale subresource, or is a controller known to own replicas. */
function isAutoscaler(manager: string): boolean {
  return /subresource "scale"/.test(manager) || /autoscal|keda|hpa/i.test(manager);
}

export function explainConflict(ref: ObjectRef, error: KubeApiError): string {
  const causes = conflictsOf(error);
  const byManager = new Map<string, string[]>();
  for (const c of causes) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  const owners = [...byManager].map(([manager, fields]) => `${manager} owns ${fields.join(", ")}`).join("; ");
  const replicasByAutoscaler = causes.some((c) => c.field === ".spec.replicas" && isAutoscaler(c.manager));
  const fix = replicasByAutoscaler
    ? "an autoscaler manages spec.replicas: remove replicas from the manifest and let the autoscaler own it"
    : "set force-conflicts: true to take these fields over, remove them from the manifest, or change the manifest to the live values";
  return `${describeRef(ref)} conflicts with another field manager: ${owners || error.message}. Fix: ${fix}`;
}

/** Fields a 422 says cannot change (`spec.selector: Invalid value: …: field is immutable`). */
export function immutableFields(error: KubeApiError): string[] {
  if (error.code !== 422) return [];
  const fromCauses = (error.status?.details?.causes ?? []).filter((c) => /immutable/i.test(c.message ?? "")).map((c) => c.field ?? "");
  if (fromCauses.length > 0) return [...new Set(fromCauses.filter((f) => f !== ""))];
  return /field is immutable/i.test(error.message) ? ["(see the message)"] : [];
}

export function explainImmutable(ref: ObjectRef, fields: string[], error: KubeApiError): string {
  return (
    `${describeRef(ref)} cannot be changed in place: ${fields.join(", ")} ${fields.length === 1 ? "is" : "are"} immutable (${error.message}). ` +
    `Fix: restore the live value, or add the annotation ${recreateAnnotation}: "true" to the object to delete and re-create it`
  );
}

export function explainApplyError(ref: ObjectRef, error: unknown): string {
  if (!(error instanceof KubeApiError)) return `${describeRef(ref)} was not applied: ${error instanceof Error ? error.message : String(error)}`;
  if (error.code === 409 && error.reason === "Conflict") return explainConflict(ref, error);
  const immutable = immutableFields(error);
  if (immutable.length > 0) return explainImmutable(ref, immutable, error);
  // Server-side apply rejects a field outside the schema with a 500, whatever field-validation says.
  const undeclared = /: (\.[\w.[\]="-]+): field not declared in schema/.exec(error.message);
  if (undeclared !== null) {
    return `${describeRef(ref)} has a field the server's schema does not know: ${undeclared[1] ?? ""}. Fix: correct the field's name or indentation`;
  }
  if (error.code === 400 && /strict decoding error|unknown field|duplicate field/i.test(error.message)) {
    return `${describeRef(ref)} has fields the server does not know: ${error.message.replace(/^.*strict decoding error: /, "")}. Fix: correct the field names, or set field-validation: Warn`;
  }
  const hint = error.hint === "" ? "" : `. Fix: ${error.hint}`;
  return `${describeRef(ref)} was not applied: ${error.reason}: ${error.message}${hint}`;
}
