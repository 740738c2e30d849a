// API errors from applying one object, turned into what happened and what to do: conflicts name the
// managers and fields, immutable fields name the field and the way out. The object itself is named
// by whoever reports the problem.
import { KubeApiError } from "../kube/errors.ts";

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

/** Why an object was not applied: a phrase that follows the object's name, the server's answer, and the fix. */
export interface ApplyProblem {
  /** `conflicts with another field manager: "helm" owns .data.level` */
  summary: string;
  /** the server's reason and message, as it sent them */
  cause?: { reason: string; message: string; fix?: string };
}

function problem(summary: string, error: KubeApiError, fix: string | undefined): ApplyProblem {
  return {
    summary,
    cause: { reason: error.reason, message: error.message, ...(fix === undefined || fix === "" ? {} : { fix }) },
  };
}

function explainConflict(error: KubeApiError): ApplyProblem {
  const causes = conflictsOf(error);
  const byManager = new Map<string, string[]>();
  for (const c of causes) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.field]);
  const owners = [...byManager].map(([manager, fields]) => `${manager} owns ${fields.join(", ")}`).join("; ");
  const replicasByAutoscaler = causes.some((c) => c.field === ".spec.replicas" && isAutoscaler(c.manager));
  const fix = replicasByAutoscaler
    ? "an autoscaler manages spec.replicas: remove replicas from the manifest and let the autoscaler own it"
    : "set force-conflicts: true to take these fields over, remove them from the manifest, " +
      "or change the manifest to the live values";
  return problem(`conflicts with another field manager: ${owners || error.message}`, error, fix);
}

/** Fields a 422 says cannot change (`spec.selector: Invalid value: …: field is immutable`). */
export function immutableFields(error: KubeApiError): string[] {
  if (error.code !== 422) return [];
  const fromCauses = (error.status?.details?.causes ?? [])
    .filter((c) => /immutable/i.test(c.message ?? ""))
    .map((c) => c.field ?? "");
  if (fromCauses.length > 0) return [...new Set(fromCauses.filter((f) => f !== ""))];
  return /field is immutable/i.test(error.message) ? ["(see the message)"] : [];
}

function explainImmutable(fields: string[], error: KubeApiError): ApplyProblem {
  return problem(
    `cannot be changed in place: ${fields.join(", ")} ${fields.length === 1 ? "is" : "are"} ` +
      `immutable (${error.message})`,
    error,
    `restore the live value, or add the annotation ${recreateAnnotation}: "true" ` +
      "to the object to delete and re-create it",
  );
}

export function explainApplyError(error: unknown): ApplyProblem {
  if (!(error instanceof KubeApiError))
    return { summary: `was not applied: ${error instanceof Error ? error.message : String(error)}` };
  if (error.code === 409 && error.reason === "Conflict") return explainConflict(error);
  const immutable = immutableFields(error);
  if (immutable.length > 0) return explainImmutable(immutable, error);
  // Server-side apply rejects a field outside the schema with a 500, whatever field-validation says.
  const undeclared = /: (\.[\w.[\]="-]+): field not declared in schema/.exec(error.message);
  if (undeclared !== null) {
    return problem(
      `has a field the server's schema does not know: ${undeclared[1] ?? ""}`,
      error,
      "correct the field's name or indentation",
    );
  }
  if (error.code === 400 && /strict decoding error|unknown field|duplicate field/i.test(error.message)) {
    const fields = error.message.replace(/^.*strict decoding error: /, "");
    return problem(
      `has fields the server does not know: ${fields}`,
      error,
      "correct the field names, or set field-validation: Warn",
    );
  }
  return problem(`was not applied: ${error.reason}: ${error.message}`, error, error.hint);
}
